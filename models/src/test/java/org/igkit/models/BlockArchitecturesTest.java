package org.igkit.models;

import org.igkit.models.block.BlockArchitectures;
import org.igkit.api.model.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.igkit.models.Fixtures.randomImage;
import static org.igkit.models.Fixtures.relativeError;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every DJL block family ({@link BlockArchitectures}): seeded initialisation, save/load round trip,
 * input gradients against finite differences, inference-mode batch norm, clear errors.
 */
class BlockArchitecturesTest {

  private static final Shape SHAPE = Shape.of(3, 32, 32);
  private static final int CLASSES = 5;
  private static final int WIDTH = 4;

  @TempDir Path dir;

  private ModelSpec spec(String architecture, Path file, int width, List<Integer> shape) {
    return ModelSpec.builder().setPath(file.toString()).setInputShape(shape.get(0), shape.get(1), shape.get(2))
        .optFormat(ModelSpec.DJL_BLOCK).optBlock(architecture, width).optNumClasses(CLASSES).build();
  }

  /** A freshly initialised block of {@code architecture}, wrapped (the file is not read). */
  private DjlModelFunction fresh(String architecture, long seed, Shape shape) {
    return fresh(architecture, seed, shape, ModelSpec.PROBABILITY);
  }

  private DjlModelFunction fresh(String architecture, long seed, Shape shape, String output) {
    PyTorchRuntime.start(1, 1);
    Block block = BlockArchitectures.of(architecture).build(CLASSES, WIDTH, shape);
    Model model = Model.newInstance(architecture, PyTorchRuntime.ENGINE);
    model.setBlock(block);
    BlockParameters.initialize(block, model.getNDManager(), shape, seed);
    calibrateBatchNorm(model, shape, seed);
    return DjlModelFunction.wrap(
        spec(architecture, dir.resolve("unused.params"), WIDTH,
            List.of(shape.channels(), shape.height(), shape.width())).withOutput(output), model);
  }

  private static List<float[]> images() {
    return List.of(randomImage(1), randomImage(2), randomImage(3));
  }

  @Test
  void theFamiliesAreListedInOrderAndModelSpecAcceptsEach() {
    assertThat(BlockArchitectures.ids()).containsExactly("small-cnn", "resnet", "vgg", "mobilenetv2");
    for (String id : BlockArchitectures.ids()) {
      assertThat(new DjlBlockFormat().resolve(spec(id.toUpperCase(java.util.Locale.ROOT), dir, 8, List.of(3, 32, 32)))
          .architecture()).isEqualTo(id);
    }
  }

  @Test
  void anUnknownArchitectureListsTheKnownOnes() {
    assertThatThrownBy(() -> new DjlBlockFormat().resolve(spec("resnet50", dir, 8, List.of(3, 32, 32))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("architecture")
        .hasMessageContaining("resnet50")
        .hasMessageContaining("mobilenetv2");
    assertThatThrownBy(() -> BlockArchitectures.of("alexnet"))
        .hasMessage("architecture: unknown 'alexnet' (known: small-cnn, resnet, vgg, mobilenetv2)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void sameSeedSameOutputsOtherSeedOthers(String architecture) {
    try (DjlModelFunction a = fresh(architecture, 7, SHAPE);
        DjlModelFunction b = fresh(architecture, 7, SHAPE);
        DjlModelFunction c = fresh(architecture, 8, SHAPE)) {
      float[][] outA = a.outputs(images());
      assertThat(a.numClasses()).isEqualTo(CLASSES);
      assertThat(b.outputs(images())).isDeepEqualTo(outA);
      assertThat(relativeError(c.outputs(images())[0], outA[0])).isGreaterThan(1e-3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void savedParametersLoadBackToIdenticalOutputsAndGradients(String architecture) {
    Path file = dir.resolve(architecture + ".params");
    int[] targets = {0, 4, 2};
    float[][] before;
    ScoresAndGradients gradBefore;
    try (DjlModelFunction original = fresh(architecture, 42, SHAPE)) {
      BlockParameters.save(original.model().getBlock(), file);
      before = original.outputs(images());
      gradBefore = original.scoresAndGradients(images(), targets);
    }
    try (DjlModelFunction loaded = DjlModelFunction.load(spec(architecture, file, WIDTH, List.of(3, 32, 32)))) {
      assertThat(loaded.outputs(images())).isDeepEqualTo(before);
      ScoresAndGradients gradAfter = loaded.scoresAndGradients(images(), targets);
      assertThat(gradAfter.scores()).containsExactly(gradBefore.scores());
      for (int i = 0; i < targets.length; i++) {
        assertThat(gradAfter.gradients().get(i)).containsExactly(gradBefore.gradients().get(i));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void parametersOfAnotherWidthFailNamingTheParameter(String architecture) {
    Path file = dir.resolve("wide.params");
    try (DjlModelFunction wide = freshOfWidth(architecture, 2 * WIDTH)) {
      BlockParameters.save(wide.model().getBlock(), file);
    }
    assertThatThrownBy(() -> DjlModelFunction.load(spec(architecture, file, WIDTH, List.of(3, 32, 32))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining(architecture + " parameter")
        .hasMessageContaining("for width " + WIDTH);
  }

  /**
   * Directional derivatives along the gradient and two random unit directions against finite
   * differences. These nets are piecewise linear in their input (ReLU, ReLU6, max-pool, batch norm
   * in inference mode) with tens of thousands of units, so a step of 3e-3 — what
   * {@link Fixtures#assertGradientMatchesFiniteDifferences} takes for the two-layer small CNN —
   * crosses kinks and costs up to 1 % (measured); steps of 3e-4 and 1e-4 cross few, and float32
   * rounding is still small there. The best of the two must be within 3e-3 of ‖g‖ (measured:
   * ≤ 1.7e-3); a wrong gradient is off by O(1).
   */
  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void gradientsMatchFiniteDifferencesAndWeightsGetNone(String architecture) {
    for (String output : ModelSpec.OUTPUTS) {
      try (DjlModelFunction f = fresh(architecture, 5, SHAPE, output)) {
        for (int target : new int[] {1, 3}) {
          float[] x = randomImage(31);
          float[] g = f.scoresAndGradients(List.of(x), new int[] {target}).gradients().get(0);
          double gNorm = Fixtures.norm(g);
          assertThat(gNorm).isGreaterThan(0);
          List<float[]> directions = List.of(Fixtures.unit(g), Fixtures.randomDirection(11), Fixtures.randomDirection(12));
          for (int k = 0; k < directions.size(); k++) {
            float[] d = directions.get(k);
            double best = Double.POSITIVE_INFINITY;
            for (double h : new double[] {3e-4, 1e-4}) {
              double fd = Fixtures.finiteDifference(f, x, target, d, h, Fixtures.FD_HALF_POINTS);
              best = Math.min(best, Math.abs(fd - Fixtures.dot(g, d)) / gNorm);
            }
            assertThat(best).as("%s %s target %d direction %d", architecture, output, target, k).isLessThan(3e-3);
          }
        }
      }
    }
    try (DjlModelFunction f = fresh(architecture, 5, SHAPE)) {
      f.scoresAndGradients(List.of(randomImage(32)), new int[] {0});
      for (Pair<String, Parameter> p : f.model().getBlock().getParameters()) {
        assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
        assertThat(p.getValue().getArray().hasGradient()).as(p.getKey()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void batchNormRunsInInferenceModeSoPointsAreIndependentOfTheirBatch(String architecture) {
    try (DjlModelFunction f = fresh(architecture, 6, SHAPE)) {
      float[] point = randomImage(50);
      ScoresAndGradients alone = f.scoresAndGradients(List.of(point), new int[] {3});
      List<float[]> batch = new ArrayList<>();
      int[] targets = new int[5];
      for (int i = 0; i < 5; i++) {
        batch.add(i == 2 ? point : randomImage(60 + i));
        targets[i] = i == 2 ? 3 : i;
      }
      ScoresAndGradients inBatch = f.scoresAndGradients(batch, targets);
      assertThat(Math.abs(inBatch.scores()[2] - alone.scores()[0]))
          .isLessThanOrEqualTo(1e-5f * Math.abs(alone.scores()[0]));
      assertThat(relativeError(inBatch.gradients().get(2), alone.gradients().get(0))).isLessThan(1e-5);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet", "vgg", "mobilenetv2"})
  void inputsOf64PixelsAndOneChannelWork(String architecture) {
    Shape big = Shape.of(1, 64, 48);
    try (DjlModelFunction f = fresh(architecture, 9, big)) {
      float[] x = new float[big.size()];
      SplittableRandom r = new SplittableRandom(3);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextDouble();
      }
      float[][] out = f.outputs(List.of(x));
      assertThat(out[0]).hasSize(CLASSES);
      assertThat(f.scoresAndGradients(List.of(x), new int[] {1}).gradients().get(0)).hasSize(big.size());
    }
  }

  private DjlModelFunction freshOfWidth(String architecture, int width) {
    PyTorchRuntime.start(1, 1);
    Block block = BlockArchitectures.of(architecture).build(CLASSES, width, SHAPE);
    Model model = Model.newInstance(architecture, PyTorchRuntime.ENGINE);
    model.setBlock(block);
    BlockParameters.initialize(block, model.getNDManager(), SHAPE, 1);
    return DjlModelFunction.wrap(spec(architecture, dir.resolve("unused"), width, List.of(3, 32, 32)), model);
  }

  /**
   * Sets every batch-norm layer's running statistics to those of a batch of random images, as
   * training would: forward passes in training mode (momentum 0.9, so 40 passes leave 1.5 % of the
   * initial statistics). Without it a He-initialised deep net's activations grow layer by layer,
   * many ReLU6 units sit at their cap and finite differences cross kinks.
   */
  private static void calibrateBatchNorm(Model model, Shape shape, long seed) {
    List<float[]> batch = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      batch.add(randomImage(1000 + seed * 10 + i));
    }
    float[] flat = new float[batch.size() * shape.size()];
    for (int i = 0; i < batch.size(); i++) {
      float[] x = batch.get(i);
      for (int j = 0; j < shape.size(); j++) {
        flat[i * shape.size() + j] = x[j % x.length];
      }
    }
    try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()));
        NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = sub.create(flat, new ai.djl.ndarray.types.Shape(batch.size(), shape.channels(), shape.height(), shape.width()));
      for (int pass = 0; pass < 40; pass++) {
        try (NDManager step = sub.newSubManager()) {
          NDList out = trainer.forward(new NDList(x));
          out.attach(step);
        }
      }
    }
  }
}
