package org.igkit.metrics.ncc;

import org.igkit.api.model.Shape;
import org.igkit.testkit.FormulaModel;

/**
 * The toy models of the NCC tests: f(x) = x₁ + x₂ + h·exp(−50‖x − c‖²) on two features, a ramp
 * with a Gaussian bump of height h at c.
 */
final class BumpModel extends FormulaModel {

  static final Shape SHAPE = Shape.of(1, 1, 2);

  private final double height;
  private final double c1;
  private final double c2;

  BumpModel(double height, double c1, double c2) {
    super(SHAPE);
    this.height = height;
    this.c1 = c1;
    this.c2 = c2;
  }

  /** Toy A: the bump 3·exp(−50‖x − (0.6, 0.4)‖²) off the diagonal. */
  static BumpModel toyA() {
    return new BumpModel(3, 0.6, 0.4);
  }

  /** Toy B: the same bump on the diagonal, at (0.5, 0.5). */
  static BumpModel toyB() {
    return new BumpModel(3, 0.5, 0.5);
  }

  double bump(double[] x) {
    double d1 = x[0] - c1;
    double d2 = x[1] - c2;
    return height * Math.exp(-50 * (d1 * d1 + d2 * d2));
  }

  @Override
  public double value(double[] x) {
    return x[0] + x[1] + bump(x);
  }

  @Override
  public double[] gradient(double[] x) {
    double b = bump(x);
    return new double[] {1 - 100 * (x[0] - c1) * b, 1 - 100 * (x[1] - c2) * b};
  }
}
