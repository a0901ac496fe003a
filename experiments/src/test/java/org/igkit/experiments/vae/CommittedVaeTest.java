package org.igkit.experiments.vae;

import org.igkit.models.training.VaeTrainer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.models.latent.VaeCodec;
import org.igkit.models.latent.VaeFile;
import org.junit.jupiter.api.Test;

/**
 * The committed VAE of the {@code latent} path ({@code models/shapes-vae.params}, written by
 * {@code igkit train-vae} with the command in {@code models/shapes-vae.json}): it is small, fits
 * the shapes benchmark's images, and reconstructs unseen test images far better than the trivial
 * predictor, the mean training image.
 */
class CommittedVaeTest {

  static final Path PARAMS = Path.of("models", "shapes-vae.params");
  static final Path RECORD = Path.of("models", "shapes-vae.json");

  @Test
  void isSmallAndDescribedByItsRecord() throws Exception {
    assertThat(Files.size(PARAMS)).as("bytes").isLessThan(1 << 20);
    VaeFile.Header header = VaeFile.header(PARAMS);
    assertThat(header.shape()).isEqualTo(Shape.of(3, 32, 32));
    JsonNode record = new ObjectMapper().readTree(RECORD.toFile());
    assertThat(record.get("latentDim").asInt()).isEqualTo(header.latentDim());
    assertThat(record.get("width").asInt()).isEqualTo(header.width());
    assertThat(record.get("command").asText()).startsWith("./igkit train-vae ");
    assertThat(record.get("testReconstructionMse").asDouble())
        .isLessThan(record.get("testMeanImageMse").asDouble());
  }

  /**
   * On 100 test images (disjoint from training) the reconstruction error D(μ(x)) is less than
   * half the error of the mean of 500 training images.
   */
  @Test
  void reconstructsTestImagesBetterThanTheMeanImage() {
    ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), 0);
    List<float[]> test = data.images(ShapesDataset.Split.TEST, 0, 100);
    double meanImage = VaeTrainer.meanImageMse(data.images(ShapesDataset.Split.TRAIN, 0, 500), test);
    double vae;
    try (VaeCodec codec = VaeCodec.load(PARAMS)) {
      vae = VaeTrainer.reconstructionMse(codec, test);
    }
    assertThat(vae).as("VAE reconstruction MSE vs mean-image MSE %s", meanImage).isLessThan(0.5 * meanImage);
  }
}
