package org.igkit.api.compute;

import java.util.Arrays;
import java.util.List;

/** Straightforward loops that say what each kernel computes, written without any of its tricks. */
final class ReferenceLoops {

  private ReferenceLoops() {}

  static double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    double[] out = new double[pixels];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < channels; c++) {
        out[p] += absolute ? Math.abs(map[c * pixels + p]) : map[c * pixels + p];
      }
    }
    return out;
  }

  /** The ranking with boxed indices and a comparator: descending Double.compare, ties by index. */
  static int[] rankDescending(double[] values) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(values[b], values[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  static int[] ranks(int[] order) {
    int[] rank = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      for (int r = 0; r < order.length; r++) {
        if (order[r] == p) {
          rank[p] = r;
        }
      }
    }
    return rank;
  }

  /** Image i: base with the first counts[i] positions of order taken from donor. */
  static float[] composite(float[] base, float[] donor, int channels, int[] order, int count) {
    int pixels = order.length;
    float[] out = base.clone();
    for (int r = 0; r < count; r++) {
      for (int c = 0; c < channels; c++) {
        out[c * pixels + order[r]] = donor[c * pixels + order[r]];
      }
    }
    return out;
  }

  static double trapezoid(double[] x, double[] y, int offset) {
    double area = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      area += (x[i + 1] - x[i]) * (y[offset + i] + y[offset + i + 1]) / 2;
    }
    return area;
  }

  static double[] weightedSum(List<double[]> maps, double[] weights, int size) {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      double s = 0;
      for (int k = 0; k < weights.length; k++) {
        if (weights[k] != 0) {
          s += weights[k] * maps.get(k)[i];
        }
      }
      out[i] = s;
    }
    return out;
  }

  static double[] squaredDistances(float[] p, int n, int dim) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        double s = 0;
        for (int d = 0; d < dim && i != j; d++) {
          double v = (double) p[a * dim + d] - p[b * dim + d];
          s += v * v;
        }
        out[i * n + j] = s;
      }
    }
    return out;
  }

  /** Linear interpolation of one sorted curve at c, constant beyond its ends. */
  static double interpolate(double[] x, double[] y, double c) {
    int last = -1;
    while (last + 1 < x.length && x[last + 1] <= c) {
      last++;
    }
    if (last < 0) {
      return y[0];
    }
    if (last == x.length - 1) {
      return y[last];
    }
    return y[last] + (y[last + 1] - y[last]) * (c - x[last]) / (x[last + 1] - x[last]);
  }
}
