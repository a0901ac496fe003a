package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.WgPaperBaselineSampler;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.AggregatorContract;

/** Filtered WG, two-stage, dropping the two baselines of lowest fitness. */
class FilteredAggregatorContractTest implements AggregatorContract {
  @Override
  public Aggregator aggregator() {
    return new FilteredAggregator(new FilteredAggregator.Spec(null, "drop-lowest", null, 2, true, 4));
  }

  @Override
  public BaselineSampler baselines() {
    return new WgPaperBaselineSampler(3);
  }

  @Override
  public boolean weighted() {
    return true;
  }
}
