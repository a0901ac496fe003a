package org.igkit.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.step.StepResult;

/**
 * A = (1/n) Σ_k A_k over every baseline, integrated in one batched pass with the method's step
 * rule: the simplest aggregator, written here so that paths and step rules can be run through
 * {@link org.igkit.api.engine.AttributionEngine} without depending on the aggregators module. A
 * test double, not a registered plugin.
 */
public final class EqualWeightsAggregator implements Aggregator {

  @Override
  public AggregateResult aggregate(AggregationContext context) {
    int n = context.baselines().size();
    List<StepResult> results =
        context.integrate(IntStream.range(0, n).toArray(), context.stepRule());
    double[] sum = new double[context.shape().size()];
    int skipped = 0;
    for (StepResult r : results) {
      double[] a = r.attribution();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += a[i] / n;
      }
      skipped += r.skippedSteps();
    }
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0 / n);
    return new AggregateResult(sum, weights, null, skipped, Map.of());
  }
}
