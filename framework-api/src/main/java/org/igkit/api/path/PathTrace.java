package org.igkit.api.path;

/**
 * A cursor over the points of one path, produced lazily so that no more than a batch of points
 * exists at a time (igkit's memory guarantee: O(batch), not O(steps × baselines)).
 *
 * <p>The engine calls {@link #next()} up to {@link #lookahead()} times ahead of the gradients it
 * has handed back through {@link #observe}. Non-adaptive paths (straight, blur, …) can run ahead
 * without limit; adaptive paths (guided IG) choose each point from the gradient at the previous
 * one and so allow one outstanding point.
 */
public interface PathTrace {

  /** Returns whether the path has another point. */
  boolean hasNext();

  /** Returns the next point; only called when {@link #hasNext()} is true. */
  PathPoint next();

  /**
   * Returns how many points may be outstanding (handed out by {@link #next()} but not yet
   * {@link #observe observed}); {@link Integer#MAX_VALUE} for paths that do not adapt.
   */
  default int lookahead() {
    return Integer.MAX_VALUE;
  }

  /**
   * Receives the model's score and gradient at a point handed out earlier, in path order, and
   * returns the point as the step rule must see it. Adaptive paths use the gradient to place the
   * next point and fill in this point's displacement; the default returns the point unchanged.
   */
  default PathPoint observe(PathPoint point, float score, float[] gradient) {
    return point;
  }
}
