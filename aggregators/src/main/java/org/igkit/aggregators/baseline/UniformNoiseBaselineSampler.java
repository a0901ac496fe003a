package org.igkit.aggregators.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.random.RandomSource;

/** {@code count} images of independent U(low, high) values, seeded per baseline. */
public final class UniformNoiseBaselineSampler implements BaselineSampler {

  /**
   * @param count number of noise images, 1 to 4096 (default 1)
   * @param low   lower bound of the values (default 0)
   * @param high  upper bound of the values (default 1)
   */
  public record Spec(Integer count, Double low, Double high) {
    /** Fills defaults and validates. */
    public Spec {
      count = SampleCount.check(count, 1);
      low = low == null ? 0.0 : low;
      high = high == null ? 1.0 : high;
      if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
        throw new IllegalArgumentException("high: must be finite and > low (" + low + "), was " + high);
      }
    }
  }

  /** The plugin registration. */
  public static final PluginType<BaselineSampler> TYPE =
      PluginType.of(
          BaselineSampler.class,
          "uniform-noise",
          Spec.class,
          UniformNoiseBaselineSampler::new,
          "images of uniform random noise, seeded",
          Capability.STOCHASTIC);

  private final Spec spec;

  /** Creates the sampler. */
  public UniformNoiseBaselineSampler(Spec spec) {
    this.spec = spec;
  }

  /** Returns one noise image drawn from {@code random}. */
  static float[] noise(int size, double low, double high, RandomSource random) {
    SplittableRandom g = random.generator();
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (low + (high - low) * g.nextDouble());
    }
    return v;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    List<Baseline> out = new ArrayList<>(spec.count());
    for (int k = 0; k < spec.count(); k++) {
      out.add(
          new Baseline(
              "uniform-noise#" + k,
              noise(request.shape().size(), spec.low(), spec.high(), request.random().derive("uniform-noise", k))));
    }
    return out;
  }
}
