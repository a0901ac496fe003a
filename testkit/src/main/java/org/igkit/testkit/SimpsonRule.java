package org.igkit.testkit;

import java.util.function.DoubleFunction;

/**
 * Composite Simpson quadrature of a vector-valued function over [0, 1], in double precision: the
 * reference integrator for models whose Integrated Gradients have no closed form. Its error is
 * O(h⁴) for smooth integrands, far below float rounding at the default interval counts.
 */
public final class SimpsonRule {

  private SimpsonRule() {}

  /**
   * Returns ∫₀¹ f(t) dt component-wise.
   *
   * @param dimension the length of f's values
   * @param intervals an even number of equal intervals, ≥ 2
   * @param f         the integrand; may return a reused array, which is read before the next call
   */
  public static double[] integrate(int dimension, int intervals, DoubleFunction<double[]> f) {
    if (intervals < 2 || intervals % 2 != 0) {
      throw new IllegalArgumentException("intervals: must be even and ≥ 2, was " + intervals);
    }
    double h = 1.0 / intervals;
    double[] sum = new double[dimension];
    for (int j = 0; j <= intervals; j++) {
      double c = j == 0 || j == intervals ? 1 : (j % 2 == 1 ? 4 : 2);
      double[] v = f.apply(j == intervals ? 1.0 : j * h);
      for (int i = 0; i < dimension; i++) {
        sum[i] += c * v[i];
      }
    }
    for (int i = 0; i < dimension; i++) {
      sum[i] *= h / 3;
    }
    return sum;
  }
}
