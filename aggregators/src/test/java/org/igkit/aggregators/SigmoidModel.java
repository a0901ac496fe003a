package org.igkit.aggregators;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.testkit.FormulaModel;

/**
 * A probability-like model for aggregator tests: p(x) = sigmoid(w·x + b) with seeded signed
 * weights, so baselines differ in how fast deleting pixels lowers the score.
 */
final class SigmoidModel extends FormulaModel {

  private final double[] w;
  private final double b;

  SigmoidModel(Shape shape, long seed) {
    super(shape);
    SplittableRandom g = new SplittableRandom(seed);
    this.w = new double[shape.size()];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = (g.nextDouble() - 0.3) * 40.0 / shape.size();
      s += w[i];
    }
    this.b = -0.25 * s;
  }

  double probability(float[] x) {
    return value(x);
  }

  @Override
  public double value(double[] x) {
    double z = b;
    for (int i = 0; i < w.length; i++) {
      z += w[i] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  @Override
  public double[] gradient(double[] x) {
    double p = value(x);
    double[] g = new double[w.length];
    for (int j = 0; j < g.length; j++) {
      g[j] = p * (1 - p) * w[j];
    }
    return g;
  }
}
