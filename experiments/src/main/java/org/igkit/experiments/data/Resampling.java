package org.igkit.experiments.data;

/**
 * Resampling of single-channel, row-major images: area averaging (exact box filter, for
 * shrinking without aliasing; bilinear enlarging is {@link org.igkit.api.image.Bilinear}), and
 * rounding to 8-bit levels. Pure Java in double precision, so results are the same on every JVM.
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

  /** Rounds to the nearest multiple of 1/255 (what an 8-bit file stores), clamped to [0, 1]. */
  static float quantise(double v) {
    long level = Math.round(Math.max(0, Math.min(1, v)) * 255);
    return level / 255f;
  }
}
