package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
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

  /**
   * n = {@value WilcoxonSignedRank#EXACT_MAX_N} is the largest n with the exact null distribution:
   * ±(i + 1) for i < 30 with the two smallest negative has W⁻ = 3, and only 5 of the 2³⁰ sign
   * patterns ({}, {1}, {2}, {3}, {1, 2}) have W⁻ ≤ 3, so p = 2 · 5 / 2³⁰ — about 400 times
   * smaller than the normal approximation's.
   */
  @Test
  void exactAtThirtyIsTheExactNullDistributionNotTheNormalApproximation() {
    assertThat(WilcoxonSignedRank.EXACT_MAX_N).isEqualTo(30);
    double[] d = ranksWithNegatives(30, 1, 2);
    double exact = 10 / Math.pow(2, 30);
    assertThat(exactByCounting(d)).isEqualTo(exact);
    assertThat(WilcoxonSignedRank.twoSidedP(d)).isEqualTo(exact);
    assertThat(normalApproximation(30, 465 - 3)).isGreaterThan(100 * exact);
    // other data at n = 30, without and with ties, against the count written here
    double[] mixed = new double[30];
    double[] tied = new double[30];
    for (int i = 0; i < 30; i++) {
      mixed[i] = (i % 4 == 0 ? -1 : 1) * (i + 1.5);
      tied[i] = (i % 7 == 2 || i % 5 == 0 ? -1 : 1) * (i / 3 + 1); // ten groups of three ties
    }
    for (double[] x : List.of(mixed, tied)) {
      double p = exactByCounting(x);
      assertThat(p).isBetween(1e-6, 1.0);
      // the class's p is 2·count/2ⁿ with count < 2³¹, which doubles hold exactly
      assertThat(WilcoxonSignedRank.twoSidedP(x)).isEqualTo(p);
    }
    assertThat(Math.abs(exactByCounting(mixed) - normalApproximation(30, 465 - 120)))
        .as("exact and normal p differ on the untied data").isGreaterThan(1e-4);
  }

  /** One more difference and the normal approximation takes over (no ties: no tie correction). */
  @Test
  void thirtyOneDifferencesUseTheNormalApproximation() {
    double[] d = ranksWithNegatives(31, 1, 2);
    assertThat(WilcoxonSignedRank.twoSidedP(d)).isCloseTo(normalApproximation(31, 496 - 3), within(1e-15));
    assertThat(WilcoxonSignedRank.twoSidedP(d)).isGreaterThan(100 * exactByCounting(d));
  }

  /** Returns d_i = i + 1 for i < n, negated for the listed ranks. */
  private static double[] ranksWithNegatives(int n, int... negativeRanks) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i + 1;
    }
    for (int r : negativeRanks) {
      d[r - 1] = -r;
    }
    return d;
  }

  /** SciPy's normal approximation without ties: continuity correction ½ toward the mean. */
  private static double normalApproximation(int n, double wPlus) {
    double mean = n * (n + 1) / 4.0;
    double sigma = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24.0);
    double z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / sigma;
    return Math.min(1.0, Erf.erfc(z / Math.sqrt(2)));
  }

  /**
   * The exact two-sided p of non-zero differences, counted in BigInteger: the number of sign
   * patterns by positive rank sum (doubled average ranks, so ties stay integers), built one rank
   * at a time; p = min(1, 2 · #{W ≥ max(W⁺, W⁻)} / 2ⁿ) as an exact decimal.
   */
  private static double exactByCounting(double[] d) {
    int n = d.length;
    int[] doubledRank = new int[n];
    int total = 0;
    int wPlus = 0;
    for (int i = 0; i < n; i++) {
      int below = 0;
      int equal = 0;
      for (double x : d) {
        below += Math.abs(x) < Math.abs(d[i]) ? 1 : 0;
        equal += Math.abs(x) == Math.abs(d[i]) ? 1 : 0;
      }
      // the tie group holds ranks below + 1 … below + equal; twice their mean:
      doubledRank[i] = 2 * below + equal + 1;
      total += doubledRank[i];
      wPlus += d[i] > 0 ? doubledRank[i] : 0;
    }
    BigInteger[] ways = {BigInteger.ONE};
    for (int r : doubledRank) {
      BigInteger[] next = new BigInteger[ways.length + r];
      Arrays.fill(next, BigInteger.ZERO);
      for (int s = 0; s < ways.length; s++) {
        next[s] = next[s].add(ways[s]); // negative sign
        next[s + r] = next[s + r].add(ways[s]); // positive sign
      }
      ways = next;
    }
    assertThat(Arrays.stream(ways).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(BigInteger.TWO.pow(n));
    BigInteger tail = BigInteger.ZERO;
    for (int s = Math.max(wPlus, total - wPlus); s <= total; s++) {
      tail = tail.add(ways[s]);
    }
    BigDecimal p = new BigDecimal(tail.shiftLeft(1)).divide(new BigDecimal(BigInteger.TWO.pow(n)));
    return Math.min(1.0, p.doubleValue());
  }
}
