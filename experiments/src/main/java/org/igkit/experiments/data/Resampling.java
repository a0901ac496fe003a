package org.igkit.experiments.data;

/**
 * Resampling of single-channel, row-major images: area averaging (exact box filter, for
 * shrinking without aliasing) and bilinear interpolation with half-pixel centres (for enlarging).
 * Pure Java in double precision, so results are the same on every JVM.
 */
final class Resampling {

  private Resampling() {}

  /**
   * Returns the {@code side}×{@code side} square of {@code src} (h×w) whose corner is
   * ({@code y0}, {@code x0}), shrunk or enlarged to {@code out}×{@code out} by area averaging:
   * each output pixel is the mean of the source area it covers, partial pixels weighted by their
   * covered fraction.
   */
  static float[] areaCrop(float[] src, int h, int w, int y0, int x0, int side, int out) {
    if (y0 < 0 || x0 < 0 || y0 + side > h || x0 + side > w) {
      throw new IllegalArgumentException("crop " + side + " at (" + y0 + ", " + x0 + ") leaves the " + h + "×" + w + " image");
    }
    double[][] weights = boxWeights(side, out);
    int[] first = firstSources(side, out);
    double[] rows = new double[out * side]; // out rows × side columns
    for (int oy = 0; oy < out; oy++) {
      double[] wy = weights[oy];
      for (int k = 0; k < wy.length; k++) {
        int sy = y0 + first[oy] + k;
        for (int sx = 0; sx < side; sx++) {
          rows[oy * side + sx] += wy[k] * src[sy * w + x0 + sx];
        }
      }
    }
    float[] result = new float[out * out];
    for (int oy = 0; oy < out; oy++) {
      for (int ox = 0; ox < out; ox++) {
        double[] wx = weights[ox];
        double v = 0;
        for (int k = 0; k < wx.length; k++) {
          v += wx[k] * rows[oy * side + first[ox] + k];
        }
        result[oy * out + ox] = (float) v;
      }
    }
    return result;
  }

  /** Output pixel i covers source [i·n/m, (i+1)·n/m); weights of the sources it touches, summing to 1. */
  private static double[][] boxWeights(int n, int m) {
    double scale = (double) n / m;
    double[][] out = new double[m][];
    int[] first = firstSources(n, m);
    for (int i = 0; i < m; i++) {
      double lo = i * scale;
      double hi = (i + 1) * scale;
      int last = Math.min(n - 1, (int) Math.ceil(hi) - 1);
      double[] wgt = new double[last - first[i] + 1];
      for (int s = first[i]; s <= last; s++) {
        wgt[s - first[i]] = (Math.min(hi, s + 1) - Math.max(lo, s)) / scale;
      }
      out[i] = wgt;
    }
    return out;
  }

  private static int[] firstSources(int n, int m) {
    int[] first = new int[m];
    for (int i = 0; i < m; i++) {
      first[i] = (int) Math.floor(i * (double) n / m);
    }
    return first;
  }

  /** Bilinear resize of an h×w image to {@code outH}×{@code outW}, half-pixel centres, edges clamped. */
  static float[] bilinear(float[] src, int h, int w, int outH, int outW) {
    float[] out = new float[outH * outW];
    for (int y = 0; y < outH; y++) {
      double sy = Math.max(0, (y + 0.5) * h / outH - 0.5);
      int y0 = Math.min((int) sy, h - 1);
      int y1 = Math.min(y0 + 1, h - 1);
      double fy = sy - y0;
      for (int x = 0; x < outW; x++) {
        double sx = Math.max(0, (x + 0.5) * w / outW - 0.5);
        int x0 = Math.min((int) sx, w - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double fx = sx - x0;
        double v = (1 - fy) * ((1 - fx) * src[y0 * w + x0] + fx * src[y0 * w + x1])
            + fy * ((1 - fx) * src[y1 * w + x0] + fx * src[y1 * w + x1]);
        out[y * outW + x] = (float) v;
      }
    }
    return out;
  }

  /** Rounds to the nearest multiple of 1/255 (what an 8-bit file stores), clamped to [0, 1]. */
  static float quantise(double v) {
    long level = Math.round(Math.max(0, Math.min(1, v)) * 255);
    return level / 255f;
  }
}
