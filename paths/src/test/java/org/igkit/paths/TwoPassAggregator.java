package org.igkit.paths;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.step.StepResult;

/**
 * A test double with the call pattern of the fitness (WG) aggregator, which the paths module cannot
 * depend on (the aggregators module depends on this one for its tests; Maven rejects the cycle):
 * a cheap pass over every baseline with {@code stepRule().withSteps(4)}, unequal weights from it
 * (w_k ∝ 1 / (1 + |Σ A_k|) of the cheap pass), then the full integral of every baseline, combined
 * with those weights.
 */
public final class TwoPassAggregator implements Aggregator {

  @Override
  public AggregateResult aggregate(AggregationContext ctx) {
    int n = ctx.baselines().size();
    int[] all = IntStream.range(0, n).toArray();
    List<StepResult> cheap = ctx.integrate(all, ctx.stepRule().withSteps(4));
    double[] w = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (double v : cheap.get(k).attribution()) {
        s += v;
      }
      w[k] = 1 / (1 + Math.abs(s));
      total += w[k];
    }
    List<StepResult> full = ctx.integrate(all, ctx.stepRule());
    double[] sum = new double[ctx.shape().size()];
    int skipped = 0;
    for (int k = 0; k < n; k++) {
      w[k] /= total;
      double[] a = full.get(k).attribution();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += w[k] * a[i];
      }
      skipped += full.get(k).skippedSteps();
    }
    return new AggregateResult(sum, w, null, skipped, Map.of());
  }
}
