package org.igkit.testkit;

/** Comparisons and sums of attribution maps, in double precision. */
public final class Attributions {

  private Attributions() {}

  /**
   * Returns max_i |a_i − b_i| / max(max_i |a_i|, max_i |b_i|): 0 for equal maps, including two
   * all-zero maps, and scale-free otherwise. NaN anywhere gives NaN.
   */
  public static double relativeMaxDifference(double[] a, double[] b) {
    requireSameLength(a.length, b.length);
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs(a[i] - b[i]);
      if (Double.isNaN(d)) {
        return Double.NaN;
      }
      diff = Math.max(diff, d);
      scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
    }
    return diff == 0 ? 0 : diff / scale;
  }

  /** {@link #relativeMaxDifference(double[], double[])} for float maps. */
  public static double relativeMaxDifference(float[] a, float[] b) {
    return relativeMaxDifference(toDouble(a), toDouble(b));
  }

  /** {@link #relativeMaxDifference(double[], double[])} for a float and a double map. */
  public static double relativeMaxDifference(float[] a, double[] b) {
    return relativeMaxDifference(toDouble(a), b);
  }

  /** Returns Σ a_i. */
  public static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** Returns Σ a_i, accumulated in double. */
  public static double sum(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s;
  }

  /** Returns max_i |a_i|. */
  public static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Returns the index of the first non-finite value, or −1 when all are finite. */
  public static int firstNonFinite(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the first non-finite value, or −1 when all are finite. */
  public static int firstNonFinite(float[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Float.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Returns {@code a} widened to double. */
  public static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static void requireSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("maps differ in size: " + a + " and " + b);
    }
  }
}
