package org.igkit.api.image;

import java.util.Arrays;
import org.igkit.api.model.Shape;

/**
 * The image that stands for "no information" in a perturbation curve: what deleted pixels become
 * (deletion) or what the curve starts from (insertion). Every fill is built from the input x in
 * the user's image space.
 */
public enum Fill {
  /** Every value 0 (black for images in [0, 1]). */
  ZERO,
  /**
   * Per channel, the mean of the four corner patches of max(1, round(0.1·H)) × max(1,
   * round(0.1·W)) pixels — the neutral colour of the WG authors' evaluation code.
   */
  CORNER_MEAN,
  /**
   * x blurred with a Gaussian of σ = {@code blurSigma} pixels, reflecting borders. The last few
   * blurs are kept, so the maps of one image share one blur.
   */
  BLUR,
  /** Per channel, the mean of x over all H·W positions. */
  CHANNEL_MEAN;

  /** Returns the C×H×W fill image for input {@code x}, a new array. */
  public float[] image(float[] x, Shape shape, double blurSigma) {
    return switch (this) {
      case ZERO -> new float[shape.size()];
      case BLUR -> BlurredImages.blur(x, shape, blurSigma);
      case CORNER_MEAN -> cornerMean(x, shape);
      case CHANNEL_MEAN -> channelMean(x, shape);
    };
  }

  private static float[] cornerMean(float[] x, Shape shape) {
    int h = shape.height();
    int w = shape.width();
    int ph = Math.max(1, (int) Math.round(0.1 * h));
    int pw = Math.max(1, (int) Math.round(0.1 * w));
    int[] ys = {0, h - ph};
    int[] xs = {0, w - pw};
    float[] out = new float[shape.size()];
    for (int c = 0; c < shape.channels(); c++) {
      double s = 0;
      for (int y0 : ys) {
        for (int x0 : xs) {
          for (int y = y0; y < y0 + ph; y++) {
            for (int xx = x0; xx < x0 + pw; xx++) {
              s += x[shape.index(c, y, xx)];
            }
          }
        }
      }
      Arrays.fill(out, c * h * w, (c + 1) * h * w, (float) (s / (4.0 * ph * pw)));
    }
    return out;
  }

  private static float[] channelMean(float[] x, Shape shape) {
    int pixels = shape.pixels();
    float[] out = new float[shape.size()];
    for (int c = 0; c < shape.channels(); c++) {
      double s = 0;
      for (int p = 0; p < pixels; p++) {
        s += x[c * pixels + p];
      }
      Arrays.fill(out, c * pixels, (c + 1) * pixels, (float) (s / pixels));
    }
    return out;
  }
}
