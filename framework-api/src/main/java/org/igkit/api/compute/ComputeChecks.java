package org.igkit.api.compute;

import java.util.List;

/**
 * The argument checks of {@link ComputeBackend}'s operations, shared by every backend so that a
 * wrong size fails with the same message wherever the kernels run. Kernels themselves never
 * check: a device cannot throw.
 */
public final class ComputeChecks {

  private ComputeChecks() {}

  /** Checks that {@code points} holds n points of dim values. */
  public static void points(float[] points, int n, int dim) {
    if (n < 0 || dim < 0 || points.length != (long) n * dim) {
      throw new IllegalArgumentException(
          "points: has " + points.length + " values, expected n·dim = " + n + "·" + dim);
    }
  }

  /** Checks an n×n distance matrix and a neighbour count 1 ≤ k ≤ n − 1. */
  public static void neighbours(double[] distances, int n, int k) {
    if (n < 0 || distances.length != (long) n * n) {
      throw new IllegalArgumentException(
          "distances: has " + distances.length + " values, expected n² = " + n + "²");
    }
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException("k: must be in [1, " + (n - 1) + "] for " + n + " points, was " + k);
    }
  }

  /** Checks that a C×P map has C·P values. */
  public static void map(double[] map, int channels, int pixels) {
    if (channels < 0 || pixels < 0 || map.length != (long) channels * pixels) {
      throw new IllegalArgumentException(
          "map: has " + map.length + " values, expected channels·pixels = " + channels + "·" + pixels);
    }
  }

  /** Checks a batch of {@code m} composites of C×P images built from {@code counts[first …]}. */
  public static void composites(
      float[] base, float[] donor, int channels, int pixels, int countsLength, int first, int m, float[] out) {
    long size = (long) channels * pixels;
    if (base.length != size || donor.length != size) {
      throw new IllegalArgumentException("base and donor: have " + base.length + " and " + donor.length
          + " values, expected channels·pixels = " + channels + "·" + pixels);
    }
    if (first < 0 || m < 0 || first + m > countsLength) {
      throw new IllegalArgumentException(
          "counts: images " + first + "…" + (first + m - 1) + " asked of " + countsLength + " counts");
    }
    if (out.length < m * size) {
      throw new IllegalArgumentException("out: has " + out.length + " values, needs m·channels·pixels = " + m * size);
    }
  }

  /** Checks that {@code order} holds every position 0…P−1 exactly once (a ranking). */
  public static void permutation(int[] order) {
    boolean[] seen = new boolean[order.length];
    for (int r = 0; r < order.length; r++) {
      int i = order[r];
      if (i < 0 || i >= order.length || seen[i]) {
        throw new IllegalArgumentException("order: must hold each position 0…" + (order.length - 1)
            + " once, but order[" + r + "] = " + i + (i >= 0 && i < order.length ? " repeats" : " is out of range"));
      }
      seen[i] = true;
    }
  }

  /** Checks that every count selects 0…P positions. */
  public static void counts(int[] counts, int pixels) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0 || counts[i] > pixels) {
        throw new IllegalArgumentException("counts[" + i + "]: must be in [0, " + pixels + "], was " + counts[i]);
      }
    }
  }

  /** Checks that rows·P ranks are given and every image's row is one of them. */
  public static void rankRows(int[] ranks, int pixels, int[] rows, int[] counts, int m) {
    if (pixels <= 0 || ranks.length % pixels != 0) {
      throw new IllegalArgumentException("ranks: has " + ranks.length + " values, not whole rows of " + pixels);
    }
    if (rows.length < m || counts.length < m) {
      throw new IllegalArgumentException(
          "rows and counts: have " + rows.length + " and " + counts.length + " values, need m = " + m);
    }
    int rowCount = ranks.length / pixels;
    for (int i = 0; i < m; i++) {
      if (rows[i] < 0 || rows[i] >= rowCount) {
        throw new IllegalArgumentException("rows[" + i + "]: must be in [0, " + rowCount + "), was " + rows[i]);
      }
    }
  }

  /** Checks curves of n points each, x and y of equal length curves·n. */
  public static void curves(double[] xs, double[] ys, int curves, int n) {
    if (curves < 0 || n < 0 || xs.length != (long) curves * n || ys.length != xs.length) {
      throw new IllegalArgumentException("curves: have " + xs.length + " x and " + ys.length
          + " y values, expected curves·n = " + curves + "·" + n + " of each");
    }
  }

  /** Checks a rows×cols matrix. */
  public static void matrix(double[] v, int rows, int cols) {
    if (rows < 0 || cols < 0 || v.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix: has " + v.length + " values, expected rows·cols = " + rows + "·" + cols);
    }
  }

  /** Checks one weight per map and that every map of non-zero weight has {@code size} values. */
  public static void weighted(List<double[]> maps, double[] weights, int size) {
    if (weights.length != maps.size()) {
      throw new IllegalArgumentException(
          "weights: has " + weights.length + " values for " + maps.size() + " maps");
    }
    for (int k = 0; k < weights.length; k++) {
      if (weights[k] != 0 && (maps.get(k) == null || maps.get(k).length != size)) {
        throw new IllegalArgumentException("maps[" + k + "]: has "
            + (maps.get(k) == null ? "no map" : maps.get(k).length + " values") + " but weight " + weights[k]
            + "; expected " + size + " values");
      }
    }
  }
}
