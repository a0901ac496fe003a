package org.igkit.aggregators;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A probability-like model for aggregator tests: p(x) = sigmoid(w·x + b) with seeded signed
 * weights, so baselines differ in how fast deleting pixels lowers the score.
 */
final class SigmoidModel implements ModelFunction {

  private final Shape shape;
  private final double[] w;
  private final double b;

  SigmoidModel(Shape shape, long seed) {
    this.shape = shape;
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
    double z = b;
    for (int i = 0; i < w.length; i++) {
      z += w[i] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  @Override
  public int numClasses() {
    return 1;
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    float[][] out = new float[points.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new float[] {(float) probability(points.get(i))};
    }
    return out;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    float[] s = new float[points.size()];
    List<float[]> grads = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      double p = probability(points.get(i));
      s[i] = (float) p;
      float[] g = new float[w.length];
      for (int j = 0; j < g.length; j++) {
        g[j] = (float) (p * (1 - p) * w[j]);
      }
      grads.add(g);
    }
    return new ScoresAndGradients(s, grads);
  }
}
