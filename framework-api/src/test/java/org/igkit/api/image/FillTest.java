package org.igkit.api.image;


import static org.assertj.core.api.Assertions.assertThat;

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
}
