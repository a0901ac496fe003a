package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.LambdaBlock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * The checks a model passes when it is loaded (one forward and backward pass on a batch of two
 * inputs) and the faults its answers give during a run, on small parameter-free DJL blocks that
 * misbehave in one way each.
 */
class ModelChecksTest {

  private static final int C = 3;
  private static final int H = 8;
  private static final int W = 8;

  private static ModelSpec spec(String path) {
    return ModelSpec.builder().setPath(path).setInputShape(C, H, W).optOutput("logit").build();
  }

  /** A model computing {@code body} on the N×C×H×W input; closed by the caller. */
  private static DjlModelFunction model(String path, Function<NDArray, NDArray> body) {
    PyTorchRuntime.start(1, 1);
    Model model = Model.newInstance(path, PyTorchRuntime.ENGINE);
    model.setBlock(LambdaBlock.singleton(body));
    return DjlModelFunction.wrap(spec(path), model);
  }

  /** Three class scores per input: the channel means (differentiable, no parameters). */
  private static NDArray scores(NDArray x) {
    return x.mean(new int[] {3}).mean(new int[] {2});
  }

  private static float[] image(float value) {
    float[] x = new float[C * H * W];
    Arrays.fill(x, value);
    return x;
  }

  @Test
  void aWellFormedModelPasses() {
    try (DjlModelFunction m = model("good.pt", ModelChecksTest::scores)) {
      assertThat(m.numClasses()).isEqualTo(3);
      assertThat(m.outputs(List.of(image(0.1f), image(0.2f), image(0.3f)))).hasNumberOfRows(3);
    }
  }

  @Test
  void aFeatureMapIsRefusedAtLoadWithItsShape() {
    assertThatThrownBy(() -> model("m.pt", x -> x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model output must be [batch, classes]; m.pt gave [2, 3, 8, 8]");
  }

  @Test
  void aVectorOutputIsRefusedAtLoad() {
    assertThatThrownBy(() -> model("m.pt", x -> scores(x).sum(new int[] {1})))
        .hasMessageContaining("model output must be [batch, classes]; m.pt gave [2]");
  }

  @Test
  void anOutputWithOneRowForTwoInputsIsRefusedAtLoad() {
    assertThatThrownBy(() -> model("m.pt", x -> scores(x).get("0:1")))
        .hasMessageContaining("model output must be [batch, classes]; m.pt gave [1, 3] for a batch of 2 inputs");
  }

  @Test
  void integerOutputsAreRefusedAtLoad() {
    assertThatThrownBy(() -> model("argmax.pt", x -> scores(x).mul(100).toType(DataType.INT64, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argmax.pt gave int64 [2, 3]")
        .hasMessageContaining("floating-point");
  }

  @Test
  void aModelWithoutGradientIsRefusedAtLoad() {
    assertThatThrownBy(() -> model("detached.pt", x -> scores(x).stopGradient()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("detached.pt gives no gradient with respect to its input")
        .hasMessageContaining("detach")
        .hasMessageNotContaining("\n");
  }

  @Test
  void nonFiniteScoresOnZeroAndGrayInputsAreRefusedAtLoad() {
    assertThatThrownBy(() -> model("log.pt", x -> scores(x).log()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log.pt gives non-finite scores")
        .hasMessageContaining("-Infinity");
  }

  @Test
  void anOutputWhoseRowsDoNotMatchTheBatchIsASampleFaultNotAnIndexError() {
    // two rows whatever the batch: passes the check at load (a batch of 2), fails on 3 points
    try (DjlModelFunction m = model("two-rows.pt", x -> scores(x).get("0:2"))) {
      List<float[]> points = List.of(image(0.1f), image(0.2f), image(0.3f));
      assertThatThrownBy(() -> m.outputs(points))
          .isInstanceOfSatisfying(SampleFaultException.class,
              e -> assertThat(e.kind()).isEqualTo(SampleFaultException.Kind.MODEL_OUTPUT))
          .hasMessageContaining("two-rows.pt gave [2, 3] for a batch of 3 points");
      assertThatThrownBy(() -> m.scoresAndGradients(points, new int[] {0, 1, 2}))
          .isInstanceOf(SampleFaultException.class)
          .hasMessageContaining("gave [2, 3] for a batch of 3 points");
    }
  }

  @Test
  void anEngineErrorOnSomeInputsIsAModelFaultWithAShortReason() {
    // fails (in PyTorch, a matrix product of mismatched shapes) on any batch holding a point above 0.9
    try (DjlModelFunction m = model("picky.pt", x -> {
      float max = x.max().getFloat();
      return max > 0.9f ? x.matMul(x.getManager().ones(new ai.djl.ndarray.types.Shape(5, 5))) : scores(x);
    })) {
      assertThat(m.outputs(List.of(image(0.5f)))).hasNumberOfRows(1);
      List<float[]> bad = List.of(image(0.5f), image(0.95f));
      assertThatThrownBy(() -> m.outputs(bad))
          .isInstanceOfSatisfying(SampleFaultException.class,
              e -> assertThat(e.kind()).isEqualTo(SampleFaultException.Kind.MODEL))
          .hasMessageStartingWith("model picky.pt failed on a batch of 2 point(s): ")
          .hasMessageContaining("5x5")
          .hasMessageNotContaining("\n")
          .hasMessageNotContaining("frame #");
      assertThatThrownBy(() -> m.scoresAndGradients(bad, new int[] {0, 0}))
          .isInstanceOfSatisfying(SampleFaultException.class,
              e -> assertThat(e.kind()).isEqualTo(SampleFaultException.Kind.MODEL));
      assertThat(m.outputs(List.of(image(0.5f)))).as("the model still works afterwards").hasNumberOfRows(1);
    }
  }

  @Test
  void aDeviceThatDoesNotExistIsNamedWithTheDevicesThatDo() {
    String path = Fixtures.resource("tiny_cnn.pt").toString();
    ModelSpec spec = ModelSpec.builder().setPath(path).setInputShape(3, 32, 32).optDevice("gpu99").build();
    assertThatThrownBy(() -> DjlModelFunction.load(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device: gpu99 does not exist")
        .hasMessageContaining("available: cpu")
        .hasMessageNotContaining("\n");
  }
}
