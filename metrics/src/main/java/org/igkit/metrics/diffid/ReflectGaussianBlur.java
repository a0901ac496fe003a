package org.igkit.metrics.diffid;

import org.igkit.api.model.Shape;

/**
 * The Gaussian blur of DiffID's {@code blur} fill: a kernel of 11 taps, weights ∝ exp(−u²/(2σ²))
 * for u = −5…5 with σ = 5, normalised to sum 1, applied separably (rows, then columns) to every
 * channel, with <em>reflect</em> padding that does not repeat the edge pixel (… c b | a b c … ,
 * PyTorch's {@code reflect}, scipy's {@code mirror}). Arithmetic is in double precision.
 *
 * <p>This is not {@link org.igkit.api.image.GaussianBlur}, which truncates at 4σ and repeats the
 * edge pixel. PyTorch refuses reflect padding of 5 on a side of 5 pixels or fewer; here the
 * reflection is repeated (period 2(n − 1); a side of 1 pixel repeats it), so small images blur
 * too, and every image PyTorch accepts gets the same result.
 */
public final class ReflectGaussianBlur {

  /** The kernel radius: 11 taps. */
  public static final int RADIUS = 5;
  /** The kernel's σ in pixels. */
  public static final double SIGMA = 5;

  private ReflectGaussianBlur() {}

  /** Returns the 11 normalised weights, u = −5…5. */
  public static double[] kernel() {
    double[] w = new double[2 * RADIUS + 1];
    double sum = 0;
    for (int u = -RADIUS; u <= RADIUS; u++) {
      w[u + RADIUS] = Math.exp(-(double) u * u / (2 * SIGMA * SIGMA));
      sum += w[u + RADIUS];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** Returns index {@code i} reflected into 0…n−1 without repeating the edge. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int j = Math.floorMod(i, period);
    return j < n ? j : period - j;
  }

  /** Returns the blur of the C×H×W {@code image}. */
  public static double[] blur(float[] image, Shape shape) {
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    double[] k = kernel();
    double[] rows = new double[image.length];
    double[] out = new double[image.length];
    for (int ch = 0; ch < c; ch++) {
      int base = ch * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int u = -RADIUS; u <= RADIUS; u++) {
            s += k[u + RADIUS] * image[base + y * w + reflect(x + u, w)];
          }
          rows[base + y * w + x] = s;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int u = -RADIUS; u <= RADIUS; u++) {
            s += k[u + RADIUS] * rows[base + reflect(y + u, h) * w + x];
          }
          out[base + y * w + x] = s;
        }
      }
    }
    return out;
  }
}
