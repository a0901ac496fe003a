package org.igkit.models;

import org.igkit.models.block.SmallCnn;
import org.igkit.api.model.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.igkit.models.Fixtures.assertGradientMatchesFiniteDifferences;
import static org.igkit.models.Fixtures.randomImage;
import static org.igkit.models.Fixtures.relativeError;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL {@link SmallCnn} block: seeded initialisation, save/load, gradients, inference mode. */
class SmallCnnTest {

  private static final Shape SHAPE = Shape.of(3, 32, 32);
  private static final int CLASSES = 10;
  private static final int WIDTH = 8;

  @TempDir Path dir;

  private ModelSpec spec(Path file) {
    return ModelSpec.builder().setPath(file.toString()).setInputShape(3, 32, 32)
        .optFormat(ModelSpec.DJL_BLOCK).optBlock(SmallCnn.TYPE, WIDTH).optNumClasses(CLASSES).build();
  }

  /** A freshly initialised small CNN wrapped as a model function (the file is not read). */
  private DjlModelFunction fresh(long seed) {
    PyTorchRuntime.start(1, 1);
    Block block = SmallCnn.build(CLASSES, WIDTH);
    Model model = Model.newInstance("small-cnn", PyTorchRuntime.ENGINE);
    model.setBlock(block);
    SmallCnn.initialize(block, model.getNDManager(), SHAPE, seed);
    return DjlModelFunction.wrap(spec(dir.resolve("unused.params")), model);
  }

  private static List<float[]> images() {
    return List.of(randomImage(1), randomImage(2), randomImage(3));
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    try (DjlModelFunction a = fresh(7); DjlModelFunction b = fresh(7); DjlModelFunction c = fresh(8)) {
      float[][] outA = a.outputs(images());
      assertThat(b.outputs(images())).isDeepEqualTo(outA);
      assertThat(relativeError(c.outputs(images())[0], outA[0])).isGreaterThan(1e-3);
    }
  }

  @Test
  void parametersSavedToAFileLoadBackToIdenticalOutputsAndGradients() {
    Path file = dir.resolve("small-cnn.params");
    int[] targets = {0, 4, 9};
    float[][] before;
    ScoresAndGradients gradBefore;
    try (DjlModelFunction original = fresh(42)) {
      SmallCnn.saveParameters(original.model().getBlock(), file);
      before = original.outputs(images());
      gradBefore = original.scoresAndGradients(images(), targets);
    }
    try (DjlModelFunction loaded = DjlModelFunction.load(spec(file))) {
      assertThat(loaded.outputs(images())).isDeepEqualTo(before);
      ScoresAndGradients gradAfter = loaded.scoresAndGradients(images(), targets);
      assertThat(gradAfter.scores()).containsExactly(gradBefore.scores());
      for (int i = 0; i < targets.length; i++) {
        assertThat(gradAfter.gradients().get(i)).containsExactly(gradBefore.gradients().get(i));
      }
    }
  }

  @Test
  void modelDirectoriesWrittenByModelSaveLoadToo() throws Exception {
    Path modelDir = Files.createDirectories(dir.resolve("model"));
    float[][] before;
    try (DjlModelFunction original = fresh(43)) {
      original.model().save(modelDir, "my-cnn");
      before = original.outputs(images());
    }
    try (DjlModelFunction loaded = DjlModelFunction.load(spec(modelDir))) {
      assertThat(loaded.outputs(images())).isDeepEqualTo(before);
    }
  }

  @Test
  void parametersOfAnotherWidthFailClearly() {
    Path file = dir.resolve("wide.params");
    PyTorchRuntime.start(1, 1);
    Block wide = SmallCnn.build(CLASSES, 2 * WIDTH);
    try (Model model = Model.newInstance("wide", PyTorchRuntime.ENGINE)) {
      model.setBlock(wide);
      SmallCnn.initialize(wide, model.getNDManager(), SHAPE, 1);
      SmallCnn.saveParameters(wide, file);
    }
    assertThatThrownBy(() -> DjlModelFunction.load(spec(file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("has shape (16, 3, 3, 3), expected (8, 3, 3, 3) for width 8");
  }

  @Test
  void gradientsMatchFiniteDifferencesAndWeightsGetNone() {
    try (DjlModelFunction f = fresh(5)) {
      assertGradientMatchesFiniteDifferences(f, randomImage(31), 3);
      for (Pair<String, Parameter> p : f.model().getBlock().getParameters()) {
        assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
        assertThat(p.getValue().getArray().hasGradient()).as(p.getKey()).isFalse();
      }
    }
  }

  @Test
  void batchNormRunsInInferenceModeSoPointsAreIndependentOfTheirBatch() {
    try (DjlModelFunction f = fresh(6)) {
      float[] point = randomImage(50);
      ScoresAndGradients alone = f.scoresAndGradients(List.of(point), new int[] {7});
      List<float[]> batch = new ArrayList<>();
      int[] targets = new int[7];
      for (int i = 0; i < 7; i++) {
        batch.add(i == 3 ? point : randomImage(60 + i));
        targets[i] = i == 3 ? 7 : i;
      }
      ScoresAndGradients inBatch = f.scoresAndGradients(batch, targets);
      assertThat(Math.abs(inBatch.scores()[3] - alone.scores()[0]))
          .isLessThanOrEqualTo(1e-5f * Math.abs(alone.scores()[0]));
      assertThat(relativeError(inBatch.gradients().get(3), alone.gradients().get(0)))
          .isLessThan(1e-5);
    }
  }
}
