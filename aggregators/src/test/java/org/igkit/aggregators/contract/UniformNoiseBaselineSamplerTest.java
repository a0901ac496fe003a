package org.igkit.aggregators.contract;

import org.igkit.aggregators.baseline.*;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.testkit.BaselineSamplerContract;

/** The baseline-sampler contract for `uniform-noise`. */
class UniformNoiseBaselineSamplerTest implements BaselineSamplerContract {
  @Override
  public BaselineSampler sampler() {
    return new UniformNoiseBaselineSampler(new UniformNoiseBaselineSampler.Spec(3, -1.0, 2.0));
  }
}
