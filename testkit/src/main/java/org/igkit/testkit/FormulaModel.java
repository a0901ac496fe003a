package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A one-class model given by a formula and its analytic gradient, evaluated in double precision
 * (scores and gradients rounded to float on the way out), for tests that trace paths or weights
 * by hand.
 */
public abstract class FormulaModel implements ModelFunction {

  private final Shape shape;

  /** Creates a model on inputs of {@code shape}. */
  protected FormulaModel(Shape shape) {
    this.shape = shape;
  }

  /** Returns f(x). */
  public abstract double value(double[] x);

  /** Returns ∇f(x). */
  public abstract double[] gradient(double[] x);

  /** Returns f at a float point, in double precision. */
  public double value(float[] x) {
    return value(toDouble(x));
  }

  /** Returns ∇f at a float point, in double precision. */
  public double[] gradient(float[] x) {
    return gradient(toDouble(x));
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
    for (int n = 0; n < out.length; n++) {
      out[n] = new float[] {(float) value(points.get(n))};
    }
    return out;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    float[] scores = new float[points.size()];
    List<float[]> gradients = new ArrayList<>(points.size());
    for (int n = 0; n < scores.length; n++) {
      scores[n] = (float) value(points.get(n));
      double[] g = gradient(points.get(n));
      float[] gf = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        gf[i] = (float) g[i];
      }
      gradients.add(gf);
    }
    return new ScoresAndGradients(scores, gradients);
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }
}
