package org.igkit.runner.report;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.special.Erf;

/**
 * The two-sided Wilcoxon signed-rank test of paired differences (Wilcoxon 1945): are the
 * differences symmetric around zero?
 *
 * <p>Protocol (as in SciPy's {@code wilcoxon(d, zero_method='wilcox')}):
 *
 * <ul>
 *   <li>zero differences are dropped and n counts the rest;
 *   <li>|d| are ranked, tied values get their average rank; W⁺ is the rank sum of positive d;
 *   <li>n ≤ {@value #EXACT_MAX_N}: exact p = min(1, 2·P(W ≥ max(W⁺, W⁻))) under the null
 *       distribution of W⁺ given these ranks (each sign ± with probability ½), counted by dynamic
 *       programming over rank sums — exact for ties too;
 *   <li>n &gt; {@value #EXACT_MAX_N}: normal approximation with mean n(n+1)/4, variance
 *       n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups, and a continuity correction of ½ toward the
 *       mean: p = erfc(max(0, |W⁺ − mean| − ½) / (σ√2)).
 * </ul>
 *
 * <p>Why not {@code org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest} (3.6.1): its
 * exact p enumerates all 2ⁿ sign patterns (about 3 s at n = 26, a minute at n = 30), exceeds 1 for
 * symmetric data, keeps zero differences as negative ranks, and its normal approximation applies
 * the continuity correction away from the mean (too small p). The tests check this class against
 * it where it is right (small n, no ties or zeros) and against SciPy elsewhere.
 */
public final class WilcoxonSignedRank {

  /** Largest n (non-zero differences) for which the exact distribution is used. */
  public static final int EXACT_MAX_N = 30;

  private WilcoxonSignedRank() {}

  /**
   * Returns the two-sided p-value for paired differences, or NaN when there is no non-zero
   * difference or a difference is not finite.
   */
  public static double twoSidedP(double[] differences) {
    double[] d = Arrays.stream(differences).filter(x -> x != 0).toArray();
    for (double x : d) {
      if (!Double.isFinite(x)) {
        return Double.NaN;
      }
    }
    int n = d.length;
    if (n == 0) {
      return Double.NaN;
    }
    int[] doubledRanks = doubledRanks(d);
    long wPlus2 = 0;
    for (int i = 0; i < n; i++) {
      if (d[i] > 0) {
        wPlus2 += doubledRanks[i];
      }
    }
    return n <= EXACT_MAX_N ? exact(doubledRanks, wPlus2) : normal(d, wPlus2 / 2.0);
  }

  /** Returns 2 × average rank of |d_i| (1-based), an integer even with ties. */
  static int[] doubledRanks(double[] d) {
    int n = d.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
    int[] ranks = new int[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
        j++;
      }
      // ranks i+1 … j+1 share their average (i + j + 2) / 2; doubled: i + j + 2
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = i + j + 2;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static double exact(int[] doubledRanks, long wPlus2) {
    int total = 0;
    for (int r : doubledRanks) {
      total += r;
    }
    // count[s] = number of sign patterns whose positive doubled ranks sum to s
    long[] count = new long[total + 1];
    count[0] = 1;
    for (int r : doubledRanks) {
      for (int s = total; s >= r; s--) {
        count[s] += count[s - r];
      }
    }
    long wMax = Math.max(wPlus2, total - wPlus2);
    long tail = 0;
    for (long s = wMax; s <= total; s++) {
      tail += count[(int) s];
    }
    double p = 2.0 * tail / Math.pow(2, doubledRanks.length);
    return Math.min(1.0, p);
  }

  private static double normal(double[] d, double wPlus) {
    int n = d.length;
    double mean = n * (n + 1) / 4.0;
    double variance = n * (n + 1.0) * (2 * n + 1) / 24.0;
    double[] abs = Arrays.stream(d).map(Math::abs).sorted().toArray();
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && abs[j + 1] == abs[i]) {
        j++;
      }
      double t = j - i + 1;
      variance -= (t * t * t - t) / 48.0;
      i = j + 1;
    }
    if (!(variance > 0)) {
      return Double.NaN;
    }
    double z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
    return Math.min(1.0, Erf.erfc(z / Math.sqrt(2)));
  }
}
