package org.igkit.api.path;

import java.util.Arrays;

/**
 * The nodes α₀ &lt; α₁ &lt; … in [0, 1] at which a step rule wants the path evaluated, and the
 * quadrature weight of each. Created by a {@link org.igkit.api.step.StepRule}; read by paths.
 *
 * @param alphas  node positions, non-decreasing, in [0, 1]
 * @param weights one weight per node (rules that do not weight nodes, such as IDGI, use 0)
 */
public record Schedule(double[] alphas, double[] weights) {

  /** Checks lengths, order and range. */
  public Schedule {
    if (alphas.length != weights.length) {
      throw new IllegalArgumentException(
          "schedule: " + alphas.length + " nodes but " + weights.length + " weights");
    }
    for (int i = 0; i < alphas.length; i++) {
      if (!(alphas[i] >= 0 && alphas[i] <= 1) || (i > 0 && alphas[i] < alphas[i - 1])) {
        throw new IllegalArgumentException(
            "schedule: nodes must be non-decreasing in [0, 1], node " + i + " was " + alphas[i]);
      }
    }
    alphas = alphas.clone();
    weights = weights.clone();
  }

  /** Returns the number of nodes. */
  public int size() {
    return alphas.length;
  }

  /**
   * Returns the number of intervals the nodes stand for — the steps a path that places its own
   * points (an adaptive path) takes: size − 1 when the nodes include both ends α = 0 and α = 1
   * (trapezoid, IDGI: n intervals visit n + 1 nodes), else size (left, right, midpoint,
   * Gauss–Legendre: one node per interval); at least 1. So a rule built with n steps stands for
   * n intervals whichever nodes it picks.
   */
  public int intervals() {
    int n = alphas.length;
    boolean bothEnds = n >= 2 && alphas[0] == 0.0 && alphas[n - 1] == 1.0;
    return Math.max(1, bothEnds ? n - 1 : n);
  }

  /** Returns node {@code i}. */
  public double alpha(int i) {
    return alphas[i];
  }

  /** Returns the weight of node {@code i}. */
  public double weight(int i) {
    return weights[i];
  }

  /** Returns the sum of the weights (1 for every quadrature rule over [0, 1]). */
  public double weightSum() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }

  @Override
  public double[] alphas() {
    return alphas.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule s && Arrays.equals(alphas, s.alphas) && Arrays.equals(weights, s.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(alphas) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "Schedule[" + alphas.length + " nodes]";
  }
}
