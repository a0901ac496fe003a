package org.igkit.api.compute;

import java.util.Arrays;

/**
 * Plain static kernels over flat arrays for the Java-side loops of attribution: collapsing maps
 * over channels, ranking positions, weighted sums of maps over baselines. Every loop marked
 * {@link Parallel} has independent iterations, so the {@code compute-tornado} module runs the same
 * code on a TornadoVM device; {@link ComputeBackend} chooses where.
 *
 * <p>Maps stay in {@code double}: attributions are accumulated in double everywhere in igkit, and a
 * float kernel would change the published numbers. OpenCL CPU devices and NVIDIA GPUs (OpenCL and
 * PTX) run fp64; these kernels read and write each value once, so they are bound by memory, where
 * double costs twice the bytes of float, not the 1/32–1/64 arithmetic rate of consumer GPUs.
 */
public final class MapKernels {

  private MapKernels() {}

  /**
   * Kernel: sums a C×H×W map over channels into an H×W map, {@code out[p] = Σ_c map[c·P + p]},
   * or Σ_c |map[c·P + p]| when {@code absolute} is not 0; the channels are added in order.
   *
   * @param map      C·P values
   * @param channels C
   * @param pixels   P = H·W
   * @param absolute 1 to sum absolute values, 0 for signed values
   * @param out      output, P values
   */
  public static void spatialSum(double[] map, int channels, int pixels, int absolute, double[] out) {
    for (@Parallel int p = 0; p < pixels; p++) {
      double s = 0;
      for (int c = 0; c < channels; c++) {
        double v = map[c * pixels + p];
        s += absolute != 0 ? Math.abs(v) : v;
      }
      out[p] = s;
    }
  }

  /**
   * Kernel: the weighted sum of {@code count} maps of {@code size} values stored one after another,
   * {@code out[i] = Σ_k weights[k] · maps[k·size + i]}, added in the order k = 0, 1, … starting
   * from 0 — the same numbers as {@link #addScaled} applied map by map to a zeroed accumulator.
   *
   * @param maps    count·size values
   * @param weights count weights
   * @param count   number of maps
   * @param size    values per map
   * @param out     output, size values
   */
  public static void weightedSum(double[] maps, double[] weights, int count, int size, double[] out) {
    for (@Parallel int i = 0; i < size; i++) {
      double s = 0;
      for (int k = 0; k < count; k++) {
        s += weights[k] * maps[k * size + i];
      }
      out[i] = s;
    }
  }

  /** Kernel: adds {@code weight · v} to {@code acc} element-wise. */
  public static void addScaled(double[] acc, double weight, double[] v) {
    for (@Parallel int i = 0; i < acc.length; i++) {
      acc[i] += weight * v[i];
    }
  }

  /**
   * Returns {@link #spatialSum(double[], int, int, int, double[])} of {@code map} in a new array.
   */
  public static double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    double[] out = new double[pixels];
    spatialSum(map, channels, pixels, absolute ? 1 : 0, out);
    return out;
  }

  /**
   * Returns the positions of {@code values} ordered from largest to smallest value in the order of
   * {@link Double#compare} (NaN first, then +∞ … 0.0, −0.0 … −∞); ties keep the lower index first,
   * so the order is deterministic. A sort of primitive keys, O(P log P): not a kernel, it runs on
   * the host whatever the backend.
   */
  public static int[] rankDescending(double[] values) {
    int n = values.length;
    // Keys in ascending order ⇔ values in descending Double.compare order.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ~orderKey(values[i]);
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    // Equal keys occupy one run of `sorted`; visiting positions in index order fills each run
    // from its start, so ties come out by ascending index.
    int[] used = new int[n];
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int start = firstAtLeast(sorted, keys[i]);
      out[start + used[start]++] = i;
    }
    return out;
  }

  /** A long whose signed order is {@link Double#compare}'s order of the doubles. */
  private static long orderKey(double v) {
    long bits = Double.doubleToLongBits(v); // one NaN, greater than +∞ as in Double.compare
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** Returns the first index of the sorted array holding a value ≥ key. */
  private static int firstAtLeast(long[] sorted, long key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
