package org.igkit.metrics.information;

import org.igkit.api.model.Shape;

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik, "Multi-scale structural
 * similarity for image quality assessment", Asilomar 2003), the second information level of the
 * IDGI paper (§4.5).
 *
 * <p>Protocol, per channel, on values scaled to t = (v − min)/(max − min) clamped to [0, 1] (so
 * the data range L is 1):
 *
 * <ol>
 *   <li>Window: an 11-tap Gaussian of σ = 1.5, normalised to sum 1, applied separably with no
 *       padding ("valid": an H×W image gives (H − 10)×(W − 10) local statistics).
 *   <li>At a scale: μ_a, μ_b, σ_a², σ_b², σ_ab are windowed means of a, b, a², b², ab minus the
 *       products of means; with C1 = (0.01 L)², C2 = (0.03 L)²:
 *       cs = mean of (2σ_ab + C2)/(σ_a² + σ_b² + C2), and ssim = mean of
 *       (2μ_aμ_b + C1)/(μ_a² + μ_b² + C1) · (2σ_ab + C2)/(σ_a² + σ_b² + C2).
 *   <li>Scales: the image, then repeated 2×2 block means (an odd last row or column is dropped).
 *       M = the most scales, at most {@value #MAX_SCALES}, whose smallest side is still ≥ 11.
 *   <li>Weights β = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333), the paper's, used as they are when
 *       M = 5 (they sum to 1.0001, as in tf.image.ssim_multiscale and pytorch-msssim); when M &lt;
 *       5 (small images) the first M of them divided by their sum.
 *   <li>MS-SSIM = Π_{j&lt;M} max(cs_j, 0)^{β_j} · max(ssim_M, 0)^{β_M}; negative factors are
 *       clipped to 0 as pytorch-msssim does. The value is the mean over channels.
 * </ol>
 */
public final class MsSsim {

  /** The most scales used (the paper's five). */
  public static final int MAX_SCALES = 5;
  /** The side of the Gaussian window. */
  public static final int WINDOW = 11;
  /** The σ of the Gaussian window. */
  public static final double WINDOW_SIGMA = 1.5;
  /** The paper's scale weights, finest first. */
  static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

  private static final double C1 = 0.01 * 0.01;
  private static final double C2 = 0.03 * 0.03;
  private static final double[] KERNEL = kernel();

  private MsSsim() {}

  /** Returns the number of scales an image of {@code height}×{@code width} gets; 0 when it is smaller than 11×11. */
  public static int scales(int height, int width) {
    int m = 0;
    int h = height;
    int w = width;
    while (m < MAX_SCALES && Math.min(h, w) >= WINDOW) {
      m++;
      h /= 2;
      w /= 2;
    }
    return m;
  }

  /**
   * Returns MS-SSIM of two C×H×W images.
   *
   * @throws IllegalArgumentException when the image is smaller than 11×11
   */
  public static double of(float[] a, float[] b, Shape shape, double min, double max) {
    int scales = scales(shape.height(), shape.width());
    if (scales == 0) {
      throw new IllegalArgumentException(
          "MS-SSIM needs images of at least " + WINDOW + "×" + WINDOW + " pixels, the images are "
              + shape.height() + "×" + shape.width());
    }
    double weightSum = 0;
    for (int j = 0; j < scales; j++) {
      weightSum += WEIGHTS[j];
    }
    if (scales == MAX_SCALES) {
      weightSum = 1;
    }
    int pixels = shape.pixels();
    double total = 0;
    for (int c = 0; c < shape.channels(); c++) {
      double[] pa = plane(a, c * pixels, pixels, min, max);
      double[] pb = plane(b, c * pixels, pixels, min, max);
      int h = shape.height();
      int w = shape.width();
      double value = 1;
      for (int j = 0; j < scales; j++) {
        double[] stats = statistics(pa, pb, h, w);
        double factor = j == scales - 1 ? stats[1] : stats[0];
        value *= Math.pow(Math.max(factor, 0), WEIGHTS[j] / weightSum);
        if (j < scales - 1) {
          pa = halve(pa, h, w);
          pb = halve(pb, h, w);
          h /= 2;
          w /= 2;
        }
      }
      total += value;
    }
    return total / shape.channels();
  }

  private static double[] plane(float[] v, int from, int pixels, double min, double max) {
    double[] out = new double[pixels];
    double span = max - min;
    for (int p = 0; p < pixels; p++) {
      double t = (v[from + p] - min) / span;
      out[p] = t < 0 ? 0 : t > 1 ? 1 : t;
    }
    return out;
  }

  /** Returns {mean cs, mean ssim} of one scale. */
  private static double[] statistics(double[] a, double[] b, int h, int w) {
    int n = h * w;
    double[] aa = new double[n];
    double[] bb = new double[n];
    double[] ab = new double[n];
    for (int i = 0; i < n; i++) {
      aa[i] = a[i] * a[i];
      bb[i] = b[i] * b[i];
      ab[i] = a[i] * b[i];
    }
    double[] ma = filter(a, h, w);
    double[] mb = filter(b, h, w);
    double[] maa = filter(aa, h, w);
    double[] mbb = filter(bb, h, w);
    double[] mab = filter(ab, h, w);
    double cs = 0;
    double ssim = 0;
    for (int i = 0; i < ma.length; i++) {
      double va = maa[i] - ma[i] * ma[i];
      double vb = mbb[i] - mb[i] * mb[i];
      double cov = mab[i] - ma[i] * mb[i];
      double csi = (2 * cov + C2) / (va + vb + C2);
      double li = (2 * ma[i] * mb[i] + C1) / (ma[i] * ma[i] + mb[i] * mb[i] + C1);
      cs += csi;
      ssim += li * csi;
    }
    return new double[] {cs / ma.length, ssim / ma.length};
  }

  /** Separable "valid" Gaussian filtering: (h − 10)×(w − 10) outputs. */
  private static double[] filter(double[] v, int h, int w) {
    int k = KERNEL.length;
    int ow = w - k + 1;
    int oh = h - k + 1;
    double[] rows = new double[h * ow];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int t = 0; t < k; t++) {
          s += KERNEL[t] * v[y * w + x + t];
        }
        rows[y * ow + x] = s;
      }
    }
    double[] out = new double[oh * ow];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int t = 0; t < k; t++) {
          s += KERNEL[t] * rows[(y + t) * ow + x];
        }
        out[y * ow + x] = s;
      }
    }
    return out;
  }

  /** 2×2 block means; an odd last row or column is dropped. */
  private static double[] halve(double[] v, int h, int w) {
    int oh = h / 2;
    int ow = w / 2;
    double[] out = new double[oh * ow];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int i = 2 * y * w + 2 * x;
        out[y * ow + x] = (v[i] + v[i + 1] + v[i + w] + v[i + w + 1]) / 4;
      }
    }
    return out;
  }

  private static double[] kernel() {
    double[] k = new double[WINDOW];
    int r = WINDOW / 2;
    double sum = 0;
    for (int i = 0; i < WINDOW; i++) {
      k[i] = Math.exp(-0.5 * (i - r) * (i - r) / (WINDOW_SIGMA * WINDOW_SIGMA));
      sum += k[i];
    }
    for (int i = 0; i < WINDOW; i++) {
      k[i] /= sum;
    }
    return k;
  }
}
