package org.igkit.metrics.perturbation;

import org.igkit.api.image.Fill;
import org.igkit.api.image.GaussianBlur;

import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;

/**
 * AUC of Insertion (Petsiuk et al., RISE, BMVC 2018; as used by Yang et al., IDGI, CVPR 2023
 * §4.3): how fast the model's confidence returns when the most important pixels are put back
 * into an uninformative image. Higher is better.
 *
 * <p>Protocol, exactly:
 *
 * <ol>
 *   <li>Rank the P = H·W spatial positions as {@link DeletionAucMetric} does (channel sum, signed
 *       or absolute, largest first, ties by lower index).
 *   <li>Same grid: p_i = i/steps, i = 0…steps, k_i = round(p_i·P) half up.
 *   <li>Image i is the start image ({@code start}, see {@link Fill}: black = {@code zero} by
 *       default, or {@code blur}) with its top k_i positions, in every channel, taken from x. Image
 *       0 is the start image, the last image is x itself.
 *   <li>y_i = the model's explained output of the attribution's target, in batches of at most
 *       {@code batchSize}; with {@code ratio: true}, y_i is divided by f_c(x), the score of the
 *       last image (the IDGI paper's "probability ratio"); f_c(x) = 0 is then an error.
 *   <li>Value = trapezoid area over the actual fractions k_i/P.
 * </ol>
 */
public final class InsertionAucMetric implements Metric {

  /**
   * @param steps     number of equal intervals of [0, 1] (default 20, i.e. 21 points)
   * @param ranking   {@code signed} (default) or {@code absolute}
   * @param start     the image pixels are inserted into: {@code zero} (black, default),
   *                  {@code blur}, {@code corner-mean} or {@code channel-mean}
   * @param blurSigma σ in pixels of the {@code blur} start image (default 10)
   * @param ratio     divide every score by f_c(x) (default false)
   */
  public record Spec(Integer steps, String ranking, String start, Double blurSigma, Boolean ratio) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 20 : steps);
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED));
      start = Checks.kebab(Checks.option("start", Fill.class, start, Fill.ZERO));
      blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 10.0 : blurSigma);
      ratio = ratio != null && ratio;
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "insertion-auc";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          InsertionAucMetric::new,
          "area under the score curve as the top-ranked pixels are inserted into a black or blurred image (higher is better)");

  private final Spec spec;
  private final Ranking ranking;
  private final Fill start;

  /** Creates the metric from its spec. */
  public InsertionAucMetric(Spec spec) {
    this.spec = spec;
    this.ranking = Checks.option("ranking", Ranking.class, spec.ranking(), Ranking.SIGNED);
    this.start = Checks.option("start", Fill.class, spec.start(), Fill.ZERO);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput in = CheckedInput.of(ID, input, true);
    FractionGrid grid = FractionGrid.of(spec.steps(), in.shape().pixels());
    int[] order = ranking.order(in.map(), in.shape());
    float[] base = start.image(in.image(), in.shape(), spec.blurSigma());
    double[] y = PerturbationCurve.scores(in, base, in.image(), order, grid.counts());
    if (spec.ratio()) {
      double full = y[y.length - 1];
      if (full == 0) {
        throw new MetricException(
            ID + ": ratio: true divides by f_c(x), but the model scores the input 0 for class " + in.target()
                + "; use ratio: false for this model or input");
      }
      for (int i = 0; i < y.length; i++) {
        y[i] /= full;
      }
    }
    return new MetricValue(PerturbationCurve.trapezoid(grid.fractions(), y), grid.fractions().clone(), y);
  }
}
