package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.DatasetBaselineSampler;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.AggregatorContract;

/** EG, sampling estimator (one random α per baseline): complete only in expectation. */
class UniformSamplingAggregatorTest implements AggregatorContract {
  @Override
  public Aggregator aggregator() {
    return new UniformAggregator(new UniformAggregator.Spec("sampling", null));
  }

  @Override
  public BaselineSampler baselines() {
    return new DatasetBaselineSampler(5);
  }

  @Override
  public boolean complete() {
    return false;
  }
}
