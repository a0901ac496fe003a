package org.igkit.metrics.perturbation;

import org.igkit.api.spec.Checks;

/**
 * The fractions a perturbation curve visits: p_i = i/steps for i = 0…steps (both endpoints
 * included, steps + 1 points), each turned into a whole number of positions k_i = round(p_i·P)
 * (rounding half up) out of P = H·W, and the actual fraction k_i/P that the curve's area uses.
 * When steps &gt; P several p_i share one k_i; the repeated points add zero-width trapezoids.
 *
 * @param counts    k_i, non-decreasing, from 0 to P
 * @param fractions k_i / P, from 0 to 1
 */
public record FractionGrid(int[] counts, double[] fractions) {

  /** Returns the grid of {@code steps} equal intervals over {@code pixels} positions. */
  public static FractionGrid of(int steps, int pixels) {
    Checks.atLeast("steps", 1, steps);
    Checks.atLeast("pixels", 1, pixels);
    int[] k = new int[steps + 1];
    double[] f = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      k[i] = (int) Math.round((double) i / steps * pixels);
      f[i] = (double) k[i] / pixels;
    }
    return new FractionGrid(k, f);
  }

  /** Returns the number of points, steps + 1. */
  public int size() {
    return counts.length;
  }
}
