package org.igkit.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;

/**
 * A baseline sampler that returns given arrays, or constant images of the request's shape. A test
 * double for driving {@link org.igkit.api.engine.AttributionEngine} with known baselines.
 */
public final class FixedBaselineSampler implements BaselineSampler {

  private final List<Baseline> given;
  private final float[] constants;

  private FixedBaselineSampler(List<Baseline> given, float[] constants) {
    this.given = given;
    this.constants = constants;
  }

  /** Returns a sampler that always answers these baselines, named {@code given#k}. */
  public static FixedBaselineSampler of(float[]... baselines) {
    List<Baseline> list = new ArrayList<>(baselines.length);
    for (int k = 0; k < baselines.length; k++) {
      list.add(new Baseline("given#" + k, baselines[k].clone()));
    }
    return new FixedBaselineSampler(List.copyOf(list), null);
  }

  /** Returns a sampler of constant images, one per value, named {@code constant-<value>}. */
  public static FixedBaselineSampler constants(float... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: need at least one constant");
    }
    return new FixedBaselineSampler(null, values.clone());
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    List<Baseline> out = new ArrayList<>();
    if (given != null) {
      for (Baseline b : given) {
        out.add(new Baseline(b.name(), b.values().clone()));
      }
      return out;
    }
    for (float c : constants) {
      float[] v = new float[request.shape().size()];
      Arrays.fill(v, c);
      out.add(new Baseline("constant-" + c, v));
    }
    return out;
  }
}
