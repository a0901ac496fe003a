package org.igkit.experiments.training;

import org.igkit.models.training.TrainingSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.block.SmallCnn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesTrainerTest {

  @TempDir Path dir;

  private static final ShapesDataset DATA = new ShapesDataset(ShapesDataset.Spec.defaults(), 1);
  private static final TrainingSpec SPEC = new TrainingSpec(800, 3, 32, null, 8);

  @Test
  void trainingLowersTheLossAndIsReproducible() throws Exception {
    var trainer = new ShapesTrainer(SPEC);
    List<String> epochs = new ArrayList<>();
    var a = trainer.train(DATA, RandomSource.of(5), dir.resolve("a.params"), epochs::add);
    var b = trainer.train(DATA, RandomSource.of(5), dir.resolve("b.params"), line -> {});
    assertThat(a.steps()).isEqualTo(3 * 25);
    assertThat(epochs).hasSize(3);
    double[] losses = epochs.stream()
        .mapToDouble(l -> Double.parseDouble(l.replaceFirst("^epoch \\d+/\\d+: mean loss ([0-9.]+) .*$", "$1")))
        .toArray();
    assertThat(losses[1]).isLessThan(losses[0]);
    assertThat(losses[2]).isLessThan(losses[1]);
    assertThat(Files.readAllBytes(b.file())).isEqualTo(Files.readAllBytes(a.file()));
    ModelSpec spec = ModelSpec.builder().setPath(a.file().toString()).setInputShape(3, 32, 32)
        .optFormat(ModelSpec.DJL_BLOCK).optBlock(SmallCnn.TYPE, 8).optNumClasses(4).build();
    try (DjlModelFunction model = DjlModelFunction.load(spec)) {
      double accuracy = ShapesTrainer.accuracy(model, DATA.samples(ShapesDataset.Split.TEST, 0, 64), 64);
      assertThat(accuracy).isBetween(0.0, 1.0);
    }
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(TrainingSpec.defaults()).isEqualTo(new TrainingSpec(12000, 5, 32, 0.002, 16));
    assertThatThrownBy(() -> new TrainingSpec(null, null, null, 0.0, null))
        .hasMessage("learningRate: must be > 0 and finite, was 0.0");
  }
}
