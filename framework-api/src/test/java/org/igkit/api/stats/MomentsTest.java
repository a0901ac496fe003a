package org.igkit.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation of small arrays, against their definitions. */
class MomentsTest {

  private static final double[] X = {2, 4, 4, 4, 5, 5, 7, 9};

  @Test
  void meanAndSampleStdOfAKnownArray() {
    // Σ = 40, n = 8 → mean 5; squared deviations 9 1 1 1 0 0 4 16 → 32; n − 1 = 7
    assertThat(Moments.mean(X)).isEqualTo(5.0);
    assertThat(Moments.sumOfSquares(X, 5)).isEqualTo(32.0);
    assertThat(Moments.sampleStd(X, 5)).isEqualTo(Math.sqrt(32.0 / 7));
  }

  @Test
  void meanOfARange() {
    assertThat(Moments.mean(X, 3, 3)).isEqualTo(14.0 / 3); // 4, 5, 5
    assertThat(Moments.mean(X, 7, 1)).isEqualTo(9.0);
    assertThat(Moments.mean(X, 2, 0)).isNaN();
  }

  @Test
  void twoValues() {
    // mean 2, deviations ±1 → Σ = 2, n − 1 = 1 → std √2
    double[] x = {1, 3};
    assertThat(Moments.mean(x)).isEqualTo(2.0);
    assertThat(Moments.sampleStd(x, 2)).isEqualTo(Math.sqrt(2));
  }

  @Test
  void tooFewValues() {
    assertThat(Moments.mean(new double[0])).isNaN();
    assertThat(Moments.sampleStd(new double[0], Double.NaN)).isNaN();
    assertThat(Moments.mean(new double[] {3.5})).isEqualTo(3.5);
    assertThat(Moments.sampleStd(new double[] {3.5}, 3.5)).isNaN();
    assertThat(Moments.sumOfSquares(new double[] {3.5}, 3.5)).isZero();
  }

  @Test
  void aNaNValueGivesNaN() {
    double[] x = {1, Double.NaN, 3};
    assertThat(Moments.mean(x)).isNaN();
    assertThat(Moments.sampleStd(x, Moments.mean(x))).isNaN();
  }
}
