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
   * so the order is deterministic. A stable least-significant-digit radix sort of 64-bit keys,
   * 8 bits a pass, passes whose digit is the same for every key skipped: O(P) with no
   * comparisons, and stability gives the ties by index. Not a kernel: it runs on the host whatever
   * the backend.
   */
  public static int[] rankDescending(double[] values) {
    int n = values.length;
    // Unsigned ascending keys ⇔ values in descending Double.compare order.
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ~orderKey(values[i]) ^ Long.MIN_VALUE;
      order[i] = i;
    }
    long[] keysOut = new long[n];
    int[] orderOut = new int[n];
    int[] start = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      Arrays.fill(start, 0);
      for (int i = 0; i < n; i++) {
        start[(int) ((keys[i] >>> shift) & 0xFF) + 1]++;
      }
      if (n == 0 || start[(int) ((keys[0] >>> shift) & 0xFF) + 1] == n) {
        continue; // every key has this digit: the pass would move nothing
      }
      for (int d = 0; d < 256; d++) {
        start[d + 1] += start[d];
      }
      for (int i = 0; i < n; i++) {
        int at = start[(int) ((keys[i] >>> shift) & 0xFF)]++;
        keysOut[at] = keys[i];
        orderOut[at] = order[i];
      }
      long[] k = keys;
      keys = keysOut;
      keysOut = k;
      int[] o = order;
      order = orderOut;
      orderOut = o;
    }
    return order;
  }

  /** A long whose signed order is {@link Double#compare}'s order of the doubles. */
  private static long orderKey(double v) {
    long bits = Double.doubleToLongBits(v); // one NaN, greater than +∞ as in Double.compare
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }
}
