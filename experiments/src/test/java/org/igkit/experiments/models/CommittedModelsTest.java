package org.igkit.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.igkit.api.data.Dataset;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.experiments.data.FashionOnTextureBenchmark;
import org.igkit.experiments.data.ShapesBenchmark;
import org.igkit.models.training.ClassifierTrainer;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every classifier committed under {@code experiments/models/}: it loads as the {@code djl-block} its
 * JSON record describes, scores on its benchmark's evaluation split exactly the accuracy the
 * record states, clearly beats chance, and stays small. The quick-start model must reach 80 %.
 */
class CommittedModelsTest {

  static Path models() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "models").toAbsolutePath();
  }

  /** The records of classifiers ({@code igkit train}); other models (e.g. a VAE) keep their own tests. */
  static List<Path> records() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(models())) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        if (BlockArchitectures.ids().contains(new ObjectMapper().readTree(f.toFile()).path("architecture").asText())) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** The record's input shape; records of shapes models written before it was recorded mean 3×32×32. */
  static List<Integer> inputShape(JsonNode r) {
    List<Integer> shape = new ArrayList<>();
    r.path("inputShape").forEach(v -> shape.add(v.asInt()));
    return shape.isEmpty() ? List.of(3, 32, 32) : shape;
  }

  static int numClasses(JsonNode r) {
    return r.path("numClasses").asInt(4);
  }

  static ModelSpec spec(Path params, JsonNode r) {
    List<Integer> shape = inputShape(r);
    return ModelSpec.builder().setPath(params.toString()).setInputShape(shape.get(0), shape.get(1), shape.get(2))
        .optFormat(ModelSpec.DJL_BLOCK).optBlock(r.get("architecture").asText(), r.get("width").asInt())
        .optNumClasses(numClasses(r)).optOutput(ModelSpec.PROBABILITY).optThreads(1, 1).build();
  }

  /** The evaluation split the record's accuracy was measured on. */
  static Dataset evaluation(JsonNode r) {
    int n = r.get("testImages").asInt();
    return switch (r.path("dataset").asText("shapes")) {
      case "fashion-on-texture" -> new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(null, n, 0));
      case "block-mnist" -> new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, n, 0));
      default -> new ShapesBenchmark(new ShapesBenchmark.Spec(r.get("dataSeed").asLong(), "test", n, 0, null, null));
    };
  }

  static double accuracy(Path params, JsonNode r) {
    Dataset data = evaluation(r);
    try (DjlModelFunction model = DjlModelFunction.load(spec(params, r))) {
      return ClassifierTrainer.accuracy(model, data, data.size(), 50);
    }
  }

  @Test
  void theQuickStartModelReaches80PercentOnTheShapesTestSplit() throws Exception {
    Path params = models().resolve("shapes-small-cnn.params");
    JsonNode r = new ObjectMapper().readTree(models().resolve("shapes-small-cnn.json").toFile());
    assertThat(r.get("testImages").asInt()).isEqualTo(200);
    double accuracy = accuracy(params, r);
    assertThat(accuracy).as("quick-start model accuracy on 200 shapes test images").isGreaterThanOrEqualTo(0.80);
    assertThat(accuracy).isEqualTo(r.get("testAccuracy").asDouble());
  }

  @Test
  void thereIsAModelOfEveryArchitectureFamily() throws Exception {
    assertThat(records()).hasSizeGreaterThanOrEqualTo(4);
    List<String> architectures = new ArrayList<>();
    for (Path json : records()) {
      architectures.add(new ObjectMapper().readTree(json.toFile()).get("architecture").asText());
    }
    assertThat(architectures).contains("small-cnn", "resnet", "vgg", "mobilenetv2");
  }

  @ParameterizedTest
  @MethodSource("records")
  void eachModelLoadsScoresItsRecordedAccuracyAndBeatsChance(Path json) throws Exception {
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    Path params = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".params"));
    assertThat(params).isRegularFile();
    assertThat(Files.size(params)).as("parameter bytes").isLessThanOrEqualTo(1 << 20);
    assertThat(r.get("command").asText()).startsWith("./igkit train ");
    double accuracy = accuracy(params, r);
    double chance = 1.0 / numClasses(r);
    assertThat(accuracy).as("%s accuracy (chance %.2f)", json.getFileName(), chance).isGreaterThanOrEqualTo(3 * chance);
    assertThat(accuracy).as("%s recorded accuracy", json.getFileName())
        .isCloseTo(r.get("testAccuracy").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
  }
}
