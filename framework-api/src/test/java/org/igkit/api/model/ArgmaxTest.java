package org.igkit.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argmax: the first index of the largest value; NaN never wins a comparison. */
class ArgmaxTest {

  private static final float NAN = Float.NaN;

  @Test
  void theLargestValue() {
    assertThat(Argmax.of(new float[] {0.1f, 0.7f, 0.2f})).isEqualTo(1);
    assertThat(Argmax.of(new float[] {-3, -1, -2})).isEqualTo(1);
    assertThat(Argmax.of(new float[] {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE})).isEqualTo(1);
    assertThat(Argmax.of(new float[] {1, 2, Float.POSITIVE_INFINITY})).isEqualTo(2);
    assertThat(Argmax.of(new float[] {5})).isZero();
  }

  @Test
  void tiesGoToTheFirstIndex() {
    assertThat(Argmax.of(new float[] {0.1f, 0.4f, 0.4f, 0.1f})).isEqualTo(1);
    assertThat(Argmax.of(new float[] {2, 2, 2})).isZero();
    assertThat(Argmax.of(new float[] {-0f, 0f})).isZero();
    assertThat(Argmax.of(new float[] {0f, -0f})).isZero();
  }

  @Test
  void aNaNAfterTheFirstIndexIsSkipped() {
    assertThat(Argmax.of(new float[] {1, NAN, 3, NAN})).isEqualTo(2);
    assertThat(Argmax.of(new float[] {1, NAN, 0})).isZero();
  }

  @Test
  void aNaNAtTheFirstIndexIsReturned() {
    assertThat(Argmax.of(new float[] {NAN, 1, 2})).isZero();
    assertThat(Argmax.of(new float[] {NAN, NAN})).isZero();
  }

  @Test
  void anEmptyArrayGivesZero() {
    assertThat(Argmax.of(new float[0])).isZero();
  }
}
