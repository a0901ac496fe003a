package org.igkit.experiments.data;

/**
 * An axis-aligned box of pixels, half-open: columns {@code x0 ≤ x < x1}, rows {@code y0 ≤ y < y1}.
 *
 * @param x0 first column
 * @param y0 first row
 * @param x1 one past the last column
 * @param y1 one past the last row
 */
public record BoundingBox(int x0, int y0, int x1, int y1) {

  /** Checks that the box is not empty. */
  public BoundingBox {
    if (x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException("empty box [" + x0 + ", " + x1 + ") × [" + y0 + ", " + y1 + ")");
    }
  }

  /** Returns the width in pixels. */
  public int width() {
    return x1 - x0;
  }

  /** Returns the height in pixels. */
  public int height() {
    return y1 - y0;
  }

  /** Returns whether pixel (x, y) lies inside. */
  public boolean contains(int x, int y) {
    return x >= x0 && x < x1 && y >= y0 && y < y1;
  }
}
