package org.igkit.testkit;

import org.igkit.api.model.Shape;

/**
 * f(x₁, x₂) = ReLU(x₁ − 1) − ReLU(x₁ − 1 − x₂) on 2×1×1 inputs: the two-ReLU example network of
 * Sundararajan et al. ("Axiomatic Attribution for Deep Networks", ICML 2017). Piecewise linear:
 * its gradient (ReLU′(0) = 0, as in PyTorch) jumps where a ReLU switches, so quadrature errors are
 * O(1/n) whatever the rule, and it is zero wherever both ReLUs are off.
 *
 * <p>Closed form: with u(t) = x₁(t) − 1 and v(t) = x₁(t) − 1 − x₂(t), both affine in t on the
 * straight line, IG₁ = Δ₁ (|u &gt; 0| − |v &gt; 0|) and IG₂ = Δ₂ |v &gt; 0|, where |z &gt; 0| is
 * the length of {t ∈ [0,1] : z(t) &gt; 0} ({@link ActiveFraction}).
 */
public final class IgPaperReluModel extends AnalyticModel {

  /** Creates the model. */
  public IgPaperReluModel() {
    super(Shape.of(2, 1, 1), 1);
  }

  @Override
  public double[] evaluate(double[] x) {
    return new double[] {relu(x[0] - 1) - relu(x[0] - 1 - x[1])};
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    double u = step(x[0] - 1);
    double v = step(x[0] - 1 - x[1]);
    return new double[] {u - v, v};
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    checkTarget(target);
    inputShape().require("input", input);
    inputShape().require("baseline", baseline);
    double x1 = input[0];
    double x2 = input[1];
    double b1 = baseline[0];
    double b2 = baseline[1];
    double u = ActiveFraction.of(b1 - 1, x1 - 1);
    double v = ActiveFraction.of(b1 - 1 - b2, x1 - 1 - x2);
    return new double[] {(x1 - b1) * (u - v), (x2 - b2) * v};
  }

  private static double relu(double z) {
    return z > 0 ? z : 0;
  }

  private static double step(double z) {
    return z > 0 ? 1 : 0;
  }
}
