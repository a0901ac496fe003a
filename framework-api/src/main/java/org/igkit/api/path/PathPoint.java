package org.igkit.api.path;

/**
 * One point of a path γ handed to a step rule, together with what a quadrature rule needs to turn
 * the gradient there into an attribution increment: {@code weight · ∇f(position) ⊙ tangent}.
 *
 * <p>For a path given as a smooth curve γ: [0,1] → ℝⁿ, {@code tangent} is γ'(α) and
 * {@code weight} the quadrature weight of node α. For a path given as discrete points (adaptive
 * paths), {@code tangent} is the displacement to the next point and {@code weight} is 1; the path
 * fills it in when it observes the gradient (see {@link PathTrace#observe}). Each point has its own
 * {@code position} array (points of one batch are alive together); {@code tangent} may be shared
 * between points. Consumers never modify either.
 *
 * @param index    position of the point in its path, from 0
 * @param alpha    the path parameter α ∈ [0, 1]
 * @param position γ(α), C×H×W
 * @param tangent  γ'(α) or the displacement to the next point, C×H×W
 * @param weight   quadrature weight of this node
 */
public record PathPoint(int index, double alpha, float[] position, float[] tangent, double weight) {

  /** Returns a copy with another tangent and weight (used by adaptive paths once they know them). */
  public PathPoint withIncrement(float[] newTangent, double newWeight) {
    return new PathPoint(index, alpha, position, newTangent, newWeight);
  }
}
