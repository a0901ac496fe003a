package org.igkit.paths.guided;

/**
 * One step of Guided Integrated Gradients (Kapishnikov et al., "Guided Integrated Gradients: An
 * Adaptive Path Method for Removing Noise", CVPR 2021), as the PAIR saliency code takes it, on
 * double-precision state. The step moves the current point x from its L1 distance to the input
 * down to the step's target {@code L1(x_in, x_b)·(1 − α)}:
 *
 * <ol>
 *   <li>features whose own progress (x_i − x'_i)/(x_in,i − x'_i) is behind α − maxDist snap to it;
 *   <li>if the L1 target is reached (relative and absolute tolerance 1e-9), the step ends;
 *   <li>otherwise the features whose |g_i| is at or below the {@code fraction} quantile (numpy's
 *       {@code 'lower'} quantile over all features, where features already at α + maxDist count
 *       as +∞) are selected and moved toward α + maxDist: all the way when that does not reach
 *       the target (γ &gt; 1, then repeat from 1.), else by the fraction γ that lands exactly on
 *       it.
 * </ol>
 *
 * The gradient g is the one at the point where the step starts; it is not recomputed inside a
 * step. Features equal in input and baseline never move. Unlike the reference, a round in which
 * nothing can move ends the step instead of looping forever.
 *
 * <p>Public for guided paths in other spaces: the latent path of the runner takes the same steps
 * on a VAE's latent vector (MA-GIG).
 */
public final class GuidedStep {

  /** Relative and absolute tolerance on the L1 target (the reference's EPSILON). */
  public static final double EPSILON = 1e-9;

  private GuidedStep() {}

  /**
   * Advances {@code x} in place by one step towards {@code alpha}.
   *
   * @param x        the current point, moved in place
   * @param input    the input x_in
   * @param baseline the baseline x_b
   * @param gradient ∇f at the current point (float gradients widened exactly)
   * @param alpha    the step's target progress (step + 1)/S
   * @param total    L1(x_in, x_b)
   * @param fraction the quantile of |g| whose features move first
   * @param maxDist  how far ahead of and behind α a feature may be
   * @param scratch  an array of x's length, overwritten
   */
  public static void advance(
      double[] x,
      double[] input,
      double[] baseline,
      double[] gradient,
      double alpha,
      double total,
      double fraction,
      double maxDist,
      double[] scratch) {
    int n = x.length;
    if (total == 0) {
      return;
    }
    double aMin = Math.max(alpha - maxDist, 0);
    double aMax = Math.min(alpha + maxDist, 1);
    double target = total * (1 - alpha);
    int rank = (int) Math.floor(fraction * (n - 1));
    for (int round = 0; round <= n + 1; round++) {
      double current = 0;
      for (int i = 0; i < n; i++) {
        double d = input[i] - baseline[i];
        if (d != 0 && (x[i] - baseline[i]) / d < aMin) {
          x[i] = baseline[i] + d * aMin;
        }
        current += Math.abs(x[i] - input[i]);
      }
      if (isClose(target, current)) {
        return;
      }
      for (int i = 0; i < n; i++) {
        scratch[i] = x[i] == upper(input, baseline, aMax, i) ? Double.POSITIVE_INFINITY : Math.abs(gradient[i]);
      }
      double threshold = LowerQuantile.select(scratch, rank);
      double selectedL1 = 0;
      for (int i = 0; i < n; i++) {
        double xmax = upper(input, baseline, aMax, i);
        if (selected(x[i], xmax, gradient[i], threshold)) {
          selectedL1 += Math.abs(x[i] - xmax);
        }
      }
      if (selectedL1 == 0) {
        return; // nothing left to move (the reference loops forever here)
      }
      double gamma = (current - target) / selectedL1;
      for (int i = 0; i < n; i++) {
        double xmax = upper(input, baseline, aMax, i);
        if (selected(x[i], xmax, gradient[i], threshold)) {
          x[i] = gamma > 1 ? xmax : x[i] + (xmax - x[i]) * gamma;
        }
      }
      if (gamma <= 1) {
        return;
      }
    }
  }

  private static boolean selected(double xi, double xmax, double g, double threshold) {
    return xi != xmax && Math.abs(g) <= threshold;
  }

  /** The point at progress {@code a} on the straight line, feature {@code i}. */
  private static double upper(double[] input, double[] baseline, double a, int i) {
    return baseline[i] + (input[i] - baseline[i]) * a;
  }

  /** Python's {@code math.isclose(a, b, rel_tol=EPSILON, abs_tol=EPSILON)}. */
  static boolean isClose(double a, double b) {
    return Math.abs(a - b) <= Math.max(EPSILON * Math.max(Math.abs(a), Math.abs(b)), EPSILON);
  }
}
