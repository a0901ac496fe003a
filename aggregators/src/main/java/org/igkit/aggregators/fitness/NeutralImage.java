package org.igkit.aggregators.fitness;

import org.igkit.api.image.GaussianBlur;
import org.igkit.api.model.Shape;

/** Builds the image whose pixels replace deleted ones. */
public final class NeutralImage {

  private NeutralImage() {}

  /** Returns the C×H×W replacement image for {@code input}. */
  public static float[] of(FitnessSpec.Neutral mode, float[] input, Shape shape, double blurSigma) {
    return switch (mode) {
      case ZERO -> new float[shape.size()];
      case BLUR -> GaussianBlur.blur(input, shape, blurSigma, GaussianBlur.Padding.REFLECT);
      case CORNER_MEAN -> cornerMean(input, shape);
    };
  }

  /**
   * Returns the image filled, per channel, with the mean of the four corner patches of
   * max(1, round(0.1·H)) × max(1, round(0.1·W)) pixels (the WG authors' neutral colour).
   */
  public static float[] cornerMean(float[] input, Shape shape) {
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
            for (int x = x0; x < x0 + pw; x++) {
              s += input[shape.index(c, y, x)];
            }
          }
        }
      }
      float mean = (float) (s / (4.0 * ph * pw));
      java.util.Arrays.fill(out, c * h * w, (c + 1) * h * w, mean);
    }
    return out;
  }
}
