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

  private GaussianBlur() {}

  /** Returns a blurred copy of {@code image}. */
  public static float[] blur(float[] image, Shape shape, double sigma, Padding padding) {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma: must be ≥ 0 and finite, was " + sigma);
    }
    if (sigma == 0) {
      return image.clone();
    }
    double[] kernel = kernel(sigma);
    int h = shape.height();
    int w = shape.width();
    float[] tmp = new float[image.length];
    float[] out = new float[image.length];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          tmp[base + y * w + x] = (float) convolve(image, base + y * w, 1, w, x, kernel, padding);
        }
      }
      for (int x = 0; x < w; x++) {
        for (int y = 0; y < h; y++) {
          out[base + y * w + x] = (float) convolve(tmp, base + x, w, h, y, kernel, padding);
        }
      }
    }
    return out;
  }

  /** One output of a 1-D convolution along a line of {@code n} values at {@code start + i·stride}. */
  private static double convolve(
      float[] v, int start, int stride, int n, int at, double[] kernel, Padding padding) {
    int r = kernel.length / 2;
    double s = 0;
    if (padding == Padding.ZERO) {
      // Taps outside the image read 0: visit only those inside (wide kernels on small images).
      for (int i = Math.max(0, at - r), end = Math.min(n - 1, at + r); i <= end; i++) {
        s += kernel[i - at + r] * v[start + i * stride];
      }
      return s;
    }
    for (int k = -r; k <= r; k++) {
      int i = at + k;
      if (i < 0 || i >= n) {
        i = reflect(i, n);
      }
      s += kernel[k + r] * v[start + i * stride];
    }
    return s;
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
