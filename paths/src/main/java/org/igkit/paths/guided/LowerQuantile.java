package org.igkit.paths.guided;

/**
 * The k-th smallest value of an array (numpy's {@code quantile(…, method='lower')} at
 * k = ⌊q·(n − 1)⌋) by quickselect: O(n) on average, so Guided IG's per-round selection stays
 * linear in the number of features.
 */
final class LowerQuantile {

  private LowerQuantile() {}

  /** Returns the {@code k}-th smallest value (0-based) of {@code a}, reordering {@code a}. */
  static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
