package org.igkit.aggregators.fitness;

import java.util.List;
import java.util.Map;
import org.igkit.aggregators.Weights;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.step.StepResult;

/**
 * Weighted Integrated Gradients (Tuan et al., "Weighted Integrated Gradients", Algorithm 1):
 * WG(x) = Σ_k w_k IG(x, x'_k) with w_k = (1/D_α(x'_k)) / Σ_j (1/D_α(x'_j)). A baseline whose
 * attribution finds, in few pixels, what makes the model believe its class gets more weight.
 * D_α and its searches are {@link FitnessSearch}'s; the parameters are {@link FitnessSpec}'s.
 */
public final class FitnessAggregator implements Aggregator {

  /** The plugin registration; its spec is the {@link FitnessSpec}. */
  public static final PluginType<Aggregator> TYPE =
      PluginType.of(
          Aggregator.class,
          "fitness",
          FitnessSpec.class,
          FitnessAggregator::new,
          "Weighted IG: weights ∝ 1/D_α, the fewest pixels whose deletion halves the score (exact scan or fast k-ary search)",
          Capability.WEIGHTED);

  private final FitnessSearch search;

  /** Creates the aggregator. */
  public FitnessAggregator(FitnessSpec spec) {
    this.search = new FitnessSearch(spec);
  }

  @Override
  public AggregateResult aggregate(AggregationContext ctx) {
    List<StepResult> results = ctx.integrate(Weights.all(ctx.baselines().size()), ctx.stepRule());
    FitnessSearch.Result found = search.search(ctx, results.stream().map(StepResult::attribution).toList());
    double[] w = inverseWeights(found.d());
    return new AggregateResult(
        Weights.combine(results, w, ctx.shape().size()), w, toDouble(found.d()), Weights.skipped(results), diagnostics(found),
        found.curves());
  }

  /** Integrates every baseline with the method's rule first, then searches D_α for its class. */
  @Override
  public boolean integratesAllBaselinesFirst() {
    return true;
  }

  /** Returns w_k = (1/D_k) / Σ_j (1/D_j). */
  public static double[] inverseWeights(int[] d) {
    double[] raw = new double[d.length];
    for (int k = 0; k < d.length; k++) {
      raw[k] = 1.0 / d[k];
    }
    return Weights.normalise(raw);
  }

  /** Returns the D values as doubles (the results' fitness column). */
  public static double[] toDouble(int[] d) {
    double[] f = new double[d.length];
    for (int k = 0; k < d.length; k++) {
      f[k] = d[k];
    }
    return f;
  }

  /** The search's counts, for results. */
  public static Map<String, Double> diagnostics(FitnessSearch.Result found) {
    return Map.of(
        "fitnessRounds", (double) found.rounds(),
        "fitnessMasks", (double) found.scoredMasks());
  }
}
