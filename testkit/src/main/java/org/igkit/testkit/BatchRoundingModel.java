package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A model whose gradients' last bits depend on the batch a point is evaluated in, as a batched
 * kernel's float rounding can (a different blocking of a matrix product for another batch size or
 * another neighbour): each gradient value of the wrapped model is moved by a few units in the last
 * place, by an amount that depends on the size and the contents of the whole batch. Scores and
 * outputs are the wrapped model's.
 *
 * <p>For tests of what must be bit-identical whatever the batching (shared integrals, reruns), so
 * that a test that would pass only by luck on a batch-independent model fails when the engine's
 * batches differ.
 */
public final class BatchRoundingModel implements ModelFunction {

  private final ModelFunction model;

  /** Wraps {@code model}. */
  public BatchRoundingModel(ModelFunction model) {
    this.model = model;
  }

  @Override
  public Shape inputShape() {
    return model.inputShape();
  }

  @Override
  public int numClasses() {
    return model.numClasses();
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    return model.outputs(points);
  }

  @Override
  public float[] scores(List<float[]> points, int[] targets) {
    return model.scores(points, targets);
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    ScoresAndGradients sg = model.scoresAndGradients(points, targets);
    int ulps = 1 + Math.floorMod(signature(points), 7); // 1 to 7 units in the last place
    List<float[]> moved = new ArrayList<>(sg.gradients().size());
    for (float[] g : sg.gradients()) {
      float[] m = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        m[i] = g[i] + ulps * Math.ulp(g[i]);
      }
      moved.add(m);
    }
    return new ScoresAndGradients(sg.scores(), moved);
  }

  /** A hash of the batch: its size and, in order, its points' bits. */
  private static int signature(List<float[]> points) {
    int h = points.size();
    for (float[] p : points) {
      for (float v : p) {
        h = 31 * h + Float.floatToIntBits(v);
      }
    }
    return h;
  }

  @Override
  public void close() {
    model.close();
  }
}
