package org.igkit.cli.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;

/**
 * The yardstick of the pipeline-overhead measurement: Integrated Gradients written as a user would
 * write it directly against DJL, with nothing of igkit in the loop. For batches of at most
 * {@code batchSize} midpoint nodes α_j = (j + ½)/n it builds the points x' + α_j (x − x') on the
 * engine, runs the block under a {@link GradientCollector}, back-propagates the summed explained
 * score of the target class, adds the gradients up on the engine and finally returns
 * (x − x') ⊙ Σ_j ∇f / n — the same numbers as igkit's {@code straight} path with the
 * {@code riemann} midpoint rule and one baseline. Each batch lives in its own sub-manager.
 *
 * <p>It uses the very model (block, weights, preprocessing, explained output) of a
 * {@link DjlModelFunction}, so both sides compute the same gradients. Single-threaded only: DJL
 * allows one collecting {@link GradientCollector} per JVM.
 */
public final class RawIntegratedGradients {

  private final Model model;
  private final Block block;
  private final PtSymbolBlock script;
  private final ParameterStore parameters;
  private final ModelSpec spec;
  private final Shape shape;
  private final float[] mean;
  private final float[] std;

  /** Uses the model, preprocessing and explained output of {@code function}. */
  public RawIntegratedGradients(DjlModelFunction function) {
    this.model = function.model();
    this.block = model.getBlock();
    this.script = block instanceof PtSymbolBlock s ? s : null;
    this.parameters = new ParameterStore(model.getNDManager(), false);
    this.spec = function.spec();
    this.shape = function.inputShape();
    this.mean = floats(spec.mean());
    this.std = floats(spec.std());
  }

  /**
   * Returns IG of {@code input} from {@code baseline} for class {@code target} with {@code steps}
   * midpoint nodes, evaluated {@code batchSize} points per call.
   */
  public float[] attribute(float[] input, float[] baseline, int target, int steps, int batchSize) {
    ai.djl.ndarray.types.Shape one = new ai.djl.ndarray.types.Shape(1, shape.channels(), shape.height(), shape.width());
    ai.djl.ndarray.types.Shape perChannel = new ai.djl.ndarray.types.Shape(1, shape.channels(), 1, 1);
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray x = manager.create(input, one);
      NDArray start = manager.create(baseline, one);
      NDArray diff = x.sub(start);
      NDArray meanArray = manager.create(mean, perChannel);
      NDArray stdArray = manager.create(std, perChannel);
      NDArray sum = manager.zeros(one);
      for (int first = 0; first < steps; first += batchSize) {
        int n = Math.min(batchSize, steps - first);
        try (NDManager batch = manager.newSubManager()) {
          float[] alphas = new float[n];
          for (int i = 0; i < n; i++) {
            alphas[i] = (float) ((first + i + 0.5) / steps);
          }
          // start from an array of the batch's manager: results join the manager of their first operand
          NDArray points = batch.create(alphas, new ai.djl.ndarray.types.Shape(n, 1, 1, 1)).mul(diff).add(start);
          points.setRequiresGradient(true);
          try (GradientCollector collector = model.getNDManager().getEngine().newGradientCollector()) {
            NDArray in = points;
            if (spec.reversesChannels()) {
              in = in.flip(1);
            }
            if (!spec.normalisationIsIdentity()) {
              in = in.sub(meanArray).div(stdArray);
            }
            NDArray logits = script != null
                ? IValueUtils.forward(script, new NDList(in), true).singletonOrThrow()
                : block.forward(parameters, new NDList(in), false).singletonOrThrow();
            NDArray out = spec.explainsProbability() ? logits.softmax(1) : logits;
            collector.backward(out.get(new NDIndex(":, {}", target)).sum());
          }
          sum.addi(points.getGradient().sum(new int[] {0}, true));
        }
      }
      return sum.mul(diff).div(steps).toFloatArray();
    }
  }

  private static float[] floats(List<Double> values) {
    float[] f = new float[values.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = values.get(i).floatValue();
    }
    return f;
  }
}
