package org.igkit.runner.report;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.igkit.api.stats.Moments;

/**
 * The size of a paired difference d_i = cell_i − reference_i, apart from its significance.
 *
 * <ul>
 *   <li><b>Effect size</b>: Cohen's d_z for paired samples, d̄ / s_d, the mean difference over the
 *       sample standard deviation of the differences (n − 1 denominator; J. Cohen, <i>Statistical
 *       Power Analysis for the Behavioral Sciences</i>, 1988, §2.3.5). NaN for n &lt; 2 or s_d = 0.
 *   <li><b>Bootstrap 95 % CI of the mean difference</b>: the percentile interval of
 *       {@value #RESAMPLES} resamples. Each resample draws n indices uniformly with replacement
 *       from a {@link Well19937c} seeded with {@value #SEED} (the same seed for every comparison,
 *       so the interval is a function of the differences only) by {@code nextInt(n)}, in resample
 *       order, and takes the mean of the drawn d_i; with the B means sorted, the interval is
 *       [mean₍⌊0.025 B⌋₎, mean₍⌈0.975 B⌉ − 1₎] (0-based: the 251st and 9,750th of 10,000).
 *       NaN for n &lt; 2.
 * </ul>
 */
public final class PairedEffect {

  /** The number of bootstrap resamples. */
  public static final int RESAMPLES = 10_000;

  /** The bootstrap generator's seed. */
  public static final int SEED = 19;

  private PairedEffect() {}

  /** Returns Cohen's d_z of the differences, or NaN when undefined. */
  public static double cohensDz(double[] d) {
    if (d.length < 2) {
      return Double.NaN;
    }
    double mean = Moments.mean(d);
    double sd = Moments.sampleStd(d, mean);
    return sd > 0 ? mean / sd : Double.NaN;
  }

  /** Returns {lower, upper} of the 95 % percentile bootstrap CI of the mean of {@code d}. */
  public static double[] bootstrapCi(double[] d) {
    return bootstrapCi(d, RESAMPLES, SEED);
  }

  /** Returns {lower, upper} of the 95 % percentile interval of {@code resamples} bootstrap means. */
  static double[] bootstrapCi(double[] d, int resamples, int seed) {
    int n = d.length;
    if (n < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Well19937c rng = new Well19937c(seed);
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += d[rng.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    int lo = (int) Math.floor(0.025 * resamples);
    int hi = (int) Math.ceil(0.975 * resamples) - 1;
    return new double[] {means[lo], means[hi]};
  }
}
