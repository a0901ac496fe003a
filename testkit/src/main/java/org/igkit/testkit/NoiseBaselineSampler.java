package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.spec.Checks;

/**
 * A baseline sampler of {@code count} images with values uniform in [lo, hi), drawn from the
 * request's random source (baseline k from {@code random.derive("noise", k)}). A test double
 * for checking that results depend on the seed and on nothing else.
 */
public final class NoiseBaselineSampler implements BaselineSampler {

  private final int count;
  private final double lo;
  private final double hi;

  /** Creates a sampler of {@code count} noise baselines with values in [lo, hi). */
  public NoiseBaselineSampler(int count, double lo, double hi) {
    this.count = Checks.atLeast("count", 1, count);
    if (!(lo < hi)) {
      throw new IllegalArgumentException("range: lo must be < hi, was [" + lo + ", " + hi + ")");
    }
    this.lo = lo;
    this.hi = hi;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    List<Baseline> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      out.add(
          new Baseline(
              "noise#" + k,
              SeededArrays.uniform(request.random().derive("noise", k), request.shape().size(), lo, hi)));
    }
    return out;
  }
}
