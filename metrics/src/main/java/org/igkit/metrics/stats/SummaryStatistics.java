package org.igkit.metrics.stats;

/**
 * Mean and spread of one metric over n samples, as reports print them ("mean ± std", WG paper
 * Table 1).
 *
 * @param n    number of values
 * @param mean arithmetic mean (NaN when n = 0)
 * @param std  sample standard deviation with n − 1 in the denominator (0 when n = 1, NaN when
 *             n = 0)
 */
public record SummaryStatistics(int n, double mean, double std) {

  /** Returns the statistics of {@code values}, computed in two passes for accuracy. */
  public static SummaryStatistics of(double... values) {
    int n = values.length;
    if (n == 0) {
      return new SummaryStatistics(0, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new SummaryStatistics(1, mean, 0);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new SummaryStatistics(n, mean, Math.sqrt(ss / (n - 1)));
  }
}
