package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose output is larger than {@code spark.driver.maxResultSize} (set to its minimum, 1 MiB):
 * the executors write their saved attribution maps and rows into the run folder themselves, so the
 * job completes, with the local runner's results and maps.
 */
class SparkLargeOutputTest {

  private static final long MAX_RESULT_SIZE = 1L << 20;

  @RegisterExtension
  static final LocalSparkContext SPARK =
      new LocalSparkContext(LocalSpark.conf("igkit-spark-large-output-test").set("spark.driver.maxResultSize", "1m"));

  private static String experiment() {
    return """
        name: spark-large-output
        seed: 3
        %s
        dataset:
          type: shapes
          split: test
          count: 64
          limit: 32
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 2}
          - name: EG
            baselines: {type: uniform-noise, count: 3}
            stepRule: {type: riemann, steps: 2}
        metrics:
          - completeness-gap
        saveAttributions: true
        batchSize: 16
        threads: 1
        """.formatted(LocalSpark.quickStartModelSection());
  }

  private static long bytesUnder(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void outputBeyondTheDriversMaxResultSizeCompletesWithTheLocalRunnersResults(@TempDir Path tmp) throws Exception {
    Scene scene = new Scene(SPARK.get(), tmp, "exp.yaml", experiment()).runLocally();
    Path local = scene.local;
    Path spark = scene.spark;

    SparkExperiment.Outcome o = scene.runSpark(2);

    assertThat(o.executed()).isEqualTo(32L * 2);
    assertThat(bytesUnder(spark.resolve("attributions")))
        .as("the saved maps alone exceed spark.driver.maxResultSize")
        .isGreaterThan(MAX_RESULT_SIZE);
    for (String file : new String[] {"results.csv", "curves.csv"}) {
      assertThat(Files.readAllBytes(spark.resolve(file))).as(file).isEqualTo(Files.readAllBytes(local.resolve(file)));
    }
    try (Stream<Path> s = Files.walk(local.resolve("attributions"))) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Path same = spark.resolve(local.relativize(f).toString());
        assertThat(Files.readAllBytes(same)).as(same.toString()).isEqualTo(Files.readAllBytes(f));
      }
    }
    assertThat(bytesUnder(spark.resolve("attributions"))).isEqualTo(bytesUnder(local.resolve("attributions")));
  }
}
