package org.igkit.runner.latent;

import java.util.Arrays;

/**
 * One step of Guided Integrated Gradients (Kapishnikov et al., "Guided Integrated Gradients: An
 * Adaptive Path Method for Removing Noise", CVPR 2021) on a latent vector, as MA-GIG runs it in a
 * VAE's latent space. The rules are those of PAIR saliency's step (and of igkit's input-space
 * {@code guided} path): the step brings the L1 distance from the current point ζ to the target
 * latent z down to {@code L1(z, z')·(1 − α)}, by
 *
 * <ol>
 *   <li>snapping coordinates whose progress (ζ_i − z'_i)/(z_i − z'_i) is behind α − maxDist to it;
 *   <li>stopping when the L1 target is met (relative and absolute tolerance 1e-9);
 *   <li>otherwise moving the coordinates whose |g_i| is at or below the {@code fraction} lower
 *       quantile (coordinates already at α + maxDist count as +∞) toward α + maxDist — all the way
 *       when that does not reach the target (then again from 1.), else by the fraction that lands
 *       on it.
 * </ol>
 *
 * g is the latent gradient at the step's start. Coordinates with z_i = z'_i never move; a round in
 * which nothing can move ends the step. Latent vectors are short (16), so the quantile is taken by
 * sorting.
 */
final class LatentGuidedStep {

  /** Relative and absolute tolerance on the L1 target. */
  static final double EPSILON = 1e-9;

  private LatentGuidedStep() {}

  /**
   * Moves {@code z} in place by one step toward progress {@code alpha}.
   *
   * @param z        the current latent, moved in place
   * @param target   the input's latent z
   * @param start    the baseline's latent z'
   * @param gradient ∂f/∂ζ at the current latent
   * @param alpha    the step's target progress (k + 1)/S
   * @param fraction the lower quantile of |g| whose coordinates move first, in (0, 1]
   * @param maxDist  how far ahead of or behind α a coordinate may be, in (0, 1]
   */
  static void advance(double[] z, double[] target, double[] start, double[] gradient, double alpha,
      double fraction, double maxDist) {
    int n = z.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.abs(target[i] - start[i]);
    }
    if (total == 0) {
      return;
    }
    double aMin = Math.max(alpha - maxDist, 0);
    double aMax = Math.min(alpha + maxDist, 1);
    double goal = total * (1 - alpha);
    int rank = (int) Math.floor(fraction * (n - 1));
    double[] scores = new double[n];
    for (int round = 0; round <= n + 1; round++) {
      double current = 0;
      for (int i = 0; i < n; i++) {
        double d = target[i] - start[i];
        if (d != 0 && (z[i] - start[i]) / d < aMin) {
          z[i] = start[i] + d * aMin;
        }
        current += Math.abs(z[i] - target[i]);
      }
      if (Math.abs(goal - current) <= Math.max(EPSILON * Math.max(Math.abs(goal), Math.abs(current)), EPSILON)) {
        return;
      }
      for (int i = 0; i < n; i++) {
        scores[i] = z[i] == upper(target, start, aMax, i) ? Double.POSITIVE_INFINITY : Math.abs(gradient[i]);
      }
      double[] sorted = scores.clone();
      Arrays.sort(sorted);
      double threshold = sorted[rank];
      double selectedL1 = 0;
      for (int i = 0; i < n; i++) {
        double zMax = upper(target, start, aMax, i);
        if (z[i] != zMax && Math.abs(gradient[i]) <= threshold) {
          selectedL1 += Math.abs(z[i] - zMax);
        }
      }
      if (selectedL1 == 0) {
        return;
      }
      double gamma = (current - goal) / selectedL1;
      for (int i = 0; i < n; i++) {
        double zMax = upper(target, start, aMax, i);
        if (z[i] != zMax && Math.abs(gradient[i]) <= threshold) {
          z[i] = gamma > 1 ? zMax : z[i] + (zMax - z[i]) * gamma;
        }
      }
      if (gamma <= 1) {
        return;
      }
    }
  }

  /** The latent at progress {@code a} on the straight latent line, coordinate {@code i}. */
  private static double upper(double[] target, double[] start, double a, int i) {
    return start[i] + (target[i] - start[i]) * a;
  }
}
