package org.igkit.metrics.diffid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * DiffID, as the SIG (KDD 2026) and MA-GIG (ICML 2026) authors compute it: the accuracy of the
 * input when its least relevant elements are replaced minus its accuracy when its most relevant
 * elements are replaced, averaged over ratios. Three plugins share this class, one per number, so
 * an experiment (which lists each metric id once) can report all three:
 *
 * <ul>
 *   <li>{@code diffid}: mean over ratios of (keep − del) (higher is better); curve (r, keep_r − del_r);
 *   <li>{@code diffid-keep}: mean over ratios of keep_r, the papers' "Ins" column (higher is
 *       better); curve (r, keep_r). It is <em>not</em> the insertion game: nothing is inserted into
 *       a blank image; the k least relevant elements of x are replaced, so x keeps its most
 *       relevant ones;
 *   <li>{@code diffid-del}: mean over ratios of del_r, the papers' "Del" column (lower is better);
 *       curve (r, del_r).
 * </ul>
 *
 * <p>Protocol, exactly (N = C·H·W elements):
 *
 * <ol>
 *   <li>Rank the N elements (every channel separately, no channel sum) by |A|, largest first,
 *       ties by the lower element index (c·H + y)·W + x ({@link MapKernels#rankDescending}, a
 *       stable sort; the authors' {@code argsort} is not stable, so their order of ties is
 *       undefined).
 *   <li>For each ratio r ({@code ratios}, default 0.1, 0.2, …, 0.9): k = int(N·r), the double
 *       product truncated. del_r's image replaces the first k elements of the ranking, keep_r's
 *       the last k (the k lowest |A|).
 *   <li>Replaced elements take the {@code fill} ({@link DiffIdFill}: {@code mean}, {@code zero},
 *       {@code blur}), computed in double precision and rounded once to the image's float.
 *   <li>The class t is the attribution's target ({@code target: attribution}, default; the label
 *       when the run explains labels, as the published numbers do) or the model's argmax at x
 *       ({@code target: predicted}).
 *   <li>Score of an image ({@code score}): {@code binary} (default, as published) = 1 if the argmax
 *       of the model's outputs (lower class index on ties) is t, else 0; {@code soft} =
 *       clamp(f_t(image)/(f_t(x) + 1e-8), 0, 1) with f the model's explained output (the softmax
 *       probability unless the model is configured for logits).
 *   <li>All 2 × ratios images (and x when the score or the target needs it) go through the model
 *       in batches of at most {@code batchSize}.
 * </ol>
 */
public final class DiffIdMetric implements Metric {

  /** Which number the plugin reports. */
  public enum Measure {
    /** Mean of keep_r − del_r. */
    DIFF,
    /** Mean of keep_r (the papers' "Ins"). */
    KEEP,
    /** Mean of del_r. */
    DEL
  }

  /** How a perturbed image is scored. */
  public enum Score {
    /** [argmax = t]. */
    BINARY,
    /** clamp(f_t(image)/(f_t(x) + 1e-8), 0, 1). */
    SOFT
  }

  /** Which class the score is taken for. */
  public enum Target {
    /** The attribution's explained class. */
    ATTRIBUTION,
    /** The model's argmax at x. */
    PREDICTED
  }

  /**
   * @param ratios   the ratios r, each in [0, 1] (default 0.1, 0.2, …, 0.9)
   * @param fill     {@code mean} (default), {@code zero} or {@code blur}
   * @param score    {@code binary} (default) or {@code soft}
   * @param target   {@code attribution} (default) or {@code predicted}
   * @param normMean per-channel mean μ_c of the normalisation the fill is computed in (with
   *                 {@code normStd}; default none: the raw space)
   * @param normStd  per-channel standard deviation σ_c &gt; 0 of that normalisation
   */
  public record Spec(List<Double> ratios, String fill, String score, String target, List<Double> normMean,
      List<Double> normStd) {
    /** Fills defaults and validates. */
    public Spec {
      if (ratios == null) {
        ratios = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
      }
      if (ratios.isEmpty()) {
        throw new IllegalArgumentException("ratios: must list at least one ratio in [0, 1], was []");
      }
      for (int i = 0; i < ratios.size(); i++) {
        if (ratios.get(i) == null) {
          throw new IllegalArgumentException("ratios[" + i + "]: must be a number in [0, 1], was null");
        }
        Checks.inRange("ratios[" + i + "]", 0, 1, ratios.get(i));
      }
      ratios = List.copyOf(ratios);
      fill = Checks.kebab(Checks.option("fill", DiffIdFill.class, fill, DiffIdFill.MEAN));
      score = Checks.kebab(Checks.option("score", Score.class, score, Score.BINARY));
      target = Checks.kebab(Checks.option("target", Target.class, target, Target.ATTRIBUTION));
      if ((normMean == null) != (normStd == null)) {
        throw new IllegalArgumentException((normMean == null ? "normMean" : "normStd")
            + ": must be given together with " + (normMean == null ? "normStd" : "normMean")
            + " (one value per channel), or neither");
      }
      if (normMean != null) {
        if (normMean.isEmpty() || normMean.size() != normStd.size()) {
          throw new IllegalArgumentException("normMean, normStd: must list one value per channel each, had "
              + normMean.size() + " and " + normStd.size() + " values");
        }
        for (int c = 0; c < normMean.size(); c++) {
          if (normMean.get(c) == null || !Double.isFinite(normMean.get(c))) {
            throw new IllegalArgumentException("normMean[" + c + "]: must be a finite number, was " + normMean.get(c));
          }
          Checks.positive("normStd[" + c + "]", normStd.get(c) == null ? Double.NaN : normStd.get(c));
        }
        normMean = List.copyOf(normMean);
        normStd = List.copyOf(normStd);
      }
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null);
    }
  }

  /** The id of the DiffID plugin. */
  public static final String ID = "diffid";
  /** The id of the keep-the-most-relevant ("Ins") plugin. */
  public static final String KEEP_ID = "diffid-keep";
  /** The id of the deletion plugin. */
  public static final String DEL_ID = "diffid-del";

  /** The DiffID plugin. */
  public static final PluginType<Metric> TYPE = PluginType.of(Metric.class, ID, Spec.class,
      s -> new DiffIdMetric(s, Measure.DIFF),
      "DiffID: mean over ratios of keep − del accuracy, elements ranked by |A| (higher is better)");
  /** The keep plugin. */
  public static final PluginType<Metric> KEEP_TYPE = PluginType.of(Metric.class, KEEP_ID, Spec.class,
      s -> new DiffIdMetric(s, Measure.KEEP),
      "DiffID's \"Ins\": accuracy with the k lowest-|A| elements replaced, mean over ratios (higher is better)");
  /** The deletion plugin. */
  public static final PluginType<Metric> DEL_TYPE = PluginType.of(Metric.class, DEL_ID, Spec.class,
      s -> new DiffIdMetric(s, Measure.DEL),
      "DiffID's \"Del\": accuracy with the k highest-|A| elements replaced, mean over ratios (lower is better)");

  private final Spec spec;
  private final Measure measure;
  private final DiffIdFill fill;
  private final Score score;
  private final Target target;

  /** Creates the metric for {@code measure} from its spec. */
  public DiffIdMetric(Spec spec, Measure measure) {
    this.spec = spec;
    this.measure = measure;
    this.fill = Checks.option("fill", DiffIdFill.class, spec.fill(), DiffIdFill.MEAN);
    this.score = Checks.option("score", Score.class, spec.score(), Score.BINARY);
    this.target = Checks.option("target", Target.class, spec.target(), Target.ATTRIBUTION);
  }

  private String id() {
    return switch (measure) {
      case DIFF -> ID;
      case KEEP -> KEEP_ID;
      case DEL -> DEL_ID;
    };
  }

  @Override
  public boolean higherIsBetter() {
    return measure != Measure.DEL;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = id();
    CheckedInput in = CheckedInput.of(id, input, true);
    Shape shape = in.shape();
    int n = shape.size();
    double[] mu = new double[shape.channels()];
    double[] sigma = new double[shape.channels()];
    normalisation(id, shape, mu, sigma);
    double[] magnitude = new double[n];
    for (int i = 0; i < n; i++) {
      magnitude[i] = Math.abs(in.map()[i]);
    }
    int[] order = MapKernels.rankDescending(magnitude);
    double[] blurred = fill == DiffIdFill.BLUR ? ReflectGaussianBlur.blur(in.image(), shape) : null;

    List<Double> ratios = spec.ratios();
    boolean wantDel = measure != Measure.KEEP;
    boolean wantKeep = measure != Measure.DEL;
    boolean needsX = score == Score.SOFT || target == Target.PREDICTED;
    List<float[]> images = new ArrayList<>();
    if (needsX) {
      images.add(in.image());
    }
    for (double r : ratios) {
      int k = (int) (n * r);
      if (wantKeep) {
        images.add(perturbed(in.image(), shape, order, n - k, n, blurred, mu, sigma));
      }
      if (wantDel) {
        images.add(perturbed(in.image(), shape, order, 0, k, blurred, mu, sigma));
      }
    }
    float[][] outputs = outputs(in, id, images);
    int t = target == Target.PREDICTED ? Argmax.of(outputs[0]) : in.target();
    double fx = needsX ? outputs[0][t] : Double.NaN;

    int m = ratios.size();
    double[] x = new double[m];
    double[] keep = new double[m];
    double[] del = new double[m];
    int next = needsX ? 1 : 0;
    for (int j = 0; j < m; j++) {
      x[j] = ratios.get(j);
      if (wantKeep) {
        keep[j] = score(outputs[next++], t, fx);
      }
      if (wantDel) {
        del[j] = score(outputs[next++], t, fx);
      }
    }
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
      y[j] = switch (measure) {
        case DIFF -> keep[j] - del[j];
        case KEEP -> keep[j];
        case DEL -> del[j];
      };
    }
    return new MetricValue(Arrays.stream(y).sum() / m, x, y);
  }

  private double score(float[] out, int t, double fx) {
    if (score == Score.BINARY) {
      return Argmax.of(out) == t ? 1 : 0;
    }
    return Math.min(1, Math.max(0, out[t] / (fx + 1e-8)));
  }

  /** Returns x with the elements order[from…to) replaced by the fill. */
  private float[] perturbed(float[] image, Shape shape, int[] order, int from, int to, double[] blurred,
      double[] mu, double[] sigma) {
    boolean[] replaced = new boolean[image.length];
    for (int r = from; r < to; r++) {
      replaced[order[r]] = true;
    }
    double[] values = fill.values(image, shape, replaced, blurred, mu, sigma);
    float[] out = image.clone();
    for (int i = 0; i < out.length; i++) {
      if (replaced[i]) {
        out[i] = (float) values[i];
      }
    }
    return out;
  }

  private void normalisation(String id, Shape shape, double[] mu, double[] sigma) {
    if (spec.normMean() == null) {
      Arrays.fill(sigma, 1);
      return;
    }
    if (spec.normMean().size() != shape.channels()) {
      throw new MetricException(id + ": normMean and normStd list " + spec.normMean().size()
          + " channels, but the image has " + shape.channels() + " (" + shape + ")");
    }
    for (int c = 0; c < mu.length; c++) {
      mu[c] = spec.normMean().get(c);
      sigma[c] = spec.normStd().get(c);
    }
  }

  private static float[][] outputs(CheckedInput in, String id, List<float[]> images) {
    float[][] out = new float[images.size()][];
    in.outputRows(images, (index, row) -> {
      for (float v : row) {
        if (!Float.isFinite(v)) {
          throw new MetricException(id + ": the model answered the non-finite output " + v
              + " for perturbed image " + index);
        }
      }
      out[index] = row;
    });
    return out;
  }
}
