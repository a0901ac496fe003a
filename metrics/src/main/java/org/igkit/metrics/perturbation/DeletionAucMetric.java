package org.igkit.metrics.perturbation;

import org.igkit.api.image.Fill;
import org.igkit.api.image.GaussianBlur;

import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.Ranking;

/**
 * AUC of Deletion (Tuan et al., "Weighted Integrated Gradients", §6.1; Petsiuk et al., RISE,
 * BMVC 2018): how fast the model's confidence falls when the most important pixels are removed.
 * Lower is better.
 *
 * <p>Protocol, exactly:
 *
 * <ol>
 *   <li>Rank the P = H·W spatial positions by the attribution summed over channels (or by the sum
 *       of absolute values, {@code ranking: absolute}), largest first, ties by lower position
 *       index.
 *   <li>For p_i = i/steps, i = 0…steps (both endpoints, steps + 1 points), let k_i = round(p_i·P),
 *       half up ({@link FractionGrid}).
 *   <li>Image i is x with its top k_i positions, in every channel, replaced by the fill image
 *       ({@code replacement}, see {@link Fill}).
 *   <li>y_i = the model's explained output (softmax probability unless the model is configured
 *       otherwise) of the attribution's target class, scored in batches of at most
 *       {@code batchSize} images, many fractions per batch.
 *   <li>Value = trapezoid area over the actual fractions k_i/P: Σ (x_{i+1} − x_i)(y_i + y_{i+1})/2.
 * </ol>
 *
 * <p>The curve (x = k_i/P, y = y_i) is kept in the {@link MetricValue}. y_0 is f_c(x) as the model
 * scores it now (not the attribution's stored input score).
 */
public final class DeletionAucMetric implements Metric {

  /**
   * @param steps       number of equal intervals of [0, 1] (default 20, i.e. 21 points)
   * @param ranking     {@code signed} (default) or {@code absolute}
   * @param replacement what removed pixels become: {@code zero} (default), {@code corner-mean},
   *                    {@code blur} or {@code channel-mean}
   * @param blurSigma   σ in pixels of the {@code blur} replacement (default 10)
   */
  public record Spec(Integer steps, String ranking, String replacement, Double blurSigma) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 20 : steps);
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED));
      replacement = Checks.kebab(Checks.option("replacement", Fill.class, replacement, Fill.ZERO));
      blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 10.0 : blurSigma);
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "deletion-auc";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          DeletionAucMetric::new,
          "area under the score curve as the top-ranked pixels are removed (lower is better)");

  private final Spec spec;
  private final Ranking ranking;
  private final Fill fill;

  /** Creates the metric from its spec. */
  public DeletionAucMetric(Spec spec) {
    this.spec = spec;
    this.ranking = Checks.option("ranking", Ranking.class, spec.ranking(), Ranking.SIGNED);
    this.fill = Checks.option("replacement", Fill.class, spec.replacement(), Fill.ZERO);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput in = CheckedInput.of(ID, input, true);
    FractionGrid grid = FractionGrid.of(spec.steps(), in.shape().pixels());
    int[] order = ranking.order(in.map(), in.shape());
    float[] replacement = fill.image(in.image(), in.shape(), spec.blurSigma());
    double[] y = PerturbationCurve.scores(in, in.image(), replacement, order, grid.counts());
    return new MetricValue(PerturbationCurve.trapezoid(grid.fractions(), y), grid.fractions().clone(), y);
  }
}
