package org.igkit.api.compute;

/**
 * Kernels for the arithmetic of metric curves, over many curves at once: trapezoid areas,
 * sorting points by x, piecewise-linear interpolation at shared abscissae, and column means and
 * medians across samples. Curves are stored row by row: curve j's i-th point is element
 * {@code j·n + i}. The outer loop of every kernel runs over independent curves (or columns) and is
 * marked {@link Parallel}, so the {@code compute-tornado} module runs the same code on a TornadoVM
 * device. No loop sums across threads: each curve's sum is one thread's sequential loop, in the
 * same order as {@link #trapezoid}.
 */
public final class CurveKernels {

  private CurveKernels() {}

  /** Returns the trapezoid area Σ (x_{i+1} − x_i)(y_i + y_{i+1})/2 of one curve. */
  public static double trapezoid(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("curve has " + x.length + " x values but " + y.length + " y values");
    }
    double area = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      area += (x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2;
    }
    return area;
  }

  /**
   * Trapezoid areas of {@code curves} curves that share the abscissae {@code x} (n points):
   * {@code out[j] = Σ_i (x[i+1] − x[i])(y[j·n+i] + y[j·n+i+1])/2}, summed in the same order as
   * {@link #trapezoid}, so both give identical numbers.
   */
  public static void trapezoids(double[] x, double[] y, int curves, double[] out) {
    int n = x.length;
    for (@Parallel int j = 0; j < curves; j++) {
      int o = j * n;
      double area = 0;
      for (int i = 0; i + 1 < n; i++) {
        area += (x[i + 1] - x[i]) * (y[o + i] + y[o + i + 1]) / 2;
      }
      out[j] = area;
    }
  }

  /**
   * Kernel: sorts the n points of each curve by x, in place; equal x keep their original order (a
   * stable insertion sort — curves are short).
   */
  public static void sortByX(double[] xs, double[] ys, int curves, int n) {
    for (@Parallel int j = 0; j < curves; j++) {
      int o = j * n;
      for (int i = 1; i < n; i++) {
        double x = xs[o + i];
        double y = ys[o + i];
        int k = i - 1;
        while (k >= 0 && xs[o + k] > x) {
          xs[o + k + 1] = xs[o + k];
          ys[o + k + 1] = ys[o + k];
          k--;
        }
        xs[o + k + 1] = x;
        ys[o + k + 1] = y;
      }
    }
  }

  /**
   * Kernel: evaluates piecewise-linear curves at shared abscissae. Each curve's n points must be sorted by
   * x ({@link #sortByX}). At a query c, with i the last point whose x ≤ c: the value is y_i when i
   * is the last point, y_0 when no point has x ≤ c, and otherwise
   * {@code y_i + (y_{i+1} − y_i)(c − x_i)/(x_{i+1} − x_i)} — the line to the next point (which
   * lies strictly right of c, so points with equal x never divide by zero; of several points at
   * one x the last one counts). Beyond its ends a curve is constant.
   *
   * @param xs     the curves' x values, curves·n
   * @param ys     the curves' y values, curves·n
   * @param curves the number of curves
   * @param n      the points per curve, ≥ 1
   * @param at     the query abscissae, q values
   * @param out    output, curves·q values: curve j at query b is {@code out[j·q + b]}
   */
  public static void interpolate(double[] xs, double[] ys, int curves, int n, double[] at, double[] out) {
    int q = at.length;
    int total = curves * q;
    for (@Parallel int jb = 0; jb < total; jb++) {
      int j = jb / q;
      int b = jb - j * q;
      int o = j * n;
      double c = at[b];
      int i = -1; // the end of the leading run of points with x ≤ c
      for (int k = 0; k < n; k++) {
        if (i == k - 1 && xs[o + k] <= c) {
          i = k;
        }
      }
      double v;
      if (i < 0) {
        v = ys[o];
      } else if (i == n - 1) {
        v = ys[o + i];
      } else {
        double x0 = xs[o + i];
        double x1 = xs[o + i + 1];
        v = ys[o + i] + (ys[o + i + 1] - ys[o + i]) * (c - x0) / (x1 - x0);
      }
      out[jb] = v;
    }
  }

  /**
   * Kernel: means of the columns of a rows×cols matrix (row-major), {@code out[b] = Σ_j v[j·cols +
   * b] / rows}, added in row order.
   */
  public static void columnMeans(double[] v, int rows, int cols, double[] out) {
    for (@Parallel int b = 0; b < cols; b++) {
      double s = 0;
      for (int j = 0; j < rows; j++) {
        s += v[j * cols + b];
      }
      out[b] = s / rows;
    }
  }

  /**
   * Medians of the columns of a rows×cols matrix (row-major): the middle value of each sorted
   * column, or the mean of the two middle values when rows is even (as {@code numpy.median}). It
   * sorts a copy of each column, so it is host code, not a kernel. With no rows every median is NaN.
   */
  public static void columnMedians(double[] v, int rows, int cols, double[] out) {
    for (int b = 0; b < cols; b++) {
      double[] col = new double[rows];
      for (int j = 0; j < rows; j++) {
        col[j] = v[j * cols + b];
      }
      java.util.Arrays.sort(col);
      int mid = rows / 2;
      out[b] = rows == 0 ? Double.NaN : rows % 2 == 1 ? col[mid] : (col[mid - 1] + col[mid]) / 2;
    }
  }
}
