package org.igkit.api.engine;

/**
 * What the engine saw along one baseline's path while integrating it: the model's scores at the
 * path's points and the sizes of the step contributions, for the No-Cancellation Completeness
 * diagnostics (Salek &amp; Enguehard, "Using the Path of Least Resistance to Explain Deep
 * Networks", arXiv 2502.12108).
 *
 * <p>The contribution of step j to feature i is the quadrature term
 * c_ij = w_j · ∂_i f(p_j) · t_ij, with w_j the node's weight and t_j its tangent (or displacement)
 * as the step rule received them; a quadrature step rule's attribution is A_i = Σ_j c_ij. Memory
 * is O(points) for the scores plus the path's start point; no per-step gradient is kept.
 *
 * @param baseline         index of the baseline in the attribution's baseline list
 * @param start            γ(0), the point the path starts at (C×H×W; not copied)
 * @param scores           f_c at the path's points in order: γ(0) first and γ(1) = x last (their
 *                         scores are the engine's start and input scores when the step rule does
 *                         not visit α = 0 or α = 1 itself), then every visited point
 * @param attributionSum   Σ_i A_i of this path's attribution, as the step rule returned it
 * @param attributionL1    Σ_i |A_i| of this path's attribution
 * @param contributionL1   T = Σ_j Σ_i |c_ij|; NaN when every node weight was 0 (a rule such as
 *                         IDGI that does not integrate with the node weights)
 * @param stepL1           V = Σ_j |Σ_i c_ij|; NaN as {@code contributionL1}
 */
public record PathRecord(
    int baseline,
    float[] start,
    double[] scores,
    double attributionSum,
    double attributionL1,
    double contributionL1,
    double stepL1) {

  /** Returns Δf = f(γ(1)) − f(γ(0)), the last score minus the first. */
  public double scoreChange() {
    return scores[scores.length - 1] - scores[0];
  }

  /** Returns the total variation Σ_j |f(p_{j+1}) − f(p_j)| of f along the recorded points. */
  public double variation() {
    double tv = 0;
    for (int j = 0; j + 1 < scores.length; j++) {
      tv += Math.abs(scores[j + 1] - scores[j]);
    }
    return tv;
  }
}
