package org.igkit.metrics.road;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * ROAD, RemOve And Debias (Rong et al., ICML 2022; the protocol of tleemann/road_evaluation as the
 * SIG authors ship it): pixels are removed in the order of the attribution and filled by noisy
 * linear imputation. Three plugins share this class and its random draws, so an experiment can
 * report all three and road-gap = road-lerf − road-morf exactly:
 *
 * <ul>
 *   <li>{@code road-morf}: most relevant first, mean score over the percentages (lower is better);
 *   <li>{@code road-lerf}: least relevant first, mean score over the percentages (higher is better);
 *   <li>{@code road-gap}: mean over the percentages of LeRF − MoRF (higher is better).
 * </ul>
 *
 * <p>Protocol, exactly (P = H·W pixels):
 *
 * <ol>
 *   <li>Saliency per pixel s = |Σ_c A| ({@code saliency: abs-of-sum}, default, as the authors; the
 *       signed channel sum is taken first) or Σ_c |A| ({@code sum-of-abs}); min-max normalised,
 *       (s − min)/(max − min), all 0 for a constant map; plus {@code saliencyNoise}·N(0,1) per pixel
 *       (default 1e-4), one draw per pixel, the same for every percentage. Pixels are ranked
 *       largest first, ties by lower index.
 *   <li>For each percentage p ({@code percentages}, default 0.1, …, 0.9): k = int(P·p), the double
 *       product truncated. MoRF removes the top k pixels (all channels); LeRF keeps only the top k
 *       and removes the other P − k.
 *   <li>Removed pixels are filled by {@link LinearImputation} (the weighted mean of their in-image
 *       8 neighbours, solved jointly), then {@code noise}·N(0,1) (default 0.01) is added to every
 *       removed element; kept pixels are untouched. Values are in the space the images are given
 *       in (igkit: the model's raw input, [0, 1]); the imputation is the same in a normalised space
 *       (its weights sum to 1), the noise is not: 0.01 there is 0.01·σ_c here.
 *   <li>Score ({@code score}): {@code output} (default) = the model's explained output of the
 *       attribution's target class (the softmax probability unless configured for logits);
 *       {@code binary} = 1 when the argmax (lower class on ties) is that class, else 0. Images
 *       are scored in batches of at most {@code batchSize}.
 *   <li>Curves: (p, y_p) of the plugin's game (road-gap: (p, LeRF_p − MoRF_p)); value = their plain
 *       mean over the percentages.
 * </ol>
 *
 * <p>Randomness: every draw comes from the {@link MetricInput#random()} source, which the runner
 * derives from the experiment seed and the sample (equal for every method of a sample: a paired
 * comparison): child {@code road → saliency} for the saliency noise, {@code road → morf#j} and
 * {@code road → lerf#j} for the imputation noise at percentage j; standard normals by Box–Muller.
 * An input without a source (a caller outside the runner) uses {@code RandomSource.of(seed)}.
 */
public final class RoadMetric implements Metric {

  /** Which number the plugin reports. */
  public enum Measure {
    /** Most relevant first. */
    MORF,
    /** Least relevant first. */
    LERF,
    /** LeRF − MoRF. */
    GAP
  }

  /** How channels are combined into a pixel's saliency. */
  public enum Saliency {
    /** |Σ_c A|. */
    ABS_OF_SUM,
    /** Σ_c |A|. */
    SUM_OF_ABS
  }

  /** How an imputed image is scored. */
  public enum Score {
    /** The explained output of the target class. */
    OUTPUT,
    /** [argmax = target]. */
    BINARY
  }

  /**
   * @param percentages   the fractions p, each in [0, 1] (default 0.1, 0.2, …, 0.9)
   * @param noise         σ of the noise added to imputed elements, ≥ 0 (default 0.01)
   * @param saliencyNoise σ of the noise added to the normalised saliency, ≥ 0 (default 1e-4)
   * @param saliency      {@code abs-of-sum} (default) or {@code sum-of-abs}
   * @param score         {@code output} (default) or {@code binary}
   * @param seed          the seed used only when the input carries no random source (default 0)
   */
  public record Spec(List<Double> percentages, Double noise, Double saliencyNoise, String saliency, String score,
      Long seed) {
    /** Fills defaults and validates. */
    public Spec {
      if (percentages == null) {
        percentages = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
      }
      if (percentages.isEmpty()) {
        throw new IllegalArgumentException("percentages: must list at least one fraction in [0, 1], was []");
      }
      for (int i = 0; i < percentages.size(); i++) {
        if (percentages.get(i) == null) {
          throw new IllegalArgumentException("percentages[" + i + "]: must be a number in [0, 1], was null");
        }
        Checks.inRange("percentages[" + i + "]", 0, 1, percentages.get(i));
      }
      percentages = List.copyOf(percentages);
      noise = Checks.inRange("noise", 0, Double.MAX_VALUE, noise == null ? 0.01 : noise);
      saliencyNoise = Checks.inRange("saliencyNoise", 0, Double.MAX_VALUE, saliencyNoise == null ? 1e-4 : saliencyNoise);
      saliency = Checks.kebab(Checks.option("saliency", Saliency.class, saliency, Saliency.ABS_OF_SUM));
      score = Checks.kebab(Checks.option("score", Score.class, score, Score.OUTPUT));
      seed = seed == null ? 0L : seed;
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null);
    }
  }

  /** The id of the MoRF plugin. */
  public static final String MORF_ID = "road-morf";
  /** The id of the LeRF plugin. */
  public static final String LERF_ID = "road-lerf";
  /** The id of the gap plugin. */
  public static final String GAP_ID = "road-gap";

  /** The MoRF plugin. */
  public static final PluginType<Metric> MORF_TYPE = PluginType.of(Metric.class, MORF_ID, Spec.class,
      s -> new RoadMetric(s, Measure.MORF),
      "ROAD MoRF: mean score as the most relevant pixels are removed by noisy linear imputation (lower is better)");
  /** The LeRF plugin. */
  public static final PluginType<Metric> LERF_TYPE = PluginType.of(Metric.class, LERF_ID, Spec.class,
      s -> new RoadMetric(s, Measure.LERF),
      "ROAD LeRF: mean score keeping only the most relevant pixels, the rest imputed (higher is better)");
  /** The gap plugin. */
  public static final PluginType<Metric> GAP_TYPE = PluginType.of(Metric.class, GAP_ID, Spec.class,
      s -> new RoadMetric(s, Measure.GAP),
      "ROAD gap: mean over percentages of LeRF − MoRF score (higher is better)");

  private final Spec spec;
  private final Measure measure;
  private final Saliency saliency;
  private final Score score;

  /** Creates the metric for {@code measure} from its spec. */
  public RoadMetric(Spec spec, Measure measure) {
    this.spec = spec;
    this.measure = measure;
    this.saliency = Checks.option("saliency", Saliency.class, spec.saliency(), Saliency.ABS_OF_SUM);
    this.score = Checks.option("score", Score.class, spec.score(), Score.OUTPUT);
  }

  private String id() {
    return switch (measure) {
      case MORF -> MORF_ID;
      case LERF -> LERF_ID;
      case GAP -> GAP_ID;
    };
  }

  @Override
  public boolean higherIsBetter() {
    return measure != Measure.MORF;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = id();
    CheckedInput in = CheckedInput.of(id, input, true);
    Shape shape = in.shape();
    int pixels = shape.pixels();
    RandomSource root = (input.random() != null ? input.random() : RandomSource.of(spec.seed())).derive("road");
    int[] order = MapKernels.rankDescending(saliency(in, root));

    List<Double> percentages = spec.percentages();
    boolean wantMorf = measure != Measure.LERF;
    boolean wantLerf = measure != Measure.MORF;
    List<float[]> images = new ArrayList<>();
    for (int j = 0; j < percentages.size(); j++) {
      int k = (int) (pixels * percentages.get(j));
      if (wantMorf) {
        images.add(imputed(in, order, 0, k, root.derive("morf", j)));
      }
      if (wantLerf) {
        images.add(imputed(in, order, k, pixels, root.derive("lerf", j)));
      }
    }
    double[] scores = scores(in, id, images);
    int m = percentages.size();
    double[] x = new double[m];
    double[] y = new double[m];
    int next = 0;
    for (int j = 0; j < m; j++) {
      x[j] = percentages.get(j);
      double morf = wantMorf ? scores[next++] : 0;
      double lerf = wantLerf ? scores[next++] : 0;
      y[j] = switch (measure) {
        case MORF -> morf;
        case LERF -> lerf;
        case GAP -> lerf - morf;
      };
    }
    return new MetricValue(Arrays.stream(y).sum() / m, x, y);
  }

  /** The min-max-normalised pixel saliency plus the fixed per-pixel noise. */
  private double[] saliency(CheckedInput in, RandomSource root) {
    int channels = in.shape().channels();
    int pixels = in.shape().pixels();
    double[] s = new double[pixels];
    for (int p = 0; p < pixels; p++) {
      double v = 0;
      for (int c = 0; c < channels; c++) {
        double a = in.map()[c * pixels + p];
        v += saliency == Saliency.SUM_OF_ABS ? Math.abs(a) : a;
      }
      s[p] = saliency == Saliency.ABS_OF_SUM ? Math.abs(v) : v;
    }
    double min = Arrays.stream(s).min().orElse(0);
    double max = Arrays.stream(s).max().orElse(0);
    SplittableRandom g = root.derive("saliency").generator();
    for (int p = 0; p < pixels; p++) {
      double normalised = max > min ? (s[p] - min) / (max - min) : 0;
      s[p] = normalised + spec.saliencyNoise() * gaussian(g);
    }
    return s;
  }

  /** x with the pixels order[from…to) removed, imputed and noised. */
  private float[] imputed(CheckedInput in, int[] order, int from, int to, RandomSource random) {
    int pixels = in.shape().pixels();
    boolean[] removed = new boolean[pixels];
    for (int r = from; r < to; r++) {
      removed[order[r]] = true;
    }
    double[] v = LinearImputation.impute(in.image(), in.shape(), removed);
    SplittableRandom g = random.generator();
    float[] out = in.image().clone();
    for (int c = 0; c < in.shape().channels(); c++) {
      for (int p = 0; p < pixels; p++) {
        if (removed[p]) {
          int i = c * pixels + p;
          out[i] = (float) (v[i] + spec.noise() * gaussian(g));
        }
      }
    }
    return out;
  }

  private double[] scores(CheckedInput in, String id, List<float[]> images) {
    double[] out = new double[images.size()];
    int t = in.target();
    in.outputRows(images, (index, row) -> {
      if (!Float.isFinite(row[t])) {
        throw new MetricException(id + ": the model's score of class " + t + " is " + row[t]
            + " for imputed image " + index);
      }
      out[index] = score == Score.BINARY ? (Argmax.of(row) == t ? 1 : 0) : row[t];
    });
    return out;
  }

  /** A standard normal draw by Box–Muller (one of the pair). */
  static double gaussian(SplittableRandom g) {
    double u = 1.0 - g.nextDouble(); // (0, 1]
    double v = g.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
