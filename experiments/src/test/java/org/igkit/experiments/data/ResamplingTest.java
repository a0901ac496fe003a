package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.igkit.api.image.Bilinear;
import org.junit.jupiter.api.Test;

/** Area averaging, bilinear enlargement, rounding and silhouettes. */
class ResamplingTest {

  @Test
  void areaCropAtTheOutputSizeIsTheCropAndAveragesExactlyWhenShrinking() {
    float[] src = new float[8 * 8];
    for (int i = 0; i < src.length; i++) {
      src[i] = i;
    }
    float[] same = Resampling.areaCrop(src, 8, 8, 2, 3, 4, 4);
    assertThat(same[0]).isEqualTo(src[2 * 8 + 3]);
    assertThat(same[15]).isEqualTo(src[5 * 8 + 6]);
    float[] half = Resampling.areaCrop(src, 8, 8, 0, 0, 8, 4);
    assertThat(half[0]).isEqualTo((0 + 1 + 8 + 9) / 4f);
    float[] third = Resampling.areaCrop(src, 8, 8, 0, 0, 6, 4); // 1.5 source pixels per output
    double expected = (src[0] + 0.5 * src[1] + 0.5 * src[8] + 0.25 * src[9]) / 2.25;
    assertThat((double) third[0]).isCloseTo(expected, within(1e-5));
  }

  @Test
  void aConstantImageStaysConstantUnderEveryResampling() {
    float[] src = new float[50 * 40];
    java.util.Arrays.fill(src, 0.3f);
    for (float v : Resampling.areaCrop(src, 50, 40, 3, 1, 37, 16)) {
      assertThat((double) v).isCloseTo(0.3, within(1e-6));
    }
    for (float v : Bilinear.resize(src, 1, 50, 40, 77, 13)) {
      assertThat((double) v).isCloseTo(0.3, within(1e-6));
    }
  }

  @Test
  void quantiseRoundsToMultiplesOf1Over255() {
    assertThat(Resampling.quantise(0.5)).isEqualTo(128 / 255f);
    assertThat(Resampling.quantise(-0.1)).isEqualTo(0f);
    assertThat(Resampling.quantise(1.7)).isEqualTo(1f);
  }

  @Test
  void silhouettesAreThresholdedWithEnclosedHolesFilled() {
    int n = 7;
    float[] ring = new float[n * n];
    for (int y = 1; y <= 5; y++) {
      for (int x = 1; x <= 5; x++) {
        boolean edge = y == 1 || y == 5 || x == 1 || x == 5;
        ring[y * n + x] = edge ? 0.5f : 0f;
      }
    }
    ring[0] = 5 / 255f; // faint noise below the threshold
    boolean[] s = Silhouette.of(ring, n, n);
    int count = 0;
    for (boolean b : s) {
      count += b ? 1 : 0;
    }
    assertThat(count).isEqualTo(25);
    assertThat(s[3 * n + 3]).isTrue();
    assertThat(s[0]).isFalse();
  }
}
