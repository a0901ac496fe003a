package org.igkit.aggregators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.model.Shape;

/** Seeded images and baseline sets of the aggregator tests. */
final class TestImages {

  private TestImages() {}

  /** Returns an image of {@code shape} with values drawn uniformly from [0, 1). */
  static float[] image(Shape shape, SplittableRandom g) {
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.nextDouble();
    }
    return x;
  }

  /**
   * Returns black, then white when asked, then {@code noise} images drawn one after the other from
   * a generator seeded {@code seed} (named noise0, noise1, …).
   */
  static List<Baseline> blackWhiteNoise(Shape shape, boolean white, int noise, long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    List<Baseline> b = new ArrayList<>();
    b.add(new Baseline("black", new float[shape.size()]));
    if (white) {
      float[] ones = new float[shape.size()];
      Arrays.fill(ones, 1f);
      b.add(new Baseline("white", ones));
    }
    for (int k = 0; k < noise; k++) {
      b.add(new Baseline("noise" + k, image(shape, g)));
    }
    return b;
  }
}
