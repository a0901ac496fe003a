package org.igkit.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

class RankedCompositeTest {

  @Test
  void takingTheNextPositionsGivesTheComposeOfTheLargerCount() {
    Shape s = Shape.of(3, 5, 4);
    SplittableRandom random = new SplittableRandom(9);
    float[] base = new float[s.size()];
    float[] donor = new float[s.size()];
    for (int i = 0; i < base.length; i++) {
      base[i] = (float) random.nextDouble();
      donor[i] = (float) random.nextDouble() + 2;
    }
    int[] order = {7, 3, 19, 0, 12, 5, 18, 1, 2, 4, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17};
    float[] image = base.clone();
    int taken = 0;
    for (int k : new int[] {0, 1, 1, 4, 9, 20}) {
      RankedComposite.take(image, donor, s.channels(), s.pixels(), order, taken, k);
      taken = k;
      assertThat(image).containsExactly(RankedComposite.compose(base, donor, s, order, k));
    }
  }
}
