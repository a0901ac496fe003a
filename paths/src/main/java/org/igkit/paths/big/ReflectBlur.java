package org.igkit.paths.big;

import org.igkit.api.model.Shape;

/**
 * The Gaussian blur of the SIG authors' blur path: kernel size int(6σ + 1), made odd by adding one
 * and at least 3; weights ∝ exp(−u²/2σ²) for u = −r … r (r = size / 2), normalised to sum 1;
 * applied separably, rows then columns, channel by channel, with reflect padding (the edge pixel
 * is not repeated: … 2 1 | 0 1 2 … | n−2 n−3 …). σ = 0 returns the image unchanged.
 *
 * <p>The authors pad with PyTorch's reflect mode, which raises once r ≥ the image side (their
 * ROAR script cannot run on 32-pixel images beyond σ ≈ 10); here the reflection repeats
 * (period 2(n − 1)), so every σ works and a constant image stays constant.
 */
final class ReflectBlur {

  private ReflectBlur() {}

  /** Returns the kernel size for σ: int(6σ + 1), plus one if even, at least 3. */
  static int kernelSize(double sigma) {
    int size = (int) (6 * sigma + 1);
    if (size % 2 == 0) {
      size++;
    }
    return Math.max(size, 3);
  }

  /** Returns the normalised kernel for σ &gt; 0. */
  static double[] kernel(double sigma) {
    int size = kernelSize(sigma);
    int r = size / 2;
    double[] k = new double[size];
    double total = 0;
    for (int u = -r; u <= r; u++) {
      k[u + r] = Math.exp(-(double) u * u / (2 * sigma * sigma));
      total += k[u + r];
    }
    for (int i = 0; i < size; i++) {
      k[i] /= total;
    }
    return k;
  }

  /** Maps an index outside 0 … n−1 back inside by repeated reflection about the edge pixels. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  /** Returns blur(image, σ) as doubles; σ = 0 gives the image itself. */
  static double[] blur(float[] image, Shape shape, double sigma) {
    double[] out = new double[image.length];
    if (sigma == 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = image[i];
      }
      return out;
    }
    double[] k = kernel(sigma);
    int r = k.length / 2;
    int h = shape.height();
    int w = shape.width();
    double[] rows = new double[h * w];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int u = -r; u <= r; u++) {
            s += k[u + r] * image[base + y * w + reflect(x + u, w)];
          }
          rows[y * w + x] = s;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int u = -r; u <= r; u++) {
            s += k[u + r] * rows[reflect(y + u, h) * w + x];
          }
          out[base + y * w + x] = s;
        }
      }
    }
    return out;
  }
}
