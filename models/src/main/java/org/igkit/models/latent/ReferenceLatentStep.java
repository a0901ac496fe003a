package org.igkit.models.latent;

import java.util.Arrays;

/**
 * One step of the MA-GIG authors' guided loop on the latent vector (their
 * {@code LatentGuidedPathGenerator}; the SIG repository's {@code GuidedPathGenerator} is the same
 * loop in input space), on double-precision state. With L = ‖z − z'‖₁ and the step's target
 * T = L(1 − a), the current latent x (the point the step starts from) moves towards the input's
 * latent z_in:
 *
 * <ol>
 *   <li>stop if ‖x − z_in‖₁ ≈ T (relative and absolute tolerance 1e-9);
 *   <li>g_i = +∞ where |x_i − z_in,i| &lt; 1e-9 (coordinates already arrived), else |∂f/∂z_i|;
 *       τ = the {@code fraction} quantile of g over all coordinates, numpy's {@code 'lower'} rule
 *       (the element at index ⌊fraction·(n − 1)⌋ of the sorted values, the +∞ included);
 *       S = {i : g_i ≤ τ, finite};
 *   <li>γ = (‖x − z_in‖₁ − T) / Σ_S |x_i − z_in,i|; if γ &gt; 1, x_S ← z_in,S and go to 1 (the
 *       gradient is not recomputed); else x_S ← x_S + γ(z_in − x)_S — or, with slerp,
 *       x_S ← slerp(γ, x_S, z_in,S), the selected entries taken as one vector ({@link Slerp}),
 *       which lands on the L₁ target only approximately — and the step ends.
 * </ol>
 *
 * There is no window (the reference's paths are unbounded). Unlike the reference, a round in which
 * nothing can move ends the step instead of looping forever, and a negative γ (the point already
 * closer than the target) ends it too (the reference asserts or raises there).
 */
final class ReferenceLatentStep {

  /** The reference's tolerance. */
  static final double EPSILON = 1e-9;

  private ReferenceLatentStep() {}

  /**
   * Advances {@code x} in place towards {@code input} until its L₁ distance is {@code total·(1 − a)}.
   *
   * @param gradient ∂f/∂z at the step's start
   * @param scratch  an array of x's length, overwritten
   * @param index    an int array of x's length, overwritten
   */
  static void advance(
      double[] x, double[] input, double[] gradient, double a, double total, double fraction, boolean slerp,
      double[] scratch, int[] index) {
    int n = x.length;
    double target = total * (1 - a);
    int rank = (int) Math.floor(fraction * (n - 1));
    for (int round = 0; round <= n + 1; round++) {
      double current = 0;
      for (int i = 0; i < n; i++) {
        current += Math.abs(x[i] - input[i]);
      }
      if (isClose(current, target)) {
        return;
      }
      for (int i = 0; i < n; i++) {
        scratch[i] = Math.abs(x[i] - input[i]) < EPSILON ? Double.POSITIVE_INFINITY : Math.abs(gradient[i]);
      }
      double[] ranked = scratch.clone();
      Arrays.sort(ranked);
      double threshold = ranked[rank];
      int selected = 0;
      double selectedL1 = 0;
      for (int i = 0; i < n; i++) {
        if (scratch[i] <= threshold && scratch[i] != Double.POSITIVE_INFINITY) {
          index[selected++] = i;
          selectedL1 += Math.abs(x[i] - input[i]);
        }
      }
      if (selected == 0 || selectedL1 == 0) {
        return;
      }
      double gamma = (current - target) / selectedL1;
      if (gamma <= 0) {
        return;
      }
      if (gamma > 1) {
        for (int k = 0; k < selected; k++) {
          x[index[k]] = input[index[k]];
        }
        continue;
      }
      if (slerp) {
        Slerp.move(gamma, x, input, index, selected, x);
      } else {
        for (int k = 0; k < selected; k++) {
          int i = index[k];
          x[i] = x[i] + gamma * (input[i] - x[i]);
        }
      }
      return;
    }
  }

  /** Python's {@code math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)}. */
  static boolean isClose(double a, double b) {
    return Math.abs(a - b) <= Math.max(EPSILON * Math.max(Math.abs(a), Math.abs(b)), EPSILON);
  }
}
