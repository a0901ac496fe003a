package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.igkit.runner.Experiments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark local mode ({@code local[2]}, two partitions) against the local runner: the same
 * experiment file gives the same {@code results.csv}, and a second Spark run resumes without
 * computing anything.
 */
class SparkExperimentTest {

  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(new SparkConf()
        .setMaster("local[2]")
        .setAppName("igkit-spark-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.close();
    }
  }

  /** The committed quick-start model: small-cnn, width 16, 3×32×32, 4 classes. */
  private static Path model() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path model = base.resolve("../experiments/models/shapes-small-cnn.params").toAbsolutePath().normalize();
    assertThat(model).as("the committed quick-start model").isRegularFile();
    return model;
  }

  private static String experiment() {
    return """
        name: spark-two-methods
        seed: 5
        model:
          path: '%s'
          format: djl-block
          architecture: small-cnn
          width: 16
          inputShape: [3, 32, 32]
          numClasses: 4
          output: probability
        dataset:
          type: shapes
          split: test
          count: 64
          referenceCount: 4
          limit: 20
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: EG
            baselines: {type: uniform-noise, count: 2}
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
          - completeness-gap
        reference: IG
        batchSize: 16
        threads: 1
        """.formatted(model());
  }

  private static List<String> sortedRows(Path dir, String file) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(file));
    return java.util.stream.Stream.concat(
        lines.stream().limit(1), lines.stream().skip(1).sorted()).toList();
  }

  @Test
  void sparkMatchesTheLocalRunnerAndResumes(@TempDir Path tmp) throws Exception {
    Path yaml = Files.writeString(tmp.resolve("exp.yaml"), experiment());
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");

    Experiments.run(yaml, local);
    SparkExperiment.Outcome first = SparkExperiment.run(sc, yaml, spark, 2);

    assertThat(first.computed()).isEqualTo(20L * 2);
    assertThat(first.executed()).isEqualTo(20L * 2);
    assertThat(first.skipped()).isZero();
    assertThat(sortedRows(local, "results.csv")).hasSize(1 + 20 * 2 * 2 + countDiagnostics(local))
        .isEqualTo(sortedRows(spark, "results.csv"));
    assertThat(sortedRows(spark, "curves.csv")).isEqualTo(sortedRows(local, "curves.csv"));
    // Same order of groups as the local runner (sample order, then cell order): byte-identical.
    assertThat(Files.readAllBytes(spark.resolve("results.csv"))).isEqualTo(Files.readAllBytes(local.resolve("results.csv")));
    assertThat(Files.readString(spark.resolve("summary.csv"))).isEqualTo(Files.readString(local.resolve("summary.csv")));
    assertThat(Files.readString(spark.resolve("provenance.json"))).contains("\"spark\"").contains("local[2]");
    // the executors' compute backend, as they reported it
    assertThat(Files.readString(spark.resolve("provenance.json"))).contains("\"backend\" : \"java\"");

    byte[] results = Files.readAllBytes(spark.resolve("results.csv"));
    byte[] journal = Files.readAllBytes(spark.resolve("done.csv"));
    SparkExperiment.Outcome second = SparkExperiment.run(sc, yaml, spark, 2);
    assertThat(second.computed()).isZero();
    assertThat(second.executed()).as("groups computed on executors").isZero();
    assertThat(second.skipped()).isEqualTo(20L * 2);
    assertThat(Files.readAllBytes(spark.resolve("results.csv"))).isEqualTo(results);
    assertThat(Files.readAllBytes(spark.resolve("done.csv"))).isEqualTo(journal);
  }

  @Test
  void aFaultySampleIsTheSameErrorRowUnderSparkAsLocally(@TempDir Path tmp) throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 4; i++) {
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(img, "png", png);
      byte[] bytes = png.toByteArray();
      Files.write(images.resolve("img" + i + ".png"), i == 2 ? java.util.Arrays.copyOf(bytes, bytes.length / 2) : bytes);
    }
    String yaml = experiment()
        .replaceFirst("(?s)dataset:.*?methods:", "dataset: {type: image-folder, path: images}\nmethods:");
    Path file = Files.writeString(tmp.resolve("faulty.yaml"), yaml);
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");

    Experiments.run(file, local);
    SparkExperiment.Outcome o = SparkExperiment.run(sc, file, spark, 2);

    assertThat(o.summary().skippedSamples()).isEqualTo(1);
    assertThat(o.summary().skippedUnits()).isEqualTo(2);
    assertThat(Files.readAllBytes(spark.resolve("results.csv"))).isEqualTo(Files.readAllBytes(local.resolve("results.csv")));
    List<String> errors = Files.readAllLines(spark.resolve("errors.csv"));
    assertThat(errors).isEqualTo(Files.readAllLines(local.resolve("errors.csv")));
    assertThat(errors.subList(1, errors.size())).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("img2.png,").contains(",corrupt-image,"));
  }

  /** Diagnostic rows (diag.…) of the local run: they are part of the schema, whatever their number. */
  private static int countDiagnostics(Path dir) throws Exception {
    return (int) Files.readAllLines(dir.resolve("results.csv")).stream().skip(1)
        .filter(l -> l.split(",", -1)[3].startsWith("diag.")).count();
  }
}
