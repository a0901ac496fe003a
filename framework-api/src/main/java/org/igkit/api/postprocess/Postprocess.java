package org.igkit.api.postprocess;

import org.igkit.api.model.Shape;

/**
 * Turns a finished attribution map into another map of the same shape — a step after the whole
 * method (and after its smoothing), such as XRAI's region ranking (Kapishnikov et al., 2019).
 * Configured per method with {@code postprocess:}; metrics then score the post-processed map.
 *
 * <p>Laws: {@link #apply} does not call the model, does not modify its arguments, is
 * deterministic, and returns {@code shape.size()} finite values.
 */
public interface Postprocess {

  /**
   * Returns the post-processed map.
   *
   * @param attribution the method's C×H×W map
   * @param image       the attributed input, C×H×W, in the user's image space
   * @param shape       the shape of both
   */
  float[] apply(float[] attribution, float[] image, Shape shape);
}
