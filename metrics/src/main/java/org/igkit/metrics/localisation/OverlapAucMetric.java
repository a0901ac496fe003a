package org.igkit.metrics.localisation;

import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;

/**
 * AUC of Overlap (Tuan et al., "Weighted Integrated Gradients", eq. 7–8): how well the
 * top-ranked pixels of an attribution fall inside the ground-truth object. Higher is better; no
 * model calls.
 *
 * <p>Protocol, exactly:
 *
 * <ol>
 *   <li>S = the positions whose mask value ({@link MetricInput#mask()}, H×W) is &gt; 0.5; |S| ≥ 1.
 *   <li>Rank the H·W positions by the channel-summed attribution (signed by default, or absolute),
 *       largest first, ties by lower position index.
 *   <li>For p_i = i/N, i = 1…N, T_i = the top t_i = max(1, round(p_i·|S|)) positions (half up).
 *   <li>score_i = |T_i ∩ S| / t_i. The paper writes p·|S| in the denominator; igkit uses the
 *       size of T_i itself, so a perfect ranking scores exactly 1 at every p even where p·|S| is
 *       not a whole number.
 *   <li>Value = (1/N) Σ_i score_i. The curve (x = p_i, y = score_i) is kept.
 * </ol>
 */
public final class OverlapAucMetric implements Metric {

  /**
   * @param steps   N, the number of proportions p_i = i/N (default 100)
   * @param ranking {@code signed} (default) or {@code absolute}
   */
  public record Spec(Integer steps, String ranking) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 100 : steps);
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "overlap-auc";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          OverlapAucMetric::new,
          "mean share of the top p·|S| pixels inside the ground-truth mask S, p = 1/N…1 (higher is better; needs masks)",
          Capability.NEEDS_MASKS);

  private final int steps;
  private final Ranking ranking;

  /** Creates the metric from its spec. */
  public OverlapAucMetric(Spec spec) {
    this.steps = spec.steps();
    this.ranking = Checks.option("ranking", Ranking.class, spec.ranking(), Ranking.SIGNED);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput in = CheckedInput.of(ID, input, false);
    int pixels = in.shape().pixels();
    float[] mask = in.mask();
    if (mask == null) {
      throw new MetricException(
          ID + ": needs a ground-truth H×W object mask, but the input has none; use a data set with masks "
              + "or drop this metric");
    }
    if (mask.length != pixels) {
      throw new MetricException(
          ID + ": the mask has " + mask.length + " values, expected H×W = " + in.shape().height() + "×"
              + in.shape().width() + " = " + pixels);
    }
    int[] order = ranking.order(in.map(), in.shape());
    // hits[t] = |top-t ∩ S|
    int[] hits = new int[pixels + 1];
    for (int t = 0; t < pixels; t++) {
      float m = mask[order[t]];
      if (!Float.isFinite(m)) {
        throw new MetricException(ID + ": the mask has the non-finite value " + m + " at position " + order[t]);
      }
      hits[t + 1] = hits[t] + (m > 0.5f ? 1 : 0);
    }
    int size = hits[pixels];
    if (size == 0) {
      throw new MetricException(ID + ": the mask is empty (no value > 0.5), so overlap is undefined");
    }
    double[] x = new double[steps];
    double[] y = new double[steps];
    double sum = 0;
    for (int i = 1; i <= steps; i++) {
      double p = (double) i / steps;
      int t = Math.max(1, (int) Math.round(p * size));
      x[i - 1] = p;
      y[i - 1] = (double) hits[t] / t;
      sum += y[i - 1];
    }
    return new MetricValue(sum / steps, x, y);
  }
}
