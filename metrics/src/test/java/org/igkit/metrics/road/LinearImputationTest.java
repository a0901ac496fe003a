package org.igkit.metrics.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

class LinearImputationTest {

  @Test
  void aThreeByThreeCaseSolvedByHand() {
    // Removed: corner (0,0) = a and centre (1,1) = c; their old values (100, 200) must not matter.
    //   a's in-image neighbours: (0,1), (1,0) edges 1/6 each, (1,1) corner 1/12:
    //     (5/12)a − (1/12)c = (1/6)(1 + 2)                 ⇔ 5a − c = 6
    //   c's neighbours: edges 1, 2, 3, 4 (1/6), corners a, 5, 6, 7 (1/12):
    //     c − (1/12)a = (1/6)(1 + 2 + 3 + 4) + (1/12)(5 + 6 + 7)  ⇔ 12c − a = 38
    //   ⇒ a = 110/59, c = 196/59.
    float[] image = {
        100, 1, 5,
        2, 200, 3,
        6, 4, 7};
    boolean[] removed = new boolean[9];
    removed[0] = true;
    removed[4] = true;
    double[] v = LinearImputation.impute(image, Shape.of(1, 3, 3), removed);
    assertThat(v[0]).isCloseTo(110.0 / 59, within(1e-9));
    assertThat(v[4]).isCloseTo(196.0 / 59, within(1e-9));
    for (int i : new int[] {1, 2, 3, 5, 6, 7, 8}) {
      assertThat(v[i]).isEqualTo(image[i]);
    }
  }

  @Test
  void oneRemovedPixelIsTheWeightedMeanOfItsNeighbours() {
    // (0,1) on the top edge of a 2×3 image: edges (0,0), (0,2), (1,1) at 1/6, corners (1,0), (1,2)
    // at 1/12; normalised by 1/2 + 1/6 = 2/3.
    float[] image = {1, 99, 2, 3, 4, 5};
    boolean[] removed = {false, true, false, false, false, false};
    double[] v = LinearImputation.impute(image, Shape.of(1, 2, 3), removed);
    double expected = ((1 + 2 + 4) / 6.0 + (3 + 5) / 12.0) / (2.0 / 3);
    assertThat(v[1]).isCloseTo(expected, within(1e-12));
  }

  @Test
  void everyRemovedPixelEqualsItsNeighbourMeanOnALargeRandomCase() {
    Shape s = Shape.of(3, 17, 13);
    float[] image = TestInputs.uniform(11, s.size(), 0, 1);
    SplittableRandom r = new SplittableRandom(12);
    boolean[] removed = new boolean[s.pixels()];
    for (int p = 0; p < removed.length; p++) {
      removed[p] = r.nextDouble() < 0.7;
    }
    double[] v = LinearImputation.impute(image, s, removed);
    int h = s.height();
    int w = s.width();
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < s.pixels(); p++) {
        int i = c * s.pixels() + p;
        if (!removed[p]) {
          assertThat(v[i]).isEqualTo(image[i]);
          continue;
        }
        double num = 0;
        double den = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int y = p / w + dy;
            int x = p % w + dx;
            if ((dy == 0 && dx == 0) || y < 0 || y >= h || x < 0 || x >= w) {
              continue;
            }
            double wt = dy == 0 || dx == 0 ? 1.0 / 6 : 1.0 / 12;
            num += wt * v[c * s.pixels() + y * w + x];
            den += wt;
          }
        }
        assertThat(v[i]).as("channel %d pixel %d", c, p).isCloseTo(num / den, within(1e-8));
      }
    }
  }

  @Test
  void everyPixelRemovedGivesZero() {
    boolean[] all = {true, true, true, true};
    assertThat(LinearImputation.impute(new float[] {1, 2, 3, 4}, Shape.of(1, 2, 2), all)).containsOnly(0.0);
  }
}
