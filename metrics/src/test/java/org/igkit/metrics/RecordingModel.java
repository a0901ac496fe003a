package org.igkit.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A model for metric tests whose outputs are a formula of the image, computed in double
 * precision. It records every image and the size of every batch it is asked for.
 */
public final class RecordingModel implements ModelFunction {

  private final Shape shape;
  private final int classes;
  private final Function<float[], double[]> formula;
  private final List<float[]> images = new ArrayList<>();
  private final List<Integer> batches = new ArrayList<>();

  /** A model of {@code classes} outputs given by {@code formula}. */
  public RecordingModel(Shape shape, int classes, Function<float[], double[]> formula) {
    this.shape = shape;
    this.classes = classes;
    this.formula = formula;
  }

  /** Returns copies of the images asked for so far, in order. */
  public List<float[]> images() {
    return images;
  }

  /** Returns the sizes of the batches asked for so far. */
  public List<Integer> batches() {
    return batches;
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    batches.add(points.size());
    float[][] out = new float[points.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] p = shape.require("point", points.get(i));
      images.add(p.clone());
      double[] v = formula.apply(p);
      out[i] = new float[classes];
      for (int c = 0; c < classes; c++) {
        out[i][c] = (float) v[c];
      }
    }
    return out;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    throw new UnsupportedOperationException("metrics never ask for gradients");
  }
}
