package org.igkit.testkit;

import org.igkit.api.model.Shape;

/**
 * f(x) = exp(c · x), one class: smooth and not a polynomial, so no quadrature is exact on it.
 * Along the line x' + tΔ, f = f(x') e^{bt} with b = c · Δ, so IG_i = c_i Δ_i (f(x) − f(x')) / b
 * (Δ_i c_i f(x') where b = 0). The relative error of the n-interval sums of ∫₀¹ b e^{bt} dt is
 * closed too, with h = b/(2n): 1 − h / sinh h (midpoint) and h coth h − 1 (trapezoid); see
 * {@link #midpointGap} and {@link #trapezoidGap}.
 */
public final class ExponentialModel extends AnalyticModel {

  private final double[] c;

  /**
   * Creates f(x) = exp(c · x).
   *
   * @param shape the input shape
   * @param c     one coefficient per feature
   */
  public ExponentialModel(Shape shape, double... c) {
    super(shape, 1);
    if (c.length != shape.size()) {
      throw new IllegalArgumentException("c: must have " + shape.size() + " coefficients, had " + c.length);
    }
    this.c = c.clone();
  }

  /** Returns the relative completeness error of the n-interval midpoint sum along a line with b = c · Δ ≠ 0. */
  public static double midpointGap(double b, int n) {
    double h = b / (2.0 * n);
    return Math.abs(1 - h / Math.sinh(h));
  }

  /** Returns the relative completeness error of the n-interval trapezoid sum along a line with b = c · Δ ≠ 0. */
  public static double trapezoidGap(double b, int n) {
    double h = b / (2.0 * n);
    return Math.abs(h / Math.tanh(h) - 1);
  }

  private double dot(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += c[i] * x[i];
    }
    return s;
  }

  @Override
  public double[] evaluate(double[] x) {
    return new double[] {Math.exp(dot(x))};
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    double f = Math.exp(dot(x));
    double[] g = new double[x.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = c[i] * f;
    }
    return g;
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    checkTarget(target);
    inputShape().require("input", input);
    inputShape().require("baseline", baseline);
    double[] x = toDouble(input);
    double[] x0 = toDouble(baseline);
    double b = dot(x) - dot(x0);
    double f0 = Math.exp(dot(x0));
    double scale = b == 0 ? f0 : (Math.exp(dot(x)) - f0) / b;
    double[] ig = new double[x.length];
    for (int i = 0; i < ig.length; i++) {
      ig[i] = c[i] * (x[i] - x0[i]) * scale;
    }
    return ig;
  }
}
