package org.igkit.metrics.localisation;

import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;

/** Which pixels count as the object when a map is compared with a ground-truth mask. */
public enum GroundTruth {
  /** The mask's positions with value &gt; 0.5. */
  MASK,
  /**
   * Every position of the tightest axis-aligned box around the mask's positions with value &gt;
   * 0.5 (rows y_min…y_max and columns x_min…x_max, both inclusive) — for annotations given as
   * boxes, as in weakly supervised localisation.
   */
  BOX;

  /**
   * Returns the H×W positives of {@code mask}.
   *
   * @throws MetricException when the mask is missing, has the wrong size, a non-finite value or
   *                         no positive
   */
  public boolean[] positives(String metric, float[] mask, Shape shape) {
    int pixels = shape.pixels();
    if (mask == null) {
      throw new MetricException(
          metric + ": needs a ground-truth H×W object mask, but the input has none; use a data set with masks "
              + "or drop this metric");
    }
    if (mask.length != pixels) {
      throw new MetricException(
          metric + ": the mask has " + mask.length + " values, expected H×W = " + shape.height() + "×"
              + shape.width() + " = " + pixels);
    }
    boolean[] in = new boolean[pixels];
    int count = 0;
    int w = shape.width();
    int y0 = Integer.MAX_VALUE;
    int y1 = -1;
    int x0 = Integer.MAX_VALUE;
    int x1 = -1;
    for (int p = 0; p < pixels; p++) {
      float m = mask[p];
      if (!Float.isFinite(m)) {
        throw new MetricException(metric + ": the mask has the non-finite value " + m + " at position " + p);
      }
      if (m > 0.5f) {
        in[p] = true;
        count++;
        int y = p / w;
        int x = p % w;
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
    if (count == 0) {
      throw new MetricException(metric + ": the mask is empty (no value > 0.5), so localisation is undefined");
    }
    if (this == BOX) {
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          in[y * w + x] = true;
        }
      }
    }
    return in;
  }
}
