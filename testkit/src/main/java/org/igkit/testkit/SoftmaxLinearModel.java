package org.igkit.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * A K-class softmax regression: the score of class c is p_c = softmax(Wx + b)_c, the explained
 * output igkit uses by default. Smooth, saturating and with classes competing, it has no closed-
 * form Integrated Gradients; {@link #integratedGradients} returns a reference computed by
 * composite Simpson quadrature with {@value #REFERENCE_INTERVALS} intervals in double precision,
 * accurate far beyond float rounding.
 *
 * <p>Gradient: ∇p_c = p_c (W_c − Σ_k p_k W_k).
 */
public final class SoftmaxLinearModel extends AnalyticModel {

  /** Simpson intervals of the reference integral. */
  public static final int REFERENCE_INTERVALS = 20_000;

  private final double[][] w;
  private final double[] b;

  /**
   * Creates the model from explicit parameters.
   *
   * @param shape the input shape
   * @param w     classes × inputs weights
   * @param b     one bias per class
   */
  public SoftmaxLinearModel(Shape shape, double[][] w, double[] b) {
    super(shape, w.length);
    if (b.length != w.length) {
      throw new IllegalArgumentException(w.length + " weight rows but " + b.length + " biases");
    }
    this.w = new double[w.length][];
    for (int k = 0; k < w.length; k++) {
      if (w[k].length != shape.size()) {
        throw new IllegalArgumentException(
            "w[" + k + "]: has " + w[k].length + " values, expected " + shape.size());
      }
      this.w[k] = w[k].clone();
    }
    this.b = b.clone();
  }

  /** Creates a model with {@code classes} classes and weights and biases drawn from (−1, 1). */
  public SoftmaxLinearModel(Shape shape, int classes, long seed) {
    this(shape, randomMatrix(classes, shape.size(), seed), randomBiases(classes, seed));
  }

  @Override
  public double[] evaluate(double[] x) {
    double[] z = new double[w.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < w.length; k++) {
      double s = b[k];
      for (int i = 0; i < x.length; i++) {
        s += w[k][i] * x[i];
      }
      z[k] = s;
      max = Math.max(max, s);
    }
    double total = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      total += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= total;
    }
    return z;
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    double[] p = evaluate(x);
    double[] g = new double[x.length];
    for (int i = 0; i < g.length; i++) {
      double mean = 0;
      for (int k = 0; k < p.length; k++) {
        mean += p[k] * w[k][i];
      }
      g[i] = p[target] * (w[target][i] - mean);
    }
    return g;
  }

  @Override
  public boolean closedForm() {
    return false;
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    return numericalIntegratedGradients(input, baseline, target, REFERENCE_INTERVALS);
  }

  private static double[][] randomMatrix(int rows, int cols, long seed) {
    SplittableRandom g = RandomSource.of(seed).derive("w").generator();
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      Arrays.setAll(row, i -> g.nextDouble(-1, 1));
    }
    return m;
  }

  private static double[] randomBiases(int n, long seed) {
    SplittableRandom g = RandomSource.of(seed).derive("b").generator();
    double[] a = new double[n];
    Arrays.setAll(a, i -> g.nextDouble(-1, 1));
    return a;
  }
}
