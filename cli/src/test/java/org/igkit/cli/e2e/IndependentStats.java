package org.igkit.cli.e2e;

import java.util.Arrays;

/**
 * The summary statistics, computed here from their textbook definitions without igkit's or a
 * statistics library's code, to check {@code summary.csv} against.
 */
final class IndependentStats {

  private IndependentStats() {}

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  /** Sample standard deviation (n − 1); NaN for n &lt; 2. */
  static double sampleStd(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /**
   * Two-sided p of the paired t-test of a against b: t = mean(d) / (sd(d) / √n) with d = a − b,
   * p = P(|T| ≥ |t|) for Student's t with n − 1 degrees of freedom; NaN when n &lt; 2 or the
   * differences do not vary.
   */
  static double pairedTTestP(double[] a, double[] b) {
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
    }
    double sd = sampleStd(d);
    if (!(sd > 0)) {
      return Double.NaN;
    }
    double t = mean(d) / (sd / Math.sqrt(n));
    return 1 - studentCentralProbability(Math.abs(t), n - 1);
  }

  /**
   * A(t | ν) = P(−t &lt; T &lt; t) for Student's t with an integer number ν of degrees of freedom,
   * in closed form (Abramowitz and Stegun 26.7.3 and 26.7.4), with θ = atan(t / √ν).
   */
  static double studentCentralProbability(double t, int nu) {
    double theta = Math.atan(t / Math.sqrt(nu));
    double s = Math.sin(theta);
    double c = Math.cos(theta);
    double c2 = c * c;
    if (nu % 2 == 1) {
      if (nu == 1) {
        return 2 * theta / Math.PI;
      }
      // 1 + (2/3) c² + (2·4)/(3·5) c⁴ + … + (2·4···(ν−3))/(3·5···(ν−2)) c^(ν−3)
      double term = 1;
      double sum = 1;
      for (int k = 2; k <= nu - 3; k += 2) {
        term *= (double) k / (k + 1) * c2;
        sum += term;
      }
      return 2 / Math.PI * (theta + s * c * sum);
    }
    // 1 + (1/2) c² + (1·3)/(2·4) c⁴ + … + (1·3···(ν−3))/(2·4···(ν−2)) c^(ν−2)
    double term = 1;
    double sum = 1;
    for (int k = 1; k <= nu - 3; k += 2) {
      term *= (double) k / (k + 1) * c2;
      sum += term;
    }
    return s * sum;
  }

  /**
   * Two-sided exact Wilcoxon signed-rank p by enumerating every sign pattern: zero differences
   * dropped, |d| ranked with average ranks for ties, W⁺ the rank sum of the positive ones,
   * p = min(1, 2·P(W ≥ max(W⁺, W⁻))). NaN when no difference is non-zero. For small n only.
   */
  static double wilcoxonExactP(double[] a, double[] b) {
    double[] d = new double[a.length];
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i] - b[i];
      if (x != 0) {
        d[n++] = x;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    if (n > 20) {
      throw new IllegalArgumentException("enumeration is for small n, was " + n);
    }
    d = Arrays.copyOf(d, n);
    double[] ranks = new double[n];
    for (int i = 0; i < n; i++) {
      int below = 0;
      int equal = 0;
      for (int j = 0; j < n; j++) {
        if (Math.abs(d[j]) < Math.abs(d[i])) {
          below++;
        } else if (Math.abs(d[j]) == Math.abs(d[i])) {
          equal++;
        }
      }
      ranks[i] = below + (equal + 1) / 2.0;
    }
    double total = n * (n + 1) / 2.0;
    double wPlus = 0;
    for (int i = 0; i < n; i++) {
      if (d[i] > 0) {
        wPlus += ranks[i];
      }
    }
    double observed = Math.max(wPlus, total - wPlus);
    long atLeast = 0;
    for (long pattern = 0; pattern < (1L << n); pattern++) {
      double w = 0;
      for (int i = 0; i < n; i++) {
        if ((pattern >> i & 1) == 1) {
          w += ranks[i];
        }
      }
      if (w >= observed - 1e-9) {
        atLeast++;
      }
    }
    return Math.min(1.0, 2.0 * atLeast / (1L << n));
  }

  /** Whether {@code actual} is {@code expected} within {@code rel} relative (and 1e-300) or both NaN. */
  static boolean close(double expected, double actual, double rel) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    return Math.abs(expected - actual) <= rel * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-300;
  }
}
