package org.igkit.api.model;

import org.igkit.api.spec.Checks;

/**
 * The shape of one image-like input, channels first (C×H×W), as every igkit array is laid out:
 * element {@code (c, y, x)} lives at index {@code (c·H + y)·W + x}.
 *
 * @param channels number of channels C (3 for RGB)
 * @param height   height H in pixels
 * @param width    width W in pixels
 */
public record Shape(int channels, int height, int width) {

  /** Validates that every extent is positive. */
  public Shape {
    Checks.atLeast("channels", 1, channels);
    Checks.atLeast("height", 1, height);
    Checks.atLeast("width", 1, width);
  }

  /** Returns the shape C×H×W. */
  public static Shape of(int channels, int height, int width) {
    return new Shape(channels, height, width);
  }

  /** Returns C·H·W, the number of floats in one input. */
  public int size() {
    return channels * height * width;
  }

  /** Returns H·W, the number of spatial positions. */
  public int pixels() {
    return height * width;
  }

  /** Returns the flat index of element {@code (c, y, x)}. */
  public int index(int c, int y, int x) {
    return (c * height + y) * width + x;
  }

  /**
   * Checks that {@code values} has exactly {@link #size()} elements.
   *
   * @param what names the array in the error message, e.g. {@code "input image"}
   * @throws IllegalArgumentException naming the expected and actual sizes
   */
  public float[] require(String what, float[] values) {
    if (values == null) {
      throw new IllegalArgumentException(what + ": is missing (expected " + this + ")");
    }
    if (values.length != size()) {
      throw new IllegalArgumentException(
          what + ": has " + values.length + " values, expected " + size() + " for shape " + this);
    }
    return values;
  }

  @Override
  public String toString() {
    return channels + "×" + height + "×" + width;
  }
}
