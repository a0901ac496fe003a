package org.igkit.metrics.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.igkit.metrics.TestInputs.attribution;
import static org.igkit.metrics.TestInputs.input;
import static org.igkit.metrics.TestInputs.uniform;

import java.util.SplittableRandom;
import org.igkit.api.compute.JavaComputeBackend;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.model.Shape;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.LinearTestModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two ways a curve's images are built — one from the next on the host, or a batch at a time by
 * the backend's composite kernel when it offloads — give the same scores, bit for bit, for grids
 * that go up, repeat and go down, and batches that split the grid unevenly.
 */
class PerturbationCurveTest {

  /** The Java kernels, but saying they offload: the batched branch, run on the host. */
  private static final class BatchedJava extends JavaComputeBackend {
    @Override
    public boolean offloads() {
      return true;
    }
  }

  @ParameterizedTest(name = "{0}×{1}×{2}, batch {3}")
  @CsvSource({"3, 5, 7, 4", "1, 8, 8, 64", "3, 4, 4, 1", "2, 6, 5, 3"})
  void incrementalAndBatchedImagesGiveTheSameScores(int channels, int h, int w, int batch) {
    Shape shape = Shape.of(channels, h, w);
    int pixels = h * w;
    float[] weights = uniform(1, shape.size(), -1, 1);
    LinearTestModel model = LinearTestModel.sigmoid(shape, weights);
    float[] x = uniform(2, shape.size(), 0, 1);
    float[] donor = uniform(3, shape.size(), 0, 1);
    float[] map = uniform(4, shape.size(), -1, 1);
    CheckedInput in = CheckedInput.of("deletion-auc", input(model, x, attribution(shape, 1, map), batch), true);
    double[] values = new double[map.length];
    for (int i = 0; i < map.length; i++) {
      values[i] = map[i];
    }
    int[] order = MapKernels.rankDescending(MapKernels.spatialSum(values, channels, pixels, false));
    SplittableRandom g = new SplittableRandom(5);
    int[] counts = new int[2 * pixels + 3];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = i < pixels ? i : g.nextInt(pixels + 1); // up, then anywhere: repeats and decreases
    }

    double[] incremental = PerturbationCurve.scores(in, x, donor, order, counts, new JavaComputeBackend());
    double[] batched = PerturbationCurve.scores(in, x, donor, order, counts, new BatchedJava());

    assertThat(batched).containsExactly(incremental);
    assertThat(incremental[0]).isNotEqualTo(incremental[pixels - 1]); // the images really changed
  }
}
