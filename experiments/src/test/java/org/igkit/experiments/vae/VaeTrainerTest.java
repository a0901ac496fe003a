package org.igkit.experiments.vae;

import org.igkit.models.training.VaeTrainer;
import org.igkit.models.training.VaeTrainingSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.models.latent.VaeCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAE training recipe on a tiny budget: seeded (identical files), learning, loadable. */
class VaeTrainerTest {

  @TempDir Path dir;

  @Test
  void sameSeedGivesIdenticalParametersAndTheLossFalls() throws Exception {
    ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), 0);
    VaeTrainingSpec spec = new VaeTrainingSpec(256, 3, 32, 0.003, 4, 4, null);
    List<String> lines = new ArrayList<>();
    VaeTrainer.Result a = new VaeTrainer(spec).train(data.shape(), i -> data.sample(ShapesDataset.Split.TRAIN, i).image(), RandomSource.of(5), dir.resolve("a.params"), lines::add);
    VaeTrainer.Result b = new VaeTrainer(spec).train(data.shape(), i -> data.sample(ShapesDataset.Split.TRAIN, i).image(), RandomSource.of(5), dir.resolve("b.params"), s -> { });
    assertThat(Files.readAllBytes(b.file())).isEqualTo(Files.readAllBytes(a.file()));
    assertThat(b.finalLoss()).isEqualTo(a.finalLoss());
    assertThat(lines).hasSize(3);
    assertThat(a.steps()).isEqualTo(3 * 8);
    double first = Double.parseDouble(lines.get(0).replaceAll(".*: loss ([0-9.]+) .*", "$1"));
    assertThat(a.finalLoss()).as("last epoch's loss vs the first's").isLessThan(first);
    try (VaeCodec codec = VaeCodec.load(a.file())) {
      assertThat(codec.latentDim()).isEqualTo(4);
      List<float[]> images = data.images(ShapesDataset.Split.TEST, 0, 8);
      assertThat(VaeTrainer.reconstructionMse(codec, images)).isFinite();
    }
  }
}
