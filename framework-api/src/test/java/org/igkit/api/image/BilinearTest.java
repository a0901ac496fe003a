package org.igkit.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bilinear resize against hand-computed cases of its definition: half-pixel centres, source
 * coordinate s = max(0, (i + ½)·n/m − ½), edges clamped.
 */
class BilinearTest {

  @Test
  void twoByTwoToThreeByThree() {
    // rows sample at s_y = 0 (clamped from −1/6), 1/2, 7/6 (→ row 1, clamped); columns likewise
    float[] src = {1, 2, 3, 4};
    assertThat(Bilinear.resize(src, 1, 2, 2, 3, 3)).containsExactly(
        1f, 1.5f, 2f,
        2f, 2.5f, 3f,
        3f, 3.5f, 4f);
  }

  @Test
  void channelsAreResizedOneByOne() {
    float[] src = {1, 2, 3, 4, 10, 20, 30, 40};
    assertThat(Bilinear.resize(src, 2, 2, 2, 3, 3)).containsExactly(
        1f, 1.5f, 2f, 2f, 2.5f, 3f, 3f, 3.5f, 4f,
        10f, 15f, 20f, 20f, 25f, 30f, 30f, 35f, 40f);
  }

  @Test
  void doublingARowWeighsQuarters() {
    // s = −1/4 (→ 0), 1/4, 3/4, 5/4 (→ 1, clamped): a, ¾a + ¼b, ¼a + ¾b, b
    assertThat(Bilinear.resize(new float[] {0, 4}, 1, 1, 2, 1, 4)).containsExactly(0f, 1f, 3f, 4f);
  }

  @Test
  void halvingAveragesPairs() {
    // s = 1/2 and 5/2: the means of source pixels 0, 1 and 2, 3
    assertThat(Bilinear.resize(new float[] {2, 4, 8, 16}, 1, 1, 4, 1, 2)).containsExactly(3f, 12f);
    assertThat(Bilinear.resize(new float[] {2, 4, 8, 16}, 1, 4, 1, 2, 1)).containsExactly(3f, 12f);
  }

  @Test
  void oneSourcePixelFillsTheOutputAndTheSameSizeKeepsTheValues() {
    assertThat(Bilinear.resize(new float[] {7}, 1, 1, 1, 2, 3)).containsOnly(7f).hasSize(6);
    float[] src = {0.1f, -2, 3.5f, 1e-7f, 6, 7};
    assertThat(Bilinear.resize(src, 1, 2, 3, 2, 3)).containsExactly(src);
  }
}
