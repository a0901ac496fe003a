package org.igkit.testkit;

import org.igkit.api.aggregate.BaselineSampler;
import org.junit.jupiter.api.Nested;

/** The kit's baseline samplers keep the baseline-sampler contract. */
class BaselineSamplersTest {

  @Nested
  class Noise implements BaselineSamplerContract {
    @Override
    public BaselineSampler sampler() {
      return new NoiseBaselineSampler(4, -1, 1);
    }
  }

  @Nested
  class Constants implements BaselineSamplerContract {
    @Override
    public BaselineSampler sampler() {
      return FixedBaselineSampler.constants(0, 1);
    }
  }

  @Nested
  class Given implements BaselineSamplerContract {
    @Override
    public BaselineSampler sampler() {
      return FixedBaselineSampler.of(new float[shape().size()]);
    }
  }
}
