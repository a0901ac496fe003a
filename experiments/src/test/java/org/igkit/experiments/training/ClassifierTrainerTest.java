package org.igkit.experiments.training;

import org.igkit.models.training.ClassifierTrainer;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training every architecture at toy size: reproducible files that load back as models. */
class ClassifierTrainerTest {

  @TempDir Path dir;

  /** The first 48 images of the committed block-mnist split: 1×56×28, ten classes. */
  private static TrainingSet toyData() {
    var data = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, 48, 0));
    int size = data.shape().size();
    float[] images = new float[data.size() * size];
    int[] labels = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      System.arraycopy(data.get(i).image(), 0, images, i * size, size);
      labels[i] = data.get(i).label();
    }
    return TrainingSet.ofFloats(data.shape(), 10, images, labels);
  }

  private ClassifierTrainer.Result train(TrainingSpec spec, String name, List<String> progress) {
    RandomSource random = RandomSource.of(3);
    ClassifierTrainer.startEngine(random);
    return new ClassifierTrainer(spec).train(toyData(), random, dir.resolve(name), System.nanoTime(), progress::add);
  }

  @ParameterizedTest
  @ValueSource(strings = {"small-cnn", "resnet", "vgg", "mobilenetv2"})
  void eachArchitectureTrainsReproduciblyAndLoadsBack(String architecture) throws Exception {
    TrainingSpec spec = new TrainingSpec(48, 1, 16, 0.002, 4, architecture, "cosine", 2);
    List<String> progress = new ArrayList<>();
    ClassifierTrainer.Result a = train(spec, "a.params", progress);
    ClassifierTrainer.Result b = train(spec, "b.params", new ArrayList<>());
    assertThat(a.steps()).isEqualTo(3);
    assertThat(progress).hasSize(2).last().asString().startsWith("batch norm statistics re-estimated on 2 batches");
    assertThat(Files.readAllBytes(b.file())).isEqualTo(Files.readAllBytes(a.file()));
    ModelSpec model = new ModelSpec(a.file().toString(), ModelSpec.DJL_BLOCK, architecture, 4, List.of(1, 56, 28), 10,
        null, null, null, null, null, null, null);
    try (DjlModelFunction f = DjlModelFunction.load(model)) {
      var data = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, 20, 0));
      assertThat(ClassifierTrainer.accuracy(f, data, 20, 8)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void reestimatingBatchNormChangesOnlyTheRunningStatistics() throws Exception {
    ClassifierTrainer.Result plain = train(new TrainingSpec(48, 1, 16, null, 4, "resnet", null, 0), "p.params", new ArrayList<>());
    ClassifierTrainer.Result bn = train(new TrainingSpec(48, 1, 16, null, 4, "resnet", null, 3), "q.params", new ArrayList<>());
    assertThat(Files.readAllBytes(bn.file())).isNotEqualTo(Files.readAllBytes(plain.file()));
    assertThat(bn.finalLoss()).isEqualTo(plain.finalLoss());
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(TrainingSpec.defaults())
        .isEqualTo(new TrainingSpec(12000, 5, 32, 0.002, 16, "small-cnn", "fixed", 0))
        .isEqualTo(new TrainingSpec(null, null, null, null, null));
    assertThatThrownBy(() -> new TrainingSpec(null, null, null, null, null, "alexnet", null, null))
        .hasMessageStartingWith("architecture: unknown 'alexnet' (known: small-cnn, resnet, vgg, mobilenetv2)");
    assertThatThrownBy(() -> new TrainingSpec(null, null, null, null, null, null, "step", null))
        .hasMessageContaining("schedule")
        .hasMessageContaining("step");
    assertThatThrownBy(() -> TrainingSet.ofBytes(org.igkit.api.model.Shape.of(1, 2, 2), 3, new byte[4], new int[] {3}))
        .hasMessage("label of image 0: must be in [0, 3), was 3");
  }
}
