package org.igkit.api.compute;

/**
 * Plain static kernels over flat arrays for the Java-side loops of attribution: collapsing maps
 * over channels, ranking positions, weighted sums over baselines. Each outer loop is independent
 * per element (TornadoVM-style parallel loops), so a GPU backend can run the same code.
 */
public final class MapKernels {

  private MapKernels() {}

  /**
   * Sums a C×H×W map over channels into an H×W map: {@code out[p] = Σ_c map[c·P + p]}, or of
   * |map| when {@code absolute}.
   */
  public static double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    double[] out = new double[pixels];
    for (int p = 0; p < pixels; p++) {
      double s = 0;
      for (int c = 0; c < channels; c++) {
        double v = map[c * pixels + p];
        s += absolute ? Math.abs(v) : v;
      }
      out[p] = s;
    }
    return out;
  }

  /**
   * Returns the positions of {@code values} ordered from largest to smallest value; ties keep the
   * lower index first, so the order is deterministic.
   */
  public static int[] rankDescending(double[] values) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(values[b], values[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Adds {@code weight · v} to {@code acc} element-wise. */
  public static void addScaled(double[] acc, double weight, double[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += weight * v[i];
    }
  }
}
