package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.WgPaperBaselineSampler;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.AggregatorContract;

/** WG over the WG paper's six baselines. */
class FitnessAggregatorContractTest implements AggregatorContract {
  @Override
  public Aggregator aggregator() {
    return new FitnessAggregator(FitnessSpec.defaults().withCandidatesPerRound(4));
  }

  @Override
  public BaselineSampler baselines() {
    return new WgPaperBaselineSampler(0);
  }

  @Override
  public boolean weighted() {
    return true;
  }
}
