package org.igkit.api.compute;

/**
 * Plain static kernels for neighbour graphs over a cloud of points (the k-nearest-neighbour graph
 * of Geodesic Integrated Gradients, Salek and Enguehard 2025): pairwise squared Euclidean
 * distances and the k nearest neighbours of every point. Points are stored row by row in one flat
 * {@code float[]} ({@code n} rows of {@code dim} values); distances are accumulated in double. Each
 * outer loop is independent per row (TornadoVM-style parallel loops), so a GPU backend can run the
 * same code and get the same answer.
 */
public final class DistanceKernels {

  private DistanceKernels() {}

  /**
   * Returns the n×n matrix of squared Euclidean distances, row-major:
   * {@code out[i·n + j] = Σ_d (p_i[d] − p_j[d])²}, accumulated in double. The matrix is exactly
   * symmetric (each entry is computed in the same order from both sides) with a zero diagonal.
   *
   * @param points {@code n·dim} values, point i at {@code [i·dim, (i+1)·dim)}
   * @param n      number of points
   * @param dim    values per point
   */
  public static double[] pairwiseSquaredDistances(float[] points, int n, int dim) {
    if (points.length != (long) n * dim) {
      throw new IllegalArgumentException(
          "points: has " + points.length + " values, expected n·dim = " + n + "·" + dim);
    }
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) { // @Parallel
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        // Always accumulate from the lower index, so that out[i][j] == out[j][i] bit for bit.
        int lo = Math.min(i, j) * dim;
        int hi = Math.max(i, j) * dim;
        double s = 0;
        for (int d = 0; d < dim; d++) {
          double v = (double) points[lo + d] - points[hi + d];
          s += v * v;
        }
        out[i * n + j] = s;
      }
    }
    return out;
  }

  /**
   * Returns the {@code k} nearest neighbours of every point, nearest first, excluding the point
   * itself: row i of the n×k result holds the indices j ≠ i with the k smallest
   * {@code distances[i·n + j]}; ties go to the lower index, so the answer is deterministic.
   *
   * @param distances an n×n distance matrix, row-major (any monotone distance: squared is fine)
   * @param n         number of points
   * @param k         neighbours per point, 1 ≤ k ≤ n − 1
   */
  public static int[] nearestNeighbours(double[] distances, int n, int k) {
    if (distances.length != (long) n * n) {
      throw new IllegalArgumentException(
          "distances: has " + distances.length + " values, expected n² = " + n + "²");
    }
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException("k: must be in [1, " + (n - 1) + "] for " + n + " points, was " + k);
    }
    int[] out = new int[n * k];
    for (int i = 0; i < n; i++) { // @Parallel
      int row = i * n;
      int base = i * k;
      int filled = 0;
      // Insertion into a sorted list of k: O(n·k) per row, fine for the small k of kNN graphs.
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double dj = distances[row + j];
        if (filled == k && !(dj < distances[row + out[base + k - 1]])) {
          continue; // not nearer than the current k-th (ties keep the lower index already held)
        }
        int pos = filled == k ? k - 1 : filled++;
        while (pos > 0 && dj < distances[row + out[base + pos - 1]]) {
          out[base + pos] = out[base + pos - 1];
          pos--;
        }
        out[base + pos] = j;
      }
    }
    return out;
  }
}
