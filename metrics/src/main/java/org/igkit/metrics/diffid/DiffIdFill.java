package org.igkit.metrics.diffid;

import org.igkit.api.model.Shape;

/**
 * What DiffID writes into the replaced elements. The authors work on mean/std-normalised images;
 * igkit's images are in the model's raw input space ([0, 1]) and the model normalises inside. With
 * the spec's {@code normMean}/{@code normStd} (μ_c, σ_c) a fill is computed in the normalised space
 * n = (x − μ_c)/σ_c exactly as the authors do and mapped back, x = μ_c + σ_c·n; without them μ = 0,
 * σ = 1 (the raw space is the space the fill is computed in).
 */
public enum DiffIdFill {
  /**
   * One scalar m = Σ_{kept} n_i / (count kept + 1e-8) over the elements of all channels that are
   * not replaced, in the normalised space; element i of channel c becomes μ_c + σ_c·m. Equal to the
   * authors' fill when normMean/normStd are the model's; in the raw space (no normalisation given)
   * it equals theirs only when every channel has the same μ and σ.
   */
  MEAN,
  /** 0 in the normalised space: μ_c in the raw space (0 without normalisation). */
  ZERO,
  /**
   * The input blurred by {@link ReflectGaussianBlur} (11 taps, σ 5, reflect padding). The blur's
   * weights sum to 1, so blurring the raw image equals blurring the normalised one and mapping
   * back: the normalisation does not matter.
   */
  BLUR;

  /**
   * Returns the value of every element of the C×H×W {@code image} when it is replaced, given which
   * elements are {@code replaced}.
   *
   * @param blurred the image blurred by {@link ReflectGaussianBlur} (used by {@link #BLUR} only)
   * @param mu      μ_c per channel
   * @param sigma   σ_c per channel
   */
  double[] values(float[] image, Shape shape, boolean[] replaced, double[] blurred, double[] mu, double[] sigma) {
    int pixels = shape.pixels();
    double[] out = new double[image.length];
    switch (this) {
      case BLUR -> System.arraycopy(blurred, 0, out, 0, out.length);
      case ZERO -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = mu[i / pixels];
        }
      }
      case MEAN -> {
        double sum = 0;
        long kept = 0;
        for (int i = 0; i < image.length; i++) {
          if (!replaced[i]) {
            int c = i / pixels;
            sum += (image[i] - mu[c]) / sigma[c];
            kept++;
          }
        }
        double m = sum / (kept + 1e-8);
        for (int i = 0; i < out.length; i++) {
          int c = i / pixels;
          out[i] = mu[c] + sigma[c] * m;
        }
      }
      default -> throw new IllegalStateException(name());
    }
    return out;
  }
}
