package org.igkit.experiments.roar;

import java.util.Arrays;
import org.igkit.api.model.Shape;

/**
 * ROAR's removal step, as the SIG authors run it: the per-pixel saliency is Σ_c |A_c,y,x| over the
 * channels of an attribution map; the {@code ⌊H·W·r⌋} most salient pixels lose all their channels,
 * each value set to one scalar, the mean of every value (all channels) of the pixels kept.
 *
 * <p>Ranking ties are broken by a stable rule: of two pixels with equal saliency, the one with the
 * smaller row-major index ({@code y·W + x}) counts as the more salient, so it goes first. As
 * {@code r < 1}, {@code ⌊H·W·r⌋ < H·W}: at least one pixel is always kept.
 */
public final class PixelRemoval {

  private PixelRemoval() {}

  /**
   * Returns Σ_c |A_c,y,x| per pixel, row-major ({@code H·W} values) in double precision.
   *
   * @throws IllegalArgumentException when {@code attribution} does not have {@code shape}'s size or
   *                                  holds a value that is not finite
   */
  public static double[] saliency(float[] attribution, Shape shape) {
    if (attribution.length != shape.size()) {
      throw new IllegalArgumentException("attribution has " + attribution.length + " values, but the shape is " + shape
          + " (" + shape.size() + ")");
    }
    int pixels = shape.height() * shape.width();
    double[] s = new double[pixels];
    for (int c = 0; c < shape.channels(); c++) {
      for (int p = 0; p < pixels; p++) {
        float v = attribution[c * pixels + p];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("attribution value " + v + " at channel " + c + ", pixel " + p
              + " is not finite; ROAR cannot rank it");
        }
        s[p] += Math.abs(v);
      }
    }
    return s;
  }

  /** Returns how many of {@code pixels} pixels ratio {@code r} removes: {@code ⌊pixels·r⌋}, as Python's {@code int()}. */
  public static int removedCount(int pixels, double ratio) {
    checkRatio(ratio);
    return (int) (pixels * ratio);
  }

  /** Checks that {@code ratio} lies in (0, 1). */
  public static double checkRatio(double ratio) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("ratio: must be in (0, 1), was " + ratio);
    }
    return ratio;
  }

  /**
   * Returns the pixel indices from the most to the least salient; equal saliencies in increasing
   * index order.
   */
  public static int[] ranking(double[] saliency) {
    Integer[] order = new Integer[saliency.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // a stable sort on descending saliency keeps equal pixels in index order
    Arrays.sort(order, (a, b) -> Double.compare(saliency[b], saliency[a]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Returns a copy of {@code image} (C×H×W) whose {@link #removedCount} most salient pixels hold,
   * in every channel, the mean of all values of the pixels kept.
   */
  public static float[] remove(float[] image, double[] saliency, Shape shape, double ratio) {
    int pixels = shape.height() * shape.width();
    if (image.length != shape.size() || saliency.length != pixels) {
      throw new IllegalArgumentException("image has " + image.length + " values and saliency " + saliency.length
          + ", but the shape " + shape + " needs " + shape.size() + " and " + pixels);
    }
    int k = removedCount(pixels, ratio);
    int[] order = ranking(saliency);
    boolean[] removed = new boolean[pixels];
    for (int i = 0; i < k; i++) {
      removed[order[i]] = true;
    }
    double sum = 0;
    long kept = 0;
    for (int c = 0; c < shape.channels(); c++) {
      for (int p = 0; p < pixels; p++) {
        if (!removed[p]) {
          sum += image[c * pixels + p];
          kept++;
        }
      }
    }
    float fill = (float) (sum / kept);
    float[] out = image.clone();
    for (int c = 0; c < shape.channels(); c++) {
      for (int p = 0; p < pixels; p++) {
        if (removed[p]) {
          out[c * pixels + p] = fill;
        }
      }
    }
    return out;
  }
}
