package org.igkit.api.step;

import org.igkit.api.path.PathPoint;

/**
 * Accumulates one path's attribution step by step. Receives every point of the path in order,
 * exactly once, then {@link #finish()} is called once.
 */
public interface StepAccumulator {

  /**
   * Takes the model's score and gradient at {@code point}. Implementations must not modify
   * {@code gradient} (the path sees the same array) and must not keep references to
   * {@code point.position()} or {@code gradient} beyond what O(1) points need.
   */
  void accept(PathPoint point, float score, float[] gradient);

  /** Returns the attribution of this path. */
  StepResult finish();
}
