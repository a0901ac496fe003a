package org.igkit.testkit;

import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.junit.jupiter.api.Nested;

/** The kit's equal-weights aggregator keeps the aggregator contract, over seeded and constant baselines. */
class EqualWeightsAggregatorTest {

  @Nested
  class OverNoise implements AggregatorContract {
    @Override
    public Aggregator aggregator() {
      return new EqualWeightsAggregator();
    }

    @Override
    public BaselineSampler baselines() {
      return new NoiseBaselineSampler(3, 0, 1);
    }
  }

  @Nested
  class OverConstants implements AggregatorContract {
    @Override
    public Aggregator aggregator() {
      return new EqualWeightsAggregator();
    }

    @Override
    public BaselineSampler baselines() {
      return FixedBaselineSampler.constants(0, 0.5f, 1);
    }
  }
}
