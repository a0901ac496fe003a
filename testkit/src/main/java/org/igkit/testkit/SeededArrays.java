package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/** Seeded random inputs, baselines and reference images for tests; no hidden randomness. */
public final class SeededArrays {

  private SeededArrays() {}

  /** Returns {@code n} floats drawn uniformly from [lo, hi) by {@code random}. */
  public static float[] uniform(RandomSource random, int n, double lo, double hi) {
    SplittableRandom g = random.generator();
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) g.nextDouble(lo, hi);
    }
    return a;
  }

  /** Returns {@code count} images of {@code shape} with pixels uniform in [0, 1). */
  public static List<float[]> images(RandomSource random, Shape shape, int count) {
    List<float[]> images = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      images.add(uniform(random.derive("image", k), shape.size(), 0, 1));
    }
    return images;
  }
}
