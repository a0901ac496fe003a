package org.igkit.metrics;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A model for metric tests: class 0 scores w·x, class 1 scores −w·x (optionally through a
 * sigmoid, so it is not linear). It records the size of every batch it is asked for.
 */
public final class LinearTestModel implements ModelFunction {

  private final Shape shape;
  private final float[] w;
  private final boolean sigmoid;
  private final List<Integer> batches = new ArrayList<>();
  private Float override;

  private LinearTestModel(Shape shape, float[] w, boolean sigmoid) {
    this.shape = shape;
    this.w = shape.require("weights", w).clone();
    this.sigmoid = sigmoid;
  }

  /** Returns the model w·x. */
  public static LinearTestModel linear(Shape shape, float... w) {
    return new LinearTestModel(shape, w, false);
  }

  /** Returns the model σ(w·x). */
  public static LinearTestModel sigmoid(Shape shape, float... w) {
    return new LinearTestModel(shape, w, true);
  }

  /** Makes every score {@code value} (e.g. NaN). */
  public LinearTestModel answering(float value) {
    override = value;
    return this;
  }

  /** Returns the sizes of the batches asked for so far. */
  public List<Integer> batches() {
    return batches;
  }

  /** Returns the score of class 0 at {@code x}. */
  public double score(float[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) w[i] * x[i];
    }
    return sigmoid ? 1 / (1 + Math.exp(-s)) : s;
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  @Override
  public int numClasses() {
    return 2;
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    batches.add(points.size());
    float[][] out = new float[points.size()][];
    for (int i = 0; i < out.length; i++) {
      float s = override != null ? override : (float) score(shape.require("point", points.get(i)));
      out[i] = new float[] {s, sigmoid ? 1 - s : -s};
    }
    return out;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    throw new UnsupportedOperationException("metrics never ask for gradients");
  }
}
