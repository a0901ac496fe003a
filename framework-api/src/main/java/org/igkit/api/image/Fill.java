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
   * Per channel, the mean of the four square corner patches of S × S pixels, S = max(1, ⌊0.1·H⌋)
   * unless given ({@link #cornerSize}) — the neutral colour of the WG authors' evaluation code,
   * whose patches are {@code int(0.1 * height)} pixels on a side (2 at H = 28, where rounding
   * would give 3).
   */
  CORNER_MEAN,
  /**
   * x blurred with a Gaussian of σ = {@code blurSigma} pixels, reflecting borders. The last few
   * blurs are kept, so the maps of one image share one blur.
   */
  BLUR,
  /** Per channel, the mean of x over all H·W positions. */
  CHANNEL_MEAN;

  /** Returns the C×H×W fill image for input {@code x}, a new array; corner patches of the default size. */
  public float[] image(float[] x, Shape shape, double blurSigma) {
    return image(x, shape, blurSigma, 0);
  }

  /**
   * Returns the C×H×W fill image for input {@code x}, a new array.
   *
   * @param cornerSize side in pixels of the {@link #CORNER_MEAN} patches, 0 for {@link #cornerSize}
   *                   (H); at most min(H, W)
   * @throws IllegalArgumentException if {@code cornerSize} is negative or larger than the image
   */
  public float[] image(float[] x, Shape shape, double blurSigma, int cornerSize) {
    return switch (this) {
      case ZERO -> new float[shape.size()];
      case BLUR -> BlurredImages.blur(x, shape, blurSigma);
      case CORNER_MEAN -> cornerMean(x, shape, checkCornerSize(cornerSize, shape));
      case CHANNEL_MEAN -> channelMean(x, shape);
    };
  }

  /** Returns the default corner patch side for an image of {@code height} rows: max(1, ⌊0.1·H⌋). */
  public static int cornerSize(int height) {
    return Math.max(1, (int) (0.1 * height)); // the same double product as Python's int(0.1 * height)
  }

  private static int checkCornerSize(int cornerSize, Shape shape) {
    int limit = Math.min(shape.height(), shape.width());
    if (cornerSize < 0 || cornerSize > limit) {
      throw new IllegalArgumentException("cornerSize: must be in [0, " + limit + "] (0: ⌊0.1·H⌋; at most min(H, W) of the "
          + shape.height() + "×" + shape.width() + " image), was " + cornerSize);
    }
    return cornerSize == 0 ? Math.min(limit, cornerSize(shape.height())) : cornerSize;
  }

  private static float[] cornerMean(float[] x, Shape shape, int side) {
    int h = shape.height();
    int w = shape.width();
    int ph = side;
    int pw = side;
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
