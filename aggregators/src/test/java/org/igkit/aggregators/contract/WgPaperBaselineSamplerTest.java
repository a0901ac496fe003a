package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.*;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.BaselineSamplerContract;

/** The baseline-sampler contract for `wg-paper`. */
class WgPaperBaselineSamplerTest implements BaselineSamplerContract {
  @Override
  public BaselineSampler sampler() {
    return new WgPaperBaselineSampler(5);
  }
}
