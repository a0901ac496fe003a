package org.igkit.models;

import org.igkit.models.block.SmallCnn;
import org.igkit.api.model.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.igkit.models.Fixtures.SIZE;
import static org.igkit.models.Fixtures.randomImage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.engine.SampleFaultException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors say where, what, what is allowed. */
class ModelErrorsTest {

  private static DjlModelFunction model;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    model = DjlModelFunction.load(Fixtures.tinyCnn());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static ModelSpec torchScript(String path, List<Integer> shape) {
    return new ModelSpec(path, null, null, null, shape, null, null, null, null, null, null, null, null);
  }

  @Test
  void missingModelFileIsNamed() {
    Path missing = dir.resolve("no-such-model.pt");
    assertThatThrownBy(() -> DjlModelFunction.load(ModelSpec.torchScript(missing.toString(), 3, 32, 32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model file not found")
        .hasMessageContaining(missing.toAbsolutePath().toString());
  }

  @Test
  void aFileThatIsNoTorchScriptIsNamed() {
    Path json = Fixtures.resource("tiny_cnn.json");
    assertThatThrownBy(() -> DjlModelFunction.load(ModelSpec.torchScript(json.toString(), 3, 32, 32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load TorchScript model")
        .hasMessageContaining(json.toAbsolutePath().toString());
  }

  @Test
  void pointsOfTheWrongSizeAreNamedByIndex() {
    List<float[]> points = List.of(randomImage(1), new float[100]);
    assertThatThrownBy(() -> model.outputs(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 1: has 100 values, expected 3072 for shape 3×32×32");
    assertThatThrownBy(() -> model.scoresAndGradients(points, new int[] {0, 0}))
        .hasMessageContaining("point 1: has 100 values");
  }

  @Test
  void targetsOutOfRangeOrMiscountedAreNamed() {
    List<float[]> points = List.of(randomImage(1), randomImage(2));
    assertThatThrownBy(() -> model.scoresAndGradients(points, new int[] {0, 10}))
        .hasMessage("targets[1]: must be a class in [0, 9], was 10");
    assertThatThrownBy(() -> model.scoresAndGradients(points, new int[] {0}))
        .hasMessage("targets: need one class per point (2), got 1");
  }

  @Test
  void nonFiniteOutputsAndGradientsNameThePoint() {
    float[] bad = randomImage(3);
    Arrays.fill(bad, 0, 50, Float.NaN);
    List<float[]> points = List.of(randomImage(1), bad);
    assertThatThrownBy(() -> model.outputs(points))
        .isInstanceOfSatisfying(SampleFaultException.class,
            e -> assertThat(e.kind()).isEqualTo(SampleFaultException.Kind.NON_FINITE))
        .hasMessageContaining("output of point 1")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> model.scoresAndGradients(points, new int[] {0, 0}))
        .isInstanceOf(SampleFaultException.class)
        .hasMessageContaining("of point 1");
  }

  @Test
  void anInputShapeTheModelRejectsIsReportedAtLoad() {
    String path = Fixtures.resource("tiny_cnn.pt").toString();
    assertThatThrownBy(() -> DjlModelFunction.load(torchScript(path, List.of(1, 32, 32))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fails on a batch of 2 inputs of shape 2×1×32×32")
        .hasMessageContaining("to have 3 channels, but got 1 channels instead")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aWrongNumberOfClassesIsReportedAtLoad() {
    String path = Fixtures.resource("tiny_cnn.pt").toString();
    ModelSpec spec = new ModelSpec(path, null, null, null, List.of(3, 32, 32), 5, null, null, null,
        null, null, null, null);
    assertThatThrownBy(() -> DjlModelFunction.load(spec))
        .hasMessageContaining("numClasses: is 5 but model")
        .hasMessageContaining("outputs 10 scores per input");
  }

  @Test
  void aClosedModelSaysSo() {
    DjlModelFunction f = DjlModelFunction.load(Fixtures.tinyCnn());
    f.close();
    f.close();
    assertThatThrownBy(() -> f.outputs(List.of(randomImage(1)))).hasMessageContaining("is closed");
  }

  @Test
  void specDefaults() {
    ModelSpec spec = ModelSpec.torchScript("m.pt", 3, 32, 32);
    assertThat(spec.format()).isEqualTo("torchscript");
    assertThat(spec.architecture()).isNull();
    assertThat(spec.mean()).containsExactly(0.0, 0.0, 0.0);
    assertThat(spec.std()).containsExactly(1.0, 1.0, 1.0);
    assertThat(spec.channelOrder()).isEqualTo("rgb");
    assertThat(spec.output()).isEqualTo("probability");
    assertThat(spec.intraOpThreads()).isEqualTo(1);
    assertThat(spec.interOpThreads()).isEqualTo(1);
    assertThat(spec.device()).isEqualTo("cpu");
    assertThat(spec.shape()).isEqualTo(org.igkit.api.model.Shape.of(3, 32, 32));
    ModelSpec djl = new DjlBlockFormat().resolve(new ModelSpec("m.params", "DJL-Block", null, null,
        List.of(1, 28, 28), 10, null, List.of(0.5), List.of(0.25), null, 4, 2, null));
    assertThat(djl.format()).isEqualTo("djl-block");
    assertThat(djl.architecture()).isEqualTo("small-cnn");
    assertThat(djl.width()).isEqualTo(SmallCnn.DEFAULT_WIDTH);
    assertThat(djl.mean()).containsExactly(0.5);
    assertThat(djl.intraOpThreads()).isEqualTo(4);
  }

  @Test
  void specErrorsNameFieldValueAndWhatIsAllowed() {
    List<Integer> shape = List.of(3, 32, 32);
    assertThatThrownBy(() -> new ModelSpec(null, null, null, null, shape, null, null, null, null,
        null, null, null, null)).hasMessageStartingWith("path: is missing");
    assertThatThrownBy(() -> new ModelSpec("m", "torch script", null, null, shape, null, null, null,
        null, null, null, null, null))
        .hasMessage("format: must be a model format id such as torchscript or djl-block, was 'torch script'");
    DjlBlockFormat block = new DjlBlockFormat();
    assertThatThrownBy(() -> block.resolve(new ModelSpec("m", "djl-block", "resnet50", null, shape, 10, null, null,
        null, null, null, null, null)))
        .hasMessageStartingWith("architecture: must be one of [small-cnn, resnet, vgg, mobilenetv2], was 'resnet50'");
    TorchScriptFormat torchScript = new TorchScriptFormat();
    assertThatThrownBy(() -> torchScript.resolve(new ModelSpec("m", null, "small-cnn", null, shape, null, null, null,
        null, null, null, null, null))).hasMessageStartingWith("architecture: applies only to format djl-block");
    assertThatThrownBy(() -> torchScript.resolve(new ModelSpec("m", null, null, 8, shape, null, null, null,
        null, null, null, null, null))).hasMessageStartingWith("width: applies only to format djl-block");
    assertThatThrownBy(() -> block.resolve(new ModelSpec("m", "djl-block", null, null, shape, null, null, null,
        null, null, null, null, null))).hasMessageStartingWith("numClasses: is missing");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, List.of(3, 32), null, null, null,
        null, null, null, null, null))
        .hasMessage("inputShape: must be [C, H, W] with 3 positive integers, was [3, 32]");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, List.of(3, 0, 32), null, null,
        null, null, null, null, null, null)).hasMessage("inputShape[1]: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, "rbg", null, null,
        null, null, null, null)).hasMessageStartingWith("channelOrder: must be one of [rgb, bgr], was 'rbg'");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, null,
        List.of(0.5, 0.5), null, null, null, null, null))
        .hasMessage("mean: must hold 1 or 3 values (one per channel), was [0.5, 0.5]");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, null, null,
        List.of(0.2, 0.0, 0.2), null, null, null, null))
        .hasMessage("std[1]: must be > 0 and finite, was 0.0");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, null, null, null,
        "logits", null, null, null))
        .hasMessage("output: must be one of [probability, logit], was 'logits', did you mean 'logit'?");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, null, null, null,
        null, 0, null, null)).hasMessage("intraOpThreads: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new ModelSpec("m", null, null, null, shape, null, null, null, null,
        null, null, null, "cuda")).hasMessageStartingWith("device: must be 'cpu', 'gpu' or 'gpuN'");
    assertThat(new ModelSpec("m", null, null, null, shape, null, null, null, null, null, null, null, "GPU:1").device())
        .isEqualTo("gpu1");
  }

  @Test
  void pointSizeMatchesTheFixture() {
    assertThat(model.inputShape().size()).isEqualTo(SIZE);
  }
}
