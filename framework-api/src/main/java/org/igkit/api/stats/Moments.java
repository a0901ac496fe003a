package org.igkit.api.stats;

/**
 * Mean and standard deviation of double values, summed left to right in double precision (two
 * passes: the mean, then the squared deviations from it).
 */
public final class Moments {

  private Moments() {}

  /** Returns the arithmetic mean (Σ x_i) / n; NaN when {@code x} is empty. */
  public static double mean(double[] x) {
    return mean(x, 0, x.length);
  }

  /**
   * Returns the arithmetic mean of {@code x[from]} … {@code x[from + count − 1]}; NaN when
   * {@code count} is 0.
   */
  public static double mean(double[] x, int from, int count) {
    double s = 0;
    for (int i = from; i < from + count; i++) {
      s += x[i];
    }
    return s / count;
  }

  /** Returns Σ (x_i − mean)², the sum of squared deviations from {@code mean}. */
  public static double sumOfSquares(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s;
  }

  /**
   * Returns the sample standard deviation √(Σ (x_i − mean)² / (n − 1)), with n − 1 in the
   * denominator, about the given {@code mean} (normally {@link #mean(double[]) mean(x)}); NaN when
   * n &lt; 2.
   */
  public static double sampleStd(double[] x, double mean) {
    if (x.length < 2) {
      return Double.NaN;
    }
    return Math.sqrt(sumOfSquares(x, mean) / (x.length - 1));
  }
}
