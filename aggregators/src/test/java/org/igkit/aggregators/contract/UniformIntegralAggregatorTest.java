package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.AggregatorContract;

/** EG, integral estimator: equal weights, complete. */
class UniformIntegralAggregatorTest implements AggregatorContract {
  @Override
  public Aggregator aggregator() {
    return new UniformAggregator(new UniformAggregator.Spec("integral", null));
  }

  @Override
  public BaselineSampler baselines() {
    return new UniformNoiseBaselineSampler(new UniformNoiseBaselineSampler.Spec(3, null, null));
  }
}
