package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The signed-rank test against known p-values, Commons Math and brute force. */
class WilcoxonSignedRankTest {

  @Test
  void fivePositiveDifferencesGiveTheSmallestExactP() {
    // P(W+ = 15) = 1/32 under the null; two-sided 2/32
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {0.1, 0.03, 0.09, 0.05, 0.08}))
        .isEqualTo(0.0625);
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {-1, -2, -3, -4, -5})).isEqualTo(0.0625);
  }

  @Test
  void knownExactValues() {
    // scipy.stats.wilcoxon([0.5, -1.25, 2.0, 3.5, -0.75, 4.0, 1.5], method='exact') = 0.15625
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {0.5, -1.25, 2.0, 3.5, -0.75, 4.0, 1.5}))
        .isEqualTo(0.15625);
    // symmetric data: p is 1, never more
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {1, -2, -3, 4})).isEqualTo(1.0);
  }

  @Test
  void agreesWithCommonsMathWhereItsExactTestIsRight() {
    SplittableRandom rng = new SplittableRandom(7);
    var commons = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest();
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + rng.nextInt(14);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rng.nextDouble() + 0.3 * (trial % 3);
        y[i] = rng.nextDouble();
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = x[i] - y[i];
      }
      double expected = Math.min(1.0, commons.wilcoxonSignedRankTest(x, y, true));
      assertThat(WilcoxonSignedRank.twoSidedP(d)).as("trial %d", trial)
          .isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void tiesUseTheExactConditionalDistribution() {
    // |d| ranks: four ties at 0.02 (2.5 each) and 0.05 (5); W+ = 5, W- = 10.
    // Sign patterns with W+ >= 10: 1 with all four 2.5s, 11 with the 5 and at least two 2.5s.
    double[] d = {-0.02, 0.02, -0.05, 0.02, -0.02};
    assertThat(WilcoxonSignedRank.twoSidedP(d)).isEqualTo(2 * 12 / 32.0);
    // brute force over all sign patterns of random tied data
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      int n = 3 + rng.nextInt(9);
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = (rng.nextInt(4) + 1) * (rng.nextBoolean() ? 1 : -1);
      }
      assertThat(WilcoxonSignedRank.twoSidedP(t)).isCloseTo(bruteForce(t), within(1e-12));
    }
  }

  private static double bruteForce(double[] d) {
    int n = d.length;
    int[] r = WilcoxonSignedRank.doubledRanks(d);
    long total = 0;
    long observed = 0;
    for (int i = 0; i < n; i++) {
      total += r[i];
      observed += d[i] > 0 ? r[i] : 0;
    }
    long wMax = Math.max(observed, total - observed);
    int atLeast = 0;
    for (int mask = 0; mask < (1 << n); mask++) {
      long w = 0;
      for (int i = 0; i < n; i++) {
        if ((mask >> i & 1) == 1) {
          w += r[i];
        }
      }
      atLeast += w >= wMax ? 1 : 0;
    }
    return Math.min(1.0, 2.0 * atLeast / (1 << n));
  }

  @Test
  void zerosAreDroppedAndNothingLeftIsNaN() {
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {0, 0.1, 0.03, 0.09, 0, 0.05, 0.08}))
        .isEqualTo(0.0625);
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {0, 0, 0})).isNaN();
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {})).isNaN();
    assertThat(WilcoxonSignedRank.twoSidedP(new double[] {1, Double.NaN})).isNaN();
  }

  @Test
  void largeSamplesUseTheNormalApproximationAsScipyDoes() {
    // d_i = ±(i + 1), negative for i % 3 == 0, i < 40:
    // scipy.stats.wilcoxon(d, method='approx', correction=True).pvalue
    double[] d = new double[40];
    for (int i = 0; i < 40; i++) {
      d[i] = (i % 3 == 0 ? -1 : 1) * (i + 1);
    }
    assertThat(WilcoxonSignedRank.twoSidedP(d)).isCloseTo(0.09964873997927338, within(1e-12));
    // with zeros and heavy ties: d_i = (7i mod 11) - 4, i < 45 (4 zeros, 41 left)
    double[] t = new double[45];
    for (int i = 0; i < 45; i++) {
      t[i] = (7 * i % 11) - 4;
    }
    assertThat(WilcoxonSignedRank.twoSidedP(t)).isCloseTo(0.07898257926378298, within(1e-12));
  }

  @Test
  void exactAtThirtyIsFast() {
    double[] d = new double[30];
    for (int i = 0; i < 30; i++) {
      d[i] = (i % 4 == 0 ? -1 : 1) * (i + 1.5);
    }
    long start = System.nanoTime();
    double p = WilcoxonSignedRank.twoSidedP(d);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    assertThat(p).isBetween(0.0, 1.0);
  }
}
