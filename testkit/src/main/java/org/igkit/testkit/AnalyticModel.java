package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.spec.Checks;

/**
 * A {@link ModelFunction} given by a formula, whose Integrated Gradients along the straight line
 * are known in closed form (or, where none exists, to near machine precision), so that step rules,
 * paths and aggregators can be checked against the truth rather than against each other.
 *
 * <p>Everything is computed in double precision from the float points the engine hands in, and
 * only the returned scores and gradients are rounded to float. Gradients are analytic. The
 * explained output is the formula's value itself (no softmax is added unless the model is one).
 */
public abstract class AnalyticModel implements ModelFunction {

  private final Shape shape;
  private final int classes;

  /**
   * @param shape   the shape of one input
   * @param classes the number of outputs, ≥ 1
   */
  protected AnalyticModel(Shape shape, int classes) {
    this.shape = Objects.requireNonNull(shape, "shape");
    this.classes = Checks.atLeast("classes", 1, classes);
  }

  @Override
  public final Shape inputShape() {
    return shape;
  }

  @Override
  public final int numClasses() {
    return classes;
  }

  /** Returns every class's output at {@code x}, in double precision. */
  public abstract double[] evaluate(double[] x);

  /** Returns the gradient of output {@code target} at {@code x}, in double precision. */
  public abstract double[] gradient(double[] x, int target);

  /**
   * Returns the Integrated Gradients of output {@code target} along the straight line from
   * {@code baseline} to {@code input}: IG_i = (x_i − x'_i) ∫₀¹ ∂f(x' + t(x − x'))/∂x_i dt.
   * Closed form where {@link #closedForm()} is true, otherwise a high-accuracy reference.
   */
  public abstract double[] integratedGradients(float[] input, float[] baseline, int target);

  /** Returns whether {@link #integratedGradients} is a closed form (else a numerical reference). */
  public boolean closedForm() {
    return true;
  }

  /** Returns output {@code target} at {@code x}, in double precision. */
  public final double value(float[] x, int target) {
    return evaluate(toDouble(shape.require("point", x)))[checkTarget(target)];
  }

  /**
   * Returns Integrated Gradients computed numerically by composite Simpson quadrature over
   * {@code intervals} (even) intervals of the exact double-precision line — a cross-check of the
   * closed forms, and the reference for models that have none.
   */
  public final double[] numericalIntegratedGradients(
      float[] input, float[] baseline, int target, int intervals) {
    double[] x = toDouble(shape.require("input", input));
    double[] b = toDouble(shape.require("baseline", baseline));
    checkTarget(target);
    double[] delta = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      delta[i] = x[i] - b[i];
    }
    double[] p = new double[x.length];
    double[] mean =
        SimpsonRule.integrate(
            x.length,
            intervals,
            t -> {
              for (int i = 0; i < p.length; i++) {
                p[i] = t == 1.0 ? x[i] : b[i] + t * delta[i];
              }
              return gradient(p, target);
            });
    for (int i = 0; i < mean.length; i++) {
      mean[i] *= delta[i];
    }
    return mean;
  }

  @Override
  public final float[][] outputs(List<float[]> points) {
    float[][] out = new float[points.size()][];
    for (int n = 0; n < out.length; n++) {
      double[] v = evaluate(toDouble(shape.require("point " + n, points.get(n))));
      out[n] = new float[classes];
      for (int c = 0; c < classes; c++) {
        out[n][c] = (float) v[c];
      }
    }
    return out;
  }

  @Override
  public final ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    if (targets.length != points.size()) {
      throw new IllegalArgumentException(
          points.size() + " points but " + targets.length + " targets");
    }
    float[] scores = new float[points.size()];
    List<float[]> gradients = new ArrayList<>(points.size());
    for (int n = 0; n < scores.length; n++) {
      double[] x = toDouble(shape.require("point " + n, points.get(n)));
      int target = checkTarget(targets[n]);
      scores[n] = (float) evaluate(x)[target];
      double[] g = gradient(x, target);
      float[] gf = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        gf[i] = (float) g[i];
      }
      gradients.add(gf);
    }
    return new ScoresAndGradients(scores, gradients);
  }

  /** Returns {@code target}, or throws if it is not one of this model's classes. */
  protected final int checkTarget(int target) {
    if (target < 0 || target >= classes) {
      throw new IllegalArgumentException(
          "target: must be in [0, " + (classes - 1) + "], was " + target);
    }
    return target;
  }

  /** Returns the values of {@code a} widened to double. */
  protected static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + shape + ", " + classes + " class"
        + (classes == 1 ? "" : "es") + "]";
  }
}
