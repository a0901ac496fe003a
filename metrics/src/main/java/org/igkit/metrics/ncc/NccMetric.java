package org.igkit.metrics.ncc;

import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.metrics.CheckedInput;

/**
 * No-Cancellation Completeness ratios (Salek &amp; Enguehard, "Using the Path of Least Resistance
 * to Explain Deep Networks", arXiv 2502.12108): each is 1 when nothing cancels at its level and
 * lies in [0, 1]; higher is better; no model calls. Four ids share this implementation.
 *
 * <p>With w_k the aggregator's baseline weights, and per baseline k (see
 * {@link org.igkit.api.engine.PathRecord}): Δf_k = f(x) − f(γ_k(0)), TV_k = Σ_j |f(p_{j+1}) −
 * f(p_j)| over the path's points, A_k the path's attribution, S_k = Σ_i |A_k,i|, step
 * contributions c_ij = w_j ∂_i f(p_j) t_ij, T_k = Σ_ij |c_ij| and V_k = Σ_j |Σ_i c_ij|:
 *
 * <ul>
 *   <li>{@code ncc-path}: ρ_path = Σ_k w_k |Δf_k| / Σ_k w_k TV_k — 1 exactly when f is monotone
 *       along every path (the path is a geodesic of the model-induced metric);
 *   <li>{@code ncc-feature}: ρ_feat = |Σ_i A_i| / Σ_i |A_i| of the final map (any method, no
 *       path records needed);
 *   <li>{@code ncc-within}: ρ_within = Σ_k w_k S_k / Σ_k w_k T_k — within-feature sign changes
 *       along the path only;
 *   <li>{@code ncc-step}: ρ_step = Σ_k w_k V_k / Σ_k w_k T_k — steps whose features disagree.
 * </ul>
 *
 * <p>With several baselines the ratios are of weighted sums (not means of per-baseline ratios):
 * they stay in [0, 1], equal 1 only when every baseline of positive weight has no cancellation,
 * and a baseline whose path barely changes f cannot dominate. 0/0 := 1. ρ_within and ρ_step are
 * NaN (not scored) for step rules that do not integrate with node weights (IDGI).
 */
public final class NccMetric implements Metric {

  /** Which ratio. */
  public enum Ratio {
    /** ρ_path. */
    PATH,
    /** ρ_feat. */
    FEATURE,
    /** ρ_within. */
    WITHIN,
    /** ρ_step. */
    STEP
  }

  /** No parameters. */
  public record Spec() {}

  /** The plugin ids. */
  public static final String PATH_ID = "ncc-path";
  /** ρ_feat. */
  public static final String FEATURE_ID = "ncc-feature";
  /** ρ_within. */
  public static final String WITHIN_ID = "ncc-within";
  /** ρ_step. */
  public static final String STEP_ID = "ncc-step";

  /** ρ_path. */
  public static final PluginType<Metric> PATH_TYPE =
      PluginType.of(Metric.class, PATH_ID, Spec.class, s -> new NccMetric(Ratio.PATH),
          "|Δf| / total variation of f along the path (1: no output gained and given back; higher is better)");
  /** ρ_feat. */
  public static final PluginType<Metric> FEATURE_TYPE =
      PluginType.of(Metric.class, FEATURE_ID, Spec.class, s -> new NccMetric(Ratio.FEATURE),
          "|ΣA| / Σ|A|: cancellation between features (higher is better)");
  /** ρ_within. */
  public static final PluginType<Metric> WITHIN_TYPE =
      PluginType.of(Metric.class, WITHIN_ID, Spec.class, s -> new NccMetric(Ratio.WITHIN),
          "Σ_i|A_i| / Σ_ij|c_ij|: cancellation within features along the path (higher is better)",
          Capability.NEEDS_CANCELLATION_SUMS);
  /** ρ_step. */
  public static final PluginType<Metric> STEP_TYPE =
      PluginType.of(Metric.class, STEP_ID, Spec.class, s -> new NccMetric(Ratio.STEP),
          "Σ_j|Σ_i c_ij| / Σ_ij|c_ij|: cancellation between features within steps (higher is better)",
          Capability.NEEDS_CANCELLATION_SUMS);

  private final Ratio ratio;

  /** Creates the metric for one ratio. */
  public NccMetric(Ratio ratio) {
    this.ratio = ratio;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = switch (ratio) {
      case PATH -> PATH_ID;
      case FEATURE -> FEATURE_ID;
      case WITHIN -> WITHIN_ID;
      case STEP -> STEP_ID;
    };
    CheckedInput in = CheckedInput.of(id, input, false);
    if (ratio == Ratio.FEATURE) {
      return MetricValue.of(feature(in.map()));
    }
    Attribution a = input.attribution();
    PathRecords r = PathRecords.of(id, a);
    return MetricValue.of(switch (ratio) {
      case PATH -> PathRecords.ratio(r.sum(p -> Math.abs(p.scoreChange())), r.sum(p -> p.variation()));
      case WITHIN -> PathRecords.ratio(r.sum(p -> p.attributionL1()), r.sum(p -> p.contributionL1()));
      case STEP -> PathRecords.ratio(r.sum(p -> p.stepL1()), r.sum(p -> p.contributionL1()));
      case FEATURE -> throw new AssertionError();
    });
  }

  /** Returns |Σ a_i| / Σ |a_i|, 0/0 := 1. */
  static double feature(double[] map) {
    double sum = 0;
    double abs = 0;
    for (double v : map) {
      sum += v;
      abs += Math.abs(v);
    }
    return PathRecords.ratio(Math.abs(sum), abs);
  }
}
