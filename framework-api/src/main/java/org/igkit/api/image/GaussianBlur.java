package org.igkit.api.image;

import org.igkit.api.model.Shape;

/**
 * Separable Gaussian blur of a C×H×W image, channel by channel, with a kernel truncated at
 * 4σ (as scipy's {@code gaussian_filter} does). σ = 0 returns a copy.
 */
public final class GaussianBlur {

  /** How pixels beyond the border are read. */
  public enum Padding {
    /** Beyond the border is 0 (scipy {@code mode='constant'}, the Blur IG reference). */
    ZERO,
    /** Beyond the border mirrors the image (scipy {@code mode='reflect'}). */
    REFLECT
  }

  /**
   * The largest σ a plugin's spec accepts, in pixels. The kernel is 8σ + 1 taps wide and each
   * output pixel reads every tap, so a σ far beyond any image's size only costs time (and at
   * σ ≈ 10^9 the kernel no longer fits in an array) while blurring no further.
   */
  public static final double MAX_SIGMA = 1000;

  private GaussianBlur() {}

  /**
   * Returns {@code sigma} when it is finite and in (0, {@value #MAX_SIGMA}]; otherwise throws
   * naming {@code field}, for the compact constructors of specs.
   */
  public static double checkSigma(String field, double sigma) {
    if (!(sigma > 0 && sigma <= MAX_SIGMA)) {
      throw new IllegalArgumentException(field + ": must be > 0 and at most " + (int) MAX_SIGMA
          + " pixels (the kernel is 8σ wide: a larger σ only costs time), was " + sigma);
    }
    return sigma;
  }

  /** Returns a blurred copy of {@code image}. */
  public static float[] blur(float[] image, Shape shape, double sigma, Padding padding) {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma: must be ≥ 0 and finite, was " + sigma);
    }
    if (sigma == 0) {
      return image.clone();
    }
    double[] kernel = kernel(sigma);
    int r = kernel.length / 2;
    int h = shape.height();
    int w = shape.width();
    boolean reflect = padding == Padding.REFLECT;
    float[] out = new float[image.length];
    double[] rows = new double[h * w];
    double[] line = new double[w + 2 * r];
    double[] weights = new double[kernel.length];
    int[] offsets = new int[kernel.length];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        int o = base + y * w;
        // line[j] is the row's value at x = j − r, padded
        for (int j = 0; j < line.length; j++) {
          int i = j - r;
          line[j] = i >= 0 && i < w ? image[o + i] : reflect ? image[o + reflect(i, w)] : 0.0;
        }
        alongRow(line, kernel, r, w, reflect, rows, y * w);
      }
      for (int y = 0; y < h; y++) {
        // the rows that tap t of output row y reads; with zero padding, only those inside
        int taps = 0;
        for (int t = 0; t < kernel.length; t++) {
          int i = y + t - r;
          if (i < 0 || i >= h) {
            if (!reflect) {
              continue;
            }
            i = reflect(i, h);
          }
          weights[taps] = kernel[t];
          offsets[taps++] = i * w;
        }
        acrossRows(rows, weights, offsets, taps, w, out, base + y * w);
      }
    }
    return out;
  }

  /*
   * Both passes compute every output as s = 0; s += k_t·v_t for its taps t in order −r…r, in double
   * precision, then round it to float: the same sum, term by term, as a loop over one output's taps
   * (a zero-padded tap adds +0.0, which leaves s unchanged). Eight outputs are summed side by side,
   * so the eight additions of a tap are independent.
   */

  /** rows[o + x] = the row blurred along x, rounded to float, from its padded values {@code line}. */
  private static void alongRow(double[] line, double[] kernel, int r, int w, boolean reflect, double[] rows, int o) {
    int x = 0;
    for (; x + 8 <= w; x += 8) {
      // with zero padding, taps that read padding for all eight outputs are skipped
      int from = reflect ? 0 : Math.max(0, r - x - 7);
      int to = reflect ? kernel.length : Math.min(kernel.length, w + r - x);
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (int t = from; t < to; t++) {
        double k = kernel[t];
        int i = x + t;
        s0 += k * line[i];
        s1 += k * line[i + 1];
        s2 += k * line[i + 2];
        s3 += k * line[i + 3];
        s4 += k * line[i + 4];
        s5 += k * line[i + 5];
        s6 += k * line[i + 6];
        s7 += k * line[i + 7];
      }
      rows[o + x] = (float) s0;
      rows[o + x + 1] = (float) s1;
      rows[o + x + 2] = (float) s2;
      rows[o + x + 3] = (float) s3;
      rows[o + x + 4] = (float) s4;
      rows[o + x + 5] = (float) s5;
      rows[o + x + 6] = (float) s6;
      rows[o + x + 7] = (float) s7;
    }
    for (; x < w; x++) {
      int from = reflect ? 0 : Math.max(0, r - x);
      int to = reflect ? kernel.length : Math.min(kernel.length, w + r - x);
      double s = 0;
      for (int t = from; t < to; t++) {
        s += kernel[t] * line[x + t];
      }
      rows[o + x] = (float) s;
    }
  }

  /** out[o + x] = Σ weights[u]·rows[offsets[u] + x] over the taps u, for x in [0, w), as floats. */
  private static void acrossRows(double[] rows, double[] weights, int[] offsets, int taps, int w, float[] out, int o) {
    int x = 0;
    for (; x + 8 <= w; x += 8) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (int u = 0; u < taps; u++) {
        double k = weights[u];
        int i = offsets[u] + x;
        s0 += k * rows[i];
        s1 += k * rows[i + 1];
        s2 += k * rows[i + 2];
        s3 += k * rows[i + 3];
        s4 += k * rows[i + 4];
        s5 += k * rows[i + 5];
        s6 += k * rows[i + 6];
        s7 += k * rows[i + 7];
      }
      out[o + x] = (float) s0;
      out[o + x + 1] = (float) s1;
      out[o + x + 2] = (float) s2;
      out[o + x + 3] = (float) s3;
      out[o + x + 4] = (float) s4;
      out[o + x + 5] = (float) s5;
      out[o + x + 6] = (float) s6;
      out[o + x + 7] = (float) s7;
    }
    for (; x < w; x++) {
      double s = 0;
      for (int u = 0; u < taps; u++) {
        s += weights[u] * rows[offsets[u] + x];
      }
      out[o + x] = (float) s;
    }
  }

  /** scipy's 'reflect' (d c b a | a b c d | d c b a), repeated for kernels wider than the image. */
  private static int reflect(int i, int n) {
    int period = 2 * n;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - 1 - m;
  }

  /** The normalised Gaussian kernel truncated at 4σ. */
  static double[] kernel(double sigma) {
    int r = (int) (4.0 * sigma + 0.5);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    return k;
  }
}
