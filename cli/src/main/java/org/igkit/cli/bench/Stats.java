package org.igkit.cli.bench;

import java.util.Arrays;
import org.igkit.api.stats.Moments;

/** Small statistics over repetitions: median, mean, sample standard deviation. */
public final class Stats {

  private Stats() {}

  /** Returns the median of {@code values} (the mean of the two middle ones for an even count). */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Returns the arithmetic mean. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    return Moments.mean(values);
  }

  /** Returns the sample standard deviation (n − 1 in the denominator); 0 for one value. */
  public static double std(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    return Moments.sampleStd(values, mean(values));
  }

  /** Returns the element-wise difference {@code a − b}. */
  public static double[] minus(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
