package org.igkit.testkit;

import org.igkit.api.model.Shape;

/**
 * f(x) = x_i · x_j for two chosen features i ≠ j, one class: the smallest model with an
 * interaction, and symmetric in i and j. Along the line x' + tΔ the gradient is affine in t, so
 * IG_i = Δ_i (x'_j + Δ_j / 2) and IG_j = Δ_j (x'_i + Δ_i / 2) (every other feature gets 0), and
 * the midpoint, trapezoid and Gauss–Legendre rules are exact while left and right sums err by
 * Δ_i Δ_j / n.
 */
public final class ProductModel extends AnalyticModel {

  private final int first;
  private final int second;

  /** Creates f(x) = x_0 · x_1 on 2×1×1 inputs. */
  public ProductModel() {
    this(Shape.of(2, 1, 1), 0, 1);
  }

  /**
   * Creates f(x) = x_first · x_second.
   *
   * @param shape  the input shape
   * @param first  flat index of one factor
   * @param second flat index of the other factor, ≠ first
   */
  public ProductModel(Shape shape, int first, int second) {
    super(shape, 1);
    if (first == second || first < 0 || second < 0 || first >= shape.size() || second >= shape.size()) {
      throw new IllegalArgumentException(
          "features: must be two different indices in [0, " + (shape.size() - 1) + "], were "
              + first + " and " + second);
    }
    this.first = first;
    this.second = second;
  }

  /** Returns the index of the first factor. */
  public int first() {
    return first;
  }

  /** Returns the index of the second factor. */
  public int second() {
    return second;
  }

  @Override
  public double[] evaluate(double[] x) {
    return new double[] {x[first] * x[second]};
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    double[] g = new double[x.length];
    g[first] = x[second];
    g[second] = x[first];
    return g;
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    checkTarget(target);
    inputShape().require("input", input);
    inputShape().require("baseline", baseline);
    double d1 = (double) input[first] - baseline[first];
    double d2 = (double) input[second] - baseline[second];
    double[] ig = new double[input.length];
    ig[first] = d1 * (baseline[second] + d2 / 2);
    ig[second] = d2 * (baseline[first] + d1 / 2);
    return ig;
  }
}
