package org.igkit.aggregators.uniform;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.aggregators.Weights;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Equal weights over the baselines: Expected Gradients (Erion et al., 2021),
 * EG(x) = E_{x'~D, α~U(0,1)} [(x − x') ⊙ ∇f(x' + α(x − x'))]. Two estimators:
 *
 * <ul>
 *   <li>{@code integral} (default) — the full path integral per baseline with the method's step
 *       rule, averaged over the baselines (the WG paper's eq. 2);
 *   <li>{@code sampling} — {@code samples} uniformly random α per baseline, each weighted
 *       1/samples (SHAP's GradientExplainer and the WG authors' code use one). Unbiased for the
 *       same expectation; the α are drawn from the seeded source, per baseline.
 * </ul>
 */
public final class UniformAggregator implements Aggregator {

  /** The two estimators of the expectation over α. */
  public enum Estimator {
    INTEGRAL,
    SAMPLING
  }

  /**
   * @param estimator {@code integral} (default) or {@code sampling}
   * @param samples   random α per baseline for the sampling estimator (default 1)
   */
  public record Spec(String estimator, Integer samples) {
    /** Fills defaults and validates. */
    public Spec {
      estimator = Checks.kebab(Checks.option("estimator", Estimator.class, estimator, Estimator.INTEGRAL));
      samples = Checks.atLeast("samples", 1, samples == null ? 1 : samples);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Aggregator> TYPE =
      PluginType.of(
          Aggregator.class,
          "uniform",
          Spec.class,
          UniformAggregator::new,
          "equal weights over the baselines: Expected Gradients (integral or sampling estimator)");

  private final Estimator estimator;
  private final int samples;

  /** Creates the aggregator from its spec. */
  public UniformAggregator(Spec spec) {
    this.estimator = Checks.option("estimator", Estimator.class, spec.estimator(), Estimator.INTEGRAL);
    this.samples = spec.samples();
  }

  @Override
  public AggregateResult aggregate(AggregationContext ctx) {
    int n = ctx.baselines().size();
    List<StepResult> results =
        estimator == Estimator.INTEGRAL
            ? ctx.integrate(Weights.all(n), ctx.stepRule())
            : ctx.integrate(Weights.all(n), k -> sampledRule(ctx, k));
    double[] w = Weights.uniform(n);
    return new AggregateResult(Weights.combine(results, w, ctx.shape().size()), w, null, Weights.skipped(results), Map.of());
  }

  /** The integral estimator integrates every baseline with the method's rule first; sampling draws its own rules. */
  @Override
  public boolean integratesAllBaselinesFirst() {
    return estimator == Estimator.INTEGRAL;
  }

  /** The Monte-Carlo rule of baseline k: {@code samples} sorted uniform α, seeded per baseline. */
  private StepRule sampledRule(AggregationContext ctx, int k) {
    SplittableRandom g = ctx.random().derive("alpha", k).generator();
    double[] a = new double[samples];
    for (int i = 0; i < samples; i++) {
      a[i] = g.nextDouble();
    }
    java.util.Arrays.sort(a);
    return NodesStepRule.monteCarlo(a);
  }
}
