package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.igkit.runner.data.ImageFolderDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code validate} (and so {@code run}, before anything is computed) checks about data: an
 * image folder's folders exist, its images are read from their headers against the model's input
 * and the pixel bound, metrics that need masks get a data set with masks, and a data-set location
 * is a local path or a URI that a storage on the class path reads ({@code file:} here), never a URI
 * that fails only when the run reads it; a model path is a local path, never a URI.
 */
class DataChecksTest {

  @TempDir Path dir;

  private final ExperimentLoader loader = new ExperimentLoader(TestPlugins.registry());

  private Path experiment(String dataset, String metrics) throws IOException {
    Path model = TestPlugins.resources("models").resolve("tiny.pt");
    return Files.writeString(dir.resolve("e.yaml"), "name: e\nmodel: {path: " + model + ", inputShape: [3, 8, 8]}\n"
        + "dataset: " + dataset + "\nmethods:\n  - name: IG\n    baselines: black\n" + metrics);
  }

  private static void png(Path file, int w, int h) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
  }

  private List<ConfigError> errors(Path yaml) {
    return loader.validate(yaml);
  }

  @Test
  void aMissingImageFolderIsALocatedErrorNamingThePath() throws IOException {
    Path yaml = experiment("{type: image-folder, path: no-such-folder}", "");

    assertThat(errors(yaml)).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.yamlPath()).isEqualTo("dataset.path");
      assertThat(e.message()).isEqualTo("folder not found: " + dir.resolve("no-such-folder"));
    });
  }

  @Test
  void missingMaskReferenceFoldersAndLabelFileAreErrorsToo() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    Path yaml = experiment("{type: image-folder, path: images, masks: m, reference: r, labels: l.csv}", "");

    assertThat(errors(yaml)).extracting(ConfigError::yamlPath, ConfigError::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dataset.masks", "folder not found: " + dir.resolve("m")),
        org.assertj.core.groups.Tuple.tuple("dataset.reference", "folder not found: " + dir.resolve("r")),
        org.assertj.core.groups.Tuple.tuple("dataset.labels", "file not found: " + dir.resolve("l.csv")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlap-auc", "localization", "localization-f1", "localization-mae"})
  void aMetricThatNeedsMasksWithoutMasksIsAnErrorNamingTheMetric(String metric) throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    Path yaml = experiment("{type: image-folder, path: images}", "metrics:\n  - deletion-auc\n  - " + metric + "\n");

    assertThat(errors(yaml)).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(9);
      assertThat(e.yamlPath()).isEqualTo("metrics[1]");
      assertThat(e.message()).startsWith("'" + metric + "' compares maps with ground-truth masks, but the data set has none")
          .contains("dataset.masks");
    });
  }

  @Test
  void withMasksTheSameMetricIsFine() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    png(dir.resolve("masks/a.png"), 8, 8);
    Path yaml = experiment("{type: image-folder, path: images, masks: masks}", "metrics: [overlap-auc]\n");

    assertThat(errors(yaml)).isEmpty();
  }

  @Test
  void anImageOfTooManyPixelsIsRefusedFromItsHeaderWithoutDecoding() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    Files.write(dir.resolve("images/huge.png"), org.igkit.runner.data.ImageFolderDatasetTest.hugePngHeader(26_000, 26_000));
    Path yaml = experiment("{type: image-folder, path: images}", "");

    assertThat(errors(yaml)).singleElement().satisfies(e -> {
      assertThat(e.yamlPath()).isEqualTo("dataset.path");
      assertThat(e.message()).isEqualTo("huge.png: the image is 26000×26000 pixels (676.0 megapixels), more than the 50"
          + " megapixels igkit decodes; shrink the file");
    });
  }

  @Test
  void theSizeIsTheModelsInputAndAFolderWhereNoImageFitsIsAnErrorWithoutResize() throws IOException {
    png(dir.resolve("images/a.png"), 300, 150);
    png(dir.resolve("images/b.png"), 300, 150);

    assertThat(errors(experiment("{type: image-folder, path: images}", ""))).singleElement().satisfies(e -> {
      assertThat(e.yamlPath()).isEqualTo("dataset.resize");
      assertThat(e.message()).contains("no selected image has the model's input size 8×8 (a.png is 300×150)")
          .contains("set resize: bilinear");
    });
    Experiment resized = loader.load(experiment("{type: image-folder, path: images, resize: bilinear}", ""));
    ImageFolderDataset.Spec spec = (ImageFolderDataset.Spec) resized.dataset().spec();
    assertThat(List.of(spec.channels(), spec.height(), spec.width())).containsExactly(3, 8, 8);
    assertThat(spec.resize()).isEqualTo("bilinear");
  }

  @Test
  void oneImageOfAnotherSizeAmongFittingOnesIsLeftToTheRunAsASampleFault() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    png(dir.resolve("images/b.png"), 300, 150);

    assertThat(errors(experiment("{type: image-folder, path: images}", ""))).isEmpty();
  }

  @Test
  void givenSizesMustMatchTheModelAndReferenceImagesMustFitWithoutResize() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    png(dir.resolve("ref/r.png"), 16, 16);
    Path yaml = experiment("{type: image-folder, path: images, reference: ref, channels: 1, height: 16}", "");

    assertThat(errors(yaml)).extracting(ConfigError::yamlPath).containsExactly(
        "dataset.reference", "dataset.channels", "dataset.height");
    assertThat(errors(yaml).get(2).message())
        .isEqualTo("is 16 but the model takes 3×8×8 inputs (model.inputShape); leave it out to use the model's");
    assertThat(errors(yaml).get(0).message()).startsWith("r.png: is 16×16 pixels but the model takes 8×8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs://namenode/data/images", "s3://bucket/images", "HTTP://x/y"})
  void aUriOfASchemeNoStorageReadsIsALocatedErrorNamingTheSchemeAndSpark(String uri) throws IOException {
    Path yaml = experiment("{type: image-folder, path: '" + uri + "'}", "");
    String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(java.util.Locale.ROOT);

    assertThat(errors(yaml)).singleElement().satisfies(e -> {
      assertThat(e.yamlPath()).isEqualTo("dataset.path");
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.message()).startsWith("is a " + scheme + ": URI, and no storage on this class path reads " + scheme
              + ": URIs")
          .contains("on Spark (runner-spark)")
          .contains("relative to the experiment file (data/images) or absolute (/data/images)");
    });
  }

  @Test
  void aFileUriIsReadThroughTheLocalStorageAndCheckedLikeAPath() throws IOException {
    png(dir.resolve("images/a.png"), 8, 8);
    png(dir.resolve("masks/a.png"), 8, 8);
    String images = dir.resolve("images").toUri().toString();
    String masks = dir.resolve("masks").toUri().toString();
    Path good = experiment("{type: image-folder, path: '" + images + "', masks: '" + masks + "'}", "");
    assertThat(errors(good)).isEmpty();
    assertThat(loader.load(good).dataset().spec()).isInstanceOfSatisfying(ImageFolderDataset.Spec.class,
        spec -> assertThat(spec.path()).as("a URI is passed on as written").isEqualTo(images));

    String missing = dir.resolve("no-such-folder").toUri().toString();
    Path bad = experiment("{type: image-folder, path: '" + missing + "'}", "");
    assertThat(errors(bad)).singleElement().satisfies(e -> {
      assertThat(e.yamlPath()).isEqualTo("dataset.path");
      assertThat(e.message()).isEqualTo("folder not found: " + missing);
    });
  }

  @Test
  void aModelUriIsRefusedToo() throws IOException {
    Path yaml = Files.writeString(dir.resolve("m.yaml"), "name: e\nmodel: {path: 'hdfs://nn/models/m.pt', inputShape: [3, 8, 8]}\n"
        + "dataset: test-shapes\nmethods:\n  - name: IG\n    baselines: black\n");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(yaml));
    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.yamlPath()).isEqualTo("model.path");
      assertThat(x.message()).startsWith("is a hdfs: URI; igkit reads local files only");
    });
  }
}
