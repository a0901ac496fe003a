package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.*;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.BaselineSamplerContract;

/** The baseline-sampler contract for `white`. */
class WhiteBaselineSamplerTest implements BaselineSamplerContract {
  @Override
  public BaselineSampler sampler() {
    return new ConstantBaselineSampler("white", 1f);
  }
}
