package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.igkit.models.Fixtures.randomImage;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.util.List;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.models.block.SmallCnn;
import org.junit.jupiter.api.Test;

/**
 * Layer re-drawing of a djl-block model: a small CNN whose layers are known (two convolution + batch-norm
 * stages and a linear head). Re-drawing the head leaves every other parameter as it was and puts
 * in the head exactly what a fresh block initialised from the same seed holds; the logit gradient
 * then equals that of a model assembled by hand from the two blocks.
 */
class RandomisedBlockTest {

  private static final Shape SHAPE = Shape.of(3, 32, 32);
  private static final int CLASSES = 10;
  private static final int WIDTH = 4;

  private static ModelSpec spec() {
    return ModelSpec.builder().setPath("unused.params").setInputShape(3, 32, 32).optFormat(ModelSpec.DJL_BLOCK)
        .optBlock(SmallCnn.TYPE, WIDTH).optNumClasses(CLASSES).optOutput("logit").build();
  }

  private static DjlModelFunction fresh(long seed) {
    PyTorchRuntime.start(1, 1);
    Block block = SmallCnn.build(CLASSES, WIDTH);
    Model model = Model.newInstance("small-cnn", PyTorchRuntime.ENGINE);
    model.setBlock(block);
    SmallCnn.initialize(block, model.getNDManager(), SHAPE, seed);
    return DjlModelFunction.wrap(spec(), model);
  }

  private static float[] parameter(DjlModelFunction m, int i) {
    return m.model().getBlock().getParameters().get(i).getValue().getArray().toFloatArray();
  }

  @Test
  void layersAreTheBlocksParameterGroupsInOrder() {
    try (DjlModelFunction m = fresh(1)) {
      List<String> layers = m.layers();
      // Per stage a convolution and a batch norm, then the linear head: 2 × 2 + 1 groups.
      assertThat(layers).hasSize(5);
      assertThat(layers.get(0)).contains("Conv2d");
      assertThat(layers.get(1)).contains("BatchNorm");
      assertThat(layers.get(4)).contains("Linear");
    }
  }

  @Test
  void redrawingTheHeadKeepsTheRestAndDrawsTheHeadFromTheSeed() {
    try (DjlModelFunction original = fresh(1);
        DjlModelFunction seedBlock = fresh(99);
        DjlModelFunction head = original.withRandomised(List.of(original.layers().get(4)), 99)) {
      var params = original.model().getBlock().getParameters();
      for (int i = 0; i < params.size(); i++) {
        boolean inHead = params.get(i).getKey().startsWith(original.layers().get(4) + "_");
        assertThat(parameter(head, i)).as(params.get(i).getKey())
            .containsExactly(inHead ? parameter(seedBlock, i) : parameter(original, i));
      }
      // The head is re-drawn (not the original's): the logit gradient changes.
      float[] x = randomImage(5);
      ScoresAndGradients before = original.scoresAndGradients(List.of(x), new int[] {3});
      ScoresAndGradients after = head.scoresAndGradients(List.of(x), new int[] {3});
      assertThat(Fixtures.relativeError(after.gradients().get(0), before.gradients().get(0))).isGreaterThan(1e-2);
      // The same map by hand: the original's trunk under seed 99's head. Only the head differs, so
      // the gradient is Jᵀ w'_c, J the trunk's Jacobian — the hand-built model must agree.
      try (DjlModelFunction byHand = fresh(99)) {
        var own = byHand.model().getBlock().getParameters();
        for (int i = 0; i < own.size(); i++) {
          if (!own.get(i).getKey().startsWith(original.layers().get(4) + "_")) {
            own.get(i).getValue().getArray().set(parameter(original, i));
          }
        }
        ScoresAndGradients expected = byHand.scoresAndGradients(List.of(x), new int[] {3});
        assertThat(after.gradients().get(0)).containsExactly(expected.gradients().get(0));
        assertThat(after.scores()).containsExactly(expected.scores());
      }
    }
  }

  @Test
  void redrawingNothingChangesNothingAndUnknownLayersAreNamed() {
    try (DjlModelFunction original = fresh(2); DjlModelFunction same = original.withRandomised(List.of(), 5)) {
      List<float[]> x = List.of(randomImage(1));
      assertThat(same.outputs(x)).isDeepEqualTo(original.outputs(x));
      assertThatThrownBy(() -> original.withRandomised(List.of("99Dense"), 5))
          .hasMessageContaining("layer '99Dense'").hasMessageContaining(original.layers().get(0));
    }
  }

  @Test
  void torchScriptListsNoLayersAndRefusesWithTheFormatNamed() {
    try (DjlModelFunction script = DjlModelFunction.load(Fixtures.tinyCnn())) {
      assertThat(script.layers()).isEmpty();
      assertThatThrownBy(() -> script.withRandomised(List.of(), 1)).hasMessageContaining("TorchScript")
          .hasMessageContaining("djl-block");
    }
  }
}
