package org.igkit.api.image;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

class FillTest {

  @Test
  void cornerMeanAveragesTheFourTenPercentCornerPatchesPerChannel() {
    // 2×10×10: 1×1 corner patches. Channel 0 has 1 in the four corners, channel 1 has 8 in one.
    Shape s = Shape.of(2, 10, 10);
    float[] x = new float[s.size()];
    x[s.index(0, 0, 0)] = 1;
    x[s.index(0, 0, 9)] = 1;
    x[s.index(0, 9, 0)] = 1;
    x[s.index(0, 9, 9)] = 1;
    x[s.index(0, 5, 5)] = 100; // not in a corner
    x[s.index(1, 9, 9)] = 8;
    float[] f = Fill.CORNER_MEAN.image(x, s, 1);
    assertThat(f[s.index(0, 4, 4)]).isEqualTo(1f);
    assertThat(f[s.index(1, 0, 3)]).isEqualTo(2f);
  }

  @Test
  void cornerPatchesAreTenPercentOfEachSide() {
    // 1×20×20: 2×2 patches; the pixel (1, 1) is inside the top-left patch, (2, 2) is not.
    Shape s = Shape.of(1, 20, 20);
    float[] x = new float[s.size()];
    x[s.index(0, 1, 1)] = 16;
    x[s.index(0, 2, 2)] = 1000;
    assertThat(Fill.CORNER_MEAN.image(x, s, 1)[0]).isEqualTo(1f);
  }

  @Test
  void channelMeanAndZero() {
    Shape s = Shape.of(2, 1, 2);
    float[] x = {1, 3, 10, 20};
    assertThat(Fill.CHANNEL_MEAN.image(x, s, 1)).containsExactly(2, 2, 15, 15);
    assertThat(Fill.ZERO.image(x, s, 1)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void defaultCornerSizeIsTheFloorOfATenthOfTheHeightAsTheAuthorsIntNotTheRounding() {
    // {H, int(0.1·H), round(0.1·H)}: the sizes where the two differ
    int[][] cases = {{16, 1, 2}, {28, 2, 3}, {56, 5, 6}, {96, 9, 10}, {224, 22, 22}, {5, 1, 1}};
    SplittableRandom g = new SplittableRandom(3);
    for (int[] c : cases) {
      int h = c[0];
      assertThat(Fill.cornerSize(h)).as("H = %d", h).isEqualTo(c[1]);
      Shape s = Shape.of(2, h, h);
      float[] x = new float[s.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) g.nextDouble();
      }
      float[] f = Fill.CORNER_MEAN.image(x, s, 1);
      for (int ch = 0; ch < 2; ch++) {
        assertThat((double) f[s.index(ch, h / 2, h / 2)]).as("H = %d, channel %d", h, ch)
            .isCloseTo(cornerMean(x, s, ch, c[1]), within(1e-6));
        if (c[1] != c[2]) {
          assertThat(Math.abs(f[s.index(ch, 0, 0)] - cornerMean(x, s, ch, c[2]))).isGreaterThan(1e-6);
        }
      }
      // an explicit size: the rounded one, as earlier versions used
      assertThat((double) Fill.CORNER_MEAN.image(x, s, 1, c[2])[0]).isCloseTo(cornerMean(x, s, 0, c[2]), within(1e-6));
    }
  }

  @Test
  void aNonSquareImageGetsSquarePatchesOfTheHeightsSize() {
    // 1×56×28: 5×5 patches (int(5.6)), as the authors' slices [:5, :5], [:5, -5:], …
    Shape s = Shape.of(1, 56, 28);
    float[] x = new float[s.size()];
    x[s.index(0, 4, 23)] = 100; // inside the top-right 5×5 patch
    x[s.index(0, 5, 0)] = 1e6f; // below the top-left patch
    assertThat(Fill.CORNER_MEAN.image(x, s, 1)[0]).isEqualTo(1f); // 100 / (4·25)
  }

  @Test
  void cornerSizeOutsideTheImageIsRefusedNamingTheKey() {
    Shape s = Shape.of(1, 20, 12);
    float[] x = new float[s.size()];
    assertThatThrownBy(() -> Fill.CORNER_MEAN.image(x, s, 1, 13))
        .hasMessage("cornerSize: must be in [0, 12] (0: ⌊0.1·H⌋; at most min(H, W) of the 20×12 image), was 13");
    assertThatThrownBy(() -> Fill.CORNER_MEAN.image(x, s, 1, -1)).hasMessageStartingWith("cornerSize: must be in [0, 12]");
    assertThat(Fill.CORNER_MEAN.image(x, s, 1, 12)).hasSize(s.size());
  }

  /** The mean over the four side × side corner patches of one channel, in double. */
  private static double cornerMean(float[] x, Shape s, int ch, int side) {
    double sum = 0;
    int h = s.height();
    int w = s.width();
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        boolean rows = y < side || y >= h - side;
        boolean cols = xx < side || xx >= w - side;
        if (rows && cols) {
          sum += x[s.index(ch, y, xx)];
        }
      }
    }
    return sum / (4.0 * side * side);
  }
}
