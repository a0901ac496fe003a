package org.igkit.api.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;

/**
 * How the path integral is discretised: which nodes to visit ({@link #schedule()}) and how the
 * (point, score, gradient) triples seen there become an attribution ({@link #start}).
 *
 * <p>Laws: a step rule is an accumulator, never a store of points — {@link StepAccumulator}
 * holds O(C·H·W) state however many steps it sees. A rule that declares {@code COMPLETE}
 * converges to completeness (Σ A → f(x) − f(x')) as {@link #steps()} grows; IDGI (Yang et al.,
 * CVPR 2023) keeps it exactly at every step count.
 */
public interface StepRule {

  /** Returns the number of steps (integration intervals or quadrature nodes). */
  int steps();

  /** Returns the same rule with another step count (used for cheap fitness passes). */
  StepRule withSteps(int steps);

  /** Returns the nodes the path must visit and their weights. */
  Schedule schedule();

  /** Returns an empty accumulator for one path of inputs of this shape. */
  StepAccumulator start(Shape shape);

  /**
   * Returns an empty accumulator for one path of inputs of this shape that ends at {@code end} —
   * what the engine calls, with the input x (every {@link org.igkit.api.path.Path} ends there).
   * Rules that need the path's last point without evaluating the model there (the sum over point
   * differences) override this; the default ignores {@code end} and calls {@link #start(Shape)}.
   */
  default StepAccumulator start(Shape shape, float[] end) {
    return start(shape);
  }
}
