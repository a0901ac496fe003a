package org.igkit.metrics.stats;

import org.igkit.api.stats.Moments;

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

  /** Returns the statistics of {@code values}, computed in two passes for accuracy ({@link Moments}). */
  public static SummaryStatistics of(double... values) {
    int n = values.length;
    if (n == 0) {
      return new SummaryStatistics(0, Double.NaN, Double.NaN);
    }
    double mean = Moments.mean(values);
    if (n == 1) {
      return new SummaryStatistics(1, mean, 0);
    }
    return new SummaryStatistics(n, mean, Moments.sampleStd(values, mean));
  }
}
