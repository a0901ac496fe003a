package org.igkit.paths.samp;

import org.igkit.api.model.Shape;

/**
 * SAMP's blur, as the authors build it: the kernel is scipy's {@code gaussian_filter} (σ, truncate
 * 4, {@code mode='reflect'}) applied to a size × size delta, i.e. the outer product of the 1-D
 * kernel k[i] = Σ_u w(u)·[ext(i + u) = centre] with w(u) ∝ exp(−u²/2σ²) for
 * |u| ≤ int(4σ + 0.5) and ext the half-sample reflection (d c b a | a b c d | d c b a) of the
 * delta's window; the kernel is then applied to each channel with zero padding (a convolution with
 * padding size/2). For size 11 and σ 5 it sums to 1 and its centre weight is 0.0088326….
 */
final class SampBlur {

  private SampBlur() {}

  /** Returns the 1-D factor of the size × size kernel. */
  static double[] kernel1d(int size, double sigma) {
    int radius = (int) (4 * sigma + 0.5);
    double[] w = new double[2 * radius + 1];
    double total = 0;
    for (int u = -radius; u <= radius; u++) {
      w[u + radius] = Math.exp(-0.5 * u * u / (sigma * sigma));
      total += w[u + radius];
    }
    int centre = size / 2;
    int period = 2 * size;
    double[] k = new double[size];
    for (int i = 0; i < size; i++) {
      for (int u = -radius; u <= radius; u++) {
        int m = Math.floorMod(i + u, period);
        int source = m < size ? m : period - 1 - m;
        if (source == centre) {
          k[i] += w[u + radius] / total;
        }
      }
    }
    return k;
  }

  /** Returns the image convolved channel by channel with the size × size kernel, zero padded. */
  static double[] blur(float[] image, Shape shape, int size, double sigma) {
    double[] k = kernel1d(size, sigma);
    int r = size / 2;
    int h = shape.height();
    int w = shape.width();
    double[] out = new double[image.length];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int i = 0; i < size; i++) {
            int yy = y + i - r;
            if (yy < 0 || yy >= h) {
              continue;
            }
            for (int j = 0; j < size; j++) {
              int xx = x + j - r;
              if (xx >= 0 && xx < w) {
                s += k[i] * k[j] * image[base + yy * w + xx];
              }
            }
          }
          out[base + y * w + x] = s;
        }
      }
    }
    return out;
  }
}
