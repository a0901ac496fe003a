package org.igkit.metrics;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;

/** Builds attributions and metric inputs for tests. */
public final class TestInputs {

  private TestInputs() {}

  /** An attribution of class 0 with one black baseline scored 0 and f(x) = {@code inputScore}. */
  public static Attribution attribution(Shape shape, double inputScore, float... values) {
    return new Attribution(
        shape, values, 0, inputScore, List.of("black"), new double[] {0}, new double[] {1}, null, 0, 0, 0, Map.of());
  }

  /** A metric input with no mask. */
  public static MetricInput input(ModelFunction model, float[] x, Attribution a, int batchSize) {
    return new MetricInput(model, x, a, null, batchSize);
  }

  /** Returns {@code n} values uniform in [lo, hi) from a fixed seed. */
  public static float[] uniform(long seed, int n, double lo, double hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble(lo, hi);
    }
    return v;
  }

  /** Returns {@code n} ones. */
  public static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }
}
