package org.igkit.api.compute;

/**
 * Plain static kernels for neighbour graphs over a cloud of points (the k-nearest-neighbour graph
 * of Geodesic Integrated Gradients, Salek and Enguehard 2025): pairwise squared Euclidean
 * distances and the k nearest neighbours of every point. Points are stored row by row in one flat
 * {@code float[]} ({@code n} rows of {@code dim} values); distances are accumulated in double. The
 * outer loops, marked {@link Parallel}, are independent per row, so the {@code compute-tornado}
 * module runs the same code on a TornadoVM device, and a block of rows can be given to each thread.
 */
public final class DistanceKernels {

  private DistanceKernels() {}

  /**
   * Kernel: rows {@code first … first + rows − 1} of the n×n matrix of squared Euclidean
   * distances, row-major, written in place: {@code out[i·n + j] = Σ_d (p_i[d] − p_j[d])²},
   * accumulated in double. Each entry is accumulated from the lower of i and j, so the matrix is
   * exactly symmetric, and the diagonal is 0.
   *
   * @param points {@code n·dim} values, point i at {@code [i·dim, (i+1)·dim)}
   * @param n      number of points
   * @param dim    values per point
   * @param first  the first row to compute
   * @param rows   how many rows to compute
   * @param out    the n×n matrix
   */
  public static void pairwiseSquaredDistances(float[] points, int n, int dim, int first, int rows, double[] out) {
    int total = rows * n;
    for (@Parallel int ij = 0; ij < total; ij++) {
      int r = ij / n;
      int j = ij - r * n;
      int i = first + r;
      int lo = Math.min(i, j) * dim;
      int hi = Math.max(i, j) * dim;
      double s = 0;
      if (i != j) {
        for (int d = 0; d < dim; d++) {
          double v = (double) points[lo + d] - points[hi + d];
          s += v * v;
        }
      }
      out[i * n + j] = s;
    }
  }

  /**
   * Returns the n×n matrix of squared Euclidean distances ({@link #pairwiseSquaredDistances(float[],
   * int, int, int, int, double[])} of every row) in a new array.
   *
   * @param points {@code n·dim} values, point i at {@code [i·dim, (i+1)·dim)}
   * @param n      number of points
   * @param dim    values per point
   */
  public static double[] pairwiseSquaredDistances(float[] points, int n, int dim) {
    ComputeChecks.points(points, n, dim);
    double[] out = new double[n * n];
    pairwiseSquaredDistances(points, n, dim, 0, n, out);
    return out;
  }

  /**
   * Kernel: the {@code k} nearest neighbours of every point, nearest first, excluding the point
   * itself: row i of the n×k result holds the indices j ≠ i with the k smallest
   * {@code distances[i·n + j]}; ties go to the lower index, so the answer is deterministic. Each
   * row is independent, but its insertion loop reads back what it wrote, and TornadoVM 5.2 does not
   * run it correctly on OpenCL devices, so the TornadoVM backend runs this kernel on the host.
   *
   * @param distances an n×n distance matrix, row-major (any monotone distance: squared is fine)
   * @param n         number of points
   * @param k         neighbours per point, 1 ≤ k ≤ n − 1
   * @param out       output, n·k indices
   */
  public static void nearestNeighbours(double[] distances, int n, int k, int[] out) {
    for (@Parallel int i = 0; i < n; i++) {
      int row = i * n;
      int base = i * k;
      int filled = 0;
      // Insertion into a sorted list of k: O(n·k) per row, fine for the small k of kNN graphs.
      for (int j = 0; j < n; j++) {
        double dj = distances[row + j];
        // Enter when not full, or when strictly nearer than the current k-th (ties keep the lower
        // index already held).
        if (j != i && (filled < k || dj < distances[row + out[base + k - 1]])) {
          int pos = filled;
          if (filled == k) {
            pos = k - 1;
          } else {
            filled++;
          }
          while (pos > 0 && dj < distances[row + out[base + pos - 1]]) {
            out[base + pos] = out[base + pos - 1];
            pos--;
          }
          out[base + pos] = j;
        }
      }
    }
  }

  /**
   * Returns {@link #nearestNeighbours(double[], int, int, int[])} in a new n·k array.
   *
   * @param distances an n×n distance matrix, row-major
   * @param n         number of points
   * @param k         neighbours per point, 1 ≤ k ≤ n − 1
   */
  public static int[] nearestNeighbours(double[] distances, int n, int k) {
    ComputeChecks.neighbours(distances, n, k);
    int[] out = new int[n * k];
    nearestNeighbours(distances, n, k, out);
    return out;
  }
}
