package org.igkit.metrics.perturbation;

import org.igkit.api.image.Fill;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;

/**
 * The evaluation of Geodesic IG (Salek &amp; Enguehard, arXiv 2502.12108; after DeYoung et al.,
 * ERASER, and Shrikumar et al., DeepLIFT, for log-odds): the model's probability of the target
 * when the top k of the attribution's features are masked (or all but them), over a range of
 * fractions k, as a trapezoid area. Three ids share this implementation.
 *
 * <p>Protocol, exactly:
 *
 * <ol>
 *   <li>Units: the N = C·H·W elements, ranked by |A| ({@code level: element}, {@code ranking:
 *       absolute}, the defaults, as the paper's code), or the P = H·W positions ranked as the
 *       other perturbation metrics do; largest first, ties by lower index.
 *   <li>Fractions f_i = from + i·(to − from)/steps, i = 0…steps (default 0.05…0.65 in 12 steps
 *       of 0.05); k_i = ⌊f_i·N⌋ (the code's {@code int(N·topk)}, with 10⁻⁹ slack for binary
 *       rounding of f_i).
 *   <li>{@code comprehensiveness} and {@code log-odds}: x̃_i = x with its top k_i units replaced by
 *       the fill ({@code replacement}, default {@code zero}). {@code sufficiency}: x̃_i = x with
 *       its bottom ⌊(1 − f_i)·N⌋ units replaced, i.e. the top N − ⌊(1 − f_i)·N⌋ kept.
 *   <li>p = the model's explained output of the attribution's target (softmax probability by
 *       default), of x (one extra image) and of every x̃_i, in batches of at most
 *       {@code batchSize}.
 *   <li>y_i = p(x) − p(x̃_i) (comprehensiveness, higher is better; sufficiency, lower is better) or
 *       log p(x̃_i) − log p(x) (log-odds, lower is better; a score ≤ 0 is an error).
 *   <li>Value = trapezoid area over the nominal f_i: Σ (f_{i+1} − f_i)(y_i + y_{i+1})/2. The curve
 *       (f_i, y_i) is kept. The paper averages each fraction's y over images and integrates the
 *       mean curve; the mean of the per-sample areas in the summary is the same number.
 * </ol>
 *
 * <p>Model calls: steps + 2 images per sample.
 */
public final class TopKMaskingMetric implements Metric {

  /** Which score. */
  public enum Kind {
    /** p(x) − p(x with the top k masked). */
    COMPREHENSIVENESS,
    /** p(x) − p(x with only the top k kept). */
    SUFFICIENCY,
    /** log p(x with the top k masked) − log p(x). */
    LOG_ODDS
  }

  /** What is ranked and masked. */
  public enum Level {
    /** Every element (c, y, x) on its own. */
    ELEMENT,
    /** Every position (y, x), all channels together. */
    POSITION
  }

  /**
   * @param from        smallest fraction (default 0.05), in (0, 1)
   * @param to          largest fraction (default 0.65), in (from, 1)
   * @param steps       equal intervals between them (default 12)
   * @param level       {@code element} (default) or {@code position}
   * @param ranking     {@code absolute} (default) or {@code signed}
   * @param replacement what masked units become: {@code zero} (default), {@code corner-mean},
   *                    {@code blur} or {@code channel-mean}
   * @param blurSigma   σ in pixels of the {@code blur} replacement (default 10)
   */
  public record Spec(Double from, Double to, Integer steps, String level, String ranking, String replacement,
      Double blurSigma) {
    /** Fills defaults and validates. */
    public Spec {
      from = from == null ? 0.05 : from;
      if (!(from > 0 && from < 1)) {
        throw new IllegalArgumentException("from: must be in (0, 1), was " + from);
      }
      to = to == null ? 0.65 : to;
      if (!(to > from && to < 1)) {
        throw new IllegalArgumentException("to: must be in (from = " + from + ", 1), was " + to);
      }
      steps = Checks.atLeast("steps", 1, steps == null ? 12 : steps);
      level = Checks.kebab(Checks.option("level", Level.class, level, Level.ELEMENT));
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.ABSOLUTE));
      replacement = Checks.kebab(Checks.option("replacement", Fill.class, replacement, Fill.ZERO));
      blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 10.0 : blurSigma);
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null, null);
    }
  }

  /** The plugin ids. */
  public static final String COMPREHENSIVENESS_ID = "comprehensiveness";
  /** Sufficiency. */
  public static final String SUFFICIENCY_ID = "sufficiency";
  /** Log-odds. */
  public static final String LOG_ODDS_ID = "log-odds";

  /** Comprehensiveness. */
  public static final PluginType<Metric> COMPREHENSIVENESS_TYPE =
      PluginType.of(Metric.class, COMPREHENSIVENESS_ID, Spec.class, s -> new TopKMaskingMetric(s, Kind.COMPREHENSIVENESS),
          "area of p(x) − p(x with the top-k features masked) over k = 0.05…0.65 (higher is better)");
  /** Sufficiency. */
  public static final PluginType<Metric> SUFFICIENCY_TYPE =
      PluginType.of(Metric.class, SUFFICIENCY_ID, Spec.class, s -> new TopKMaskingMetric(s, Kind.SUFFICIENCY),
          "area of p(x) − p(x with only the top-k features kept) over k = 0.05…0.65 (lower is better)");
  /** Log-odds. */
  public static final PluginType<Metric> LOG_ODDS_TYPE =
      PluginType.of(Metric.class, LOG_ODDS_ID, Spec.class, s -> new TopKMaskingMetric(s, Kind.LOG_ODDS),
          "area of log p(x with the top-k features masked) − log p(x) over k = 0.05…0.65 (lower is better)");

  private final Spec spec;
  private final Kind kind;
  private final Level level;
  private final Ranking ranking;
  private final Fill fill;

  /** Creates the metric of {@code kind} from its spec. */
  public TopKMaskingMetric(Spec spec, Kind kind) {
    this.spec = spec;
    this.kind = kind;
    this.level = Checks.option("level", Level.class, spec.level(), Level.ELEMENT);
    this.ranking = Checks.option("ranking", Ranking.class, spec.ranking(), Ranking.ABSOLUTE);
    this.fill = Checks.option("replacement", Fill.class, spec.replacement(), Fill.ZERO);
  }

  @Override
  public boolean higherIsBetter() {
    return kind == Kind.COMPREHENSIVENESS;
  }

  /** Returns the nominal fractions f_i. */
  public double[] fractions() {
    double[] f = new double[spec.steps() + 1];
    for (int i = 0; i <= spec.steps(); i++) {
      f[i] = spec.from() + i * (spec.to() - spec.from()) / spec.steps();
    }
    return f;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = switch (kind) {
      case COMPREHENSIVENESS -> COMPREHENSIVENESS_ID;
      case SUFFICIENCY -> SUFFICIENCY_ID;
      case LOG_ODDS -> LOG_ODDS_ID;
    };
    CheckedInput in = CheckedInput.of(id, input, true);
    Shape shape = in.shape();
    // Element level: the image seen as one channel of N positions, so that the ranking and the
    // composites of the position-level machinery act on single elements.
    Shape units = level == Level.ELEMENT ? Shape.of(1, 1, shape.size()) : shape;
    CheckedInput view = new CheckedInput(id, in.model(), units, in.image(), in.map(), in.target(), in.mask(),
        in.batchSize());
    int n = units.pixels();
    int[] order = ranking.order(in.map(), units);
    float[] replacement = fill.image(in.image(), shape, spec.blurSigma());
    double[] f = fractions();
    int m = f.length;
    int[] counts = new int[m + 1];
    double[] p;
    double full;
    if (kind == Kind.SUFFICIENCY) {
      // Fill with the top units taken from x; the last count (all N) is x itself.
      for (int i = 0; i < m; i++) {
        counts[i] = n - floor((1 - f[i]) * n);
      }
      counts[m] = n;
      p = PerturbationCurve.scores(view, replacement, in.image(), order, counts);
      full = p[m];
    } else {
      // x with the top units replaced; the first count (0) is x itself.
      counts[0] = 0;
      for (int i = 0; i < m; i++) {
        counts[i + 1] = floor(f[i] * n);
      }
      p = PerturbationCurve.scores(view, in.image(), replacement, order, counts);
      full = p[0];
    }
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      double masked = kind == Kind.SUFFICIENCY ? p[i] : p[i + 1];
      y[i] = switch (kind) {
        case COMPREHENSIVENESS, SUFFICIENCY -> full - masked;
        case LOG_ODDS -> logOdds(id, masked, full, f[i]);
      };
    }
    return new MetricValue(PerturbationCurve.trapezoid(f, y), f, y);
  }

  private static double logOdds(String id, double masked, double full, double fraction) {
    if (!(masked > 0 && full > 0)) {
      throw new MetricException(
          id + ": needs positive probabilities, but the model scores " + (full > 0 ? masked : full)
              + (full > 0 ? " with the top " + fraction + " masked" : " for the input")
              + "; use a probability output (not output: logit)");
    }
    return Math.log(masked) - Math.log(full);
  }

  /** Returns ⌊v⌋ with 10⁻⁹ slack for binary rounding (0.29·100 is 28.999999999999996). */
  static int floor(double v) {
    return (int) Math.floor(v + 1e-9);
  }
}
