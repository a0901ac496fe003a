package org.igkit.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * f(x) = w·x + b, one class. Its gradient is w everywhere, so every path's attribution is fixed
 * and Integrated Gradients are IG = (x − x') ⊙ w exactly; any quadrature whose weights sum to 1
 * reproduces them at any step count. Weights that are exactly 0 make "dummy" features, on which
 * sensitivity demands an attribution of exactly 0.
 *
 * <p>Random weights are drawn as floats, so the float gradients the model returns are exact.
 */
public final class LinearModel extends AnalyticModel {

  private final double[] weights;
  private final double bias;

  /**
   * Creates the model with explicit weights.
   *
   * @param shape   the input shape
   * @param weights one weight per input element
   * @param bias    the constant term
   */
  public LinearModel(Shape shape, double[] weights, double bias) {
    super(shape, 1);
    if (weights.length != shape.size()) {
      throw new IllegalArgumentException(
          "weights: has " + weights.length + " values, expected " + shape.size() + " for shape " + shape);
    }
    this.weights = weights.clone();
    this.bias = bias;
  }

  /** Creates the model with weights and bias drawn uniformly from (−1, 1), as floats, from {@code seed}. */
  public LinearModel(Shape shape, long seed) {
    this(shape, randomWeights(shape.size(), RandomSource.of(seed)), randomBias(RandomSource.of(seed)));
  }

  /** Returns a random linear model on 3×224×224 inputs, for memory and scale tests. */
  public static LinearModel imageSized(long seed) {
    return new LinearModel(Shape.of(3, 224, 224), seed);
  }

  /** Returns a copy of this model whose weights at {@code features} are exactly 0. */
  public LinearModel withDummyFeatures(int... features) {
    double[] w = weights.clone();
    for (int i : features) {
      w[i] = 0;
    }
    return new LinearModel(inputShape(), w, bias);
  }

  /** Returns the indices of the features whose weight is exactly 0. */
  public int[] dummyFeatures() {
    return IntStream.range(0, weights.length).filter(i -> weights[i] == 0).toArray();
  }

  /** Returns a copy of the weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** Returns the bias. */
  public double bias() {
    return bias;
  }

  @Override
  public double[] evaluate(double[] x) {
    double s = bias;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * x[i];
    }
    return new double[] {s};
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    return weights.clone();
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    checkTarget(target);
    inputShape().require("input", input);
    inputShape().require("baseline", baseline);
    double[] ig = new double[weights.length];
    for (int i = 0; i < ig.length; i++) {
      ig[i] = ((double) input[i] - baseline[i]) * weights[i];
    }
    return ig;
  }

  private static double[] randomWeights(int n, RandomSource random) {
    SplittableRandom g = random.derive("weights").generator();
    double[] w = new double[n];
    Arrays.setAll(w, i -> (float) g.nextDouble(-1, 1));
    return w;
  }

  private static double randomBias(RandomSource random) {
    return (float) random.derive("bias").generator().nextDouble(-1, 1);
  }
}
