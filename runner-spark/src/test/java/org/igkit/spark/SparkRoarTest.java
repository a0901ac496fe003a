package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.experiments.roar.RoarResults;
import org.igkit.experiments.roar.RoarStudy;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ROAR in Spark local mode ({@code local[2]}: two retrainings at once in one JVM) against the local
 * {@link RoarStudy}: a tiny study (IG and {@code random}, two ratios, one epoch, 16 training and 8
 * test images) gives the same result folder, and a rerun trains only the rows missing.
 */
class SparkRoarTest {

  private static final RoarStudy.Settings SETTINGS = new RoarStudy.Settings(List.of(0.3, 0.7), 1, 16, 8, 8, 0.002);

  @RegisterExtension
  static final LocalSparkContext SPARK = new LocalSparkContext(LocalSpark.conf("igkit-spark-roar-test"));

  private static Path experiment(Path dir) throws Exception {
    return Files.writeString(dir.resolve("roar.yaml"), """
        name: spark-roar
        seed: 11
        %s
        dataset:
          type: shapes
          split: test
          count: 32
          limit: 8
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        metrics:
          - completeness-gap
        batchSize: 8
        threads: 1
        """.formatted(LocalSpark.quickStartModelSection()));
  }

  @Test
  void sparkGivesTheLocalStudysFolderAndResumes(@TempDir Path tmp) throws Exception {
    Path yaml = experiment(tmp);
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    PluginRegistry registry = PluginLoader.registry();
    RoarStudy.Outcome expected = new RoarStudy(registry, new ExperimentLoader(registry).load(yaml), SETTINGS)
        .run(local, line -> {});

    SparkRoar.Outcome first = SparkRoar.run(SPARK.get(), yaml, spark, SETTINGS, line -> {});

    assertThat(first.trained()).isEqualTo(4);
    assertThat(first.skipped()).isZero();
    assertThat(first.mapsComputed()).as("one attribution task per method").isEqualTo(2);
    assertThat(first.retrained()).as("one retraining per (method, ratio)").isEqualTo(4);
    List<String> rows = Files.readAllLines(local.resolve(RoarResults.ROWS_FILE));
    assertThat(rows).hasSize(1 + 4);
    assertThat(rows.subList(1, 5)).extracting(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
        .containsExactly("IG,0.3", "IG,0.7", "random,0.3", "random,0.7");
    for (String f : List.of(RoarResults.ROWS_FILE, RoarResults.AREA_FILE, RoarResults.SETTINGS_FILE, RoarResults.SUMMARY_FILE)) {
      assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(local.resolve(f)));
    }
    assertThat(first.areas()).isEqualTo(expected.areas());
    assertThat(first.baseAccuracy()).isEqualTo(expected.baseAccuracy());
    assertThat(files(spark.resolve("models"))).isEqualTo(files(local.resolve("models"))).hasSize(4);
    assertThat(spark.resolve(RoarJob.MAPS_FOLDER)).as("the saliency files are removed when every row is done").doesNotExist();

    // A study stopped after IG's rows: the rerun attributes and trains only random's.
    List<String> sparkRows = Files.readAllLines(spark.resolve(RoarResults.ROWS_FILE));
    Files.writeString(spark.resolve(RoarResults.ROWS_FILE), String.join("\n", sparkRows.subList(0, 3)) + "\n");
    SparkRoar.Outcome resumed = SparkRoar.run(SPARK.get(), yaml, spark, SETTINGS, line -> {});
    assertThat(resumed.skipped()).isEqualTo(2);
    assertThat(resumed.trained()).isEqualTo(2);
    assertThat(resumed.mapsComputed()).isEqualTo(1);
    assertThat(resumed.retrained()).isEqualTo(2);
    assertThat(Files.readAllBytes(spark.resolve(RoarResults.ROWS_FILE)))
        .isEqualTo(Files.readAllBytes(local.resolve(RoarResults.ROWS_FILE)));

    SparkRoar.Outcome done = SparkRoar.run(SPARK.get(), yaml, spark, SETTINGS, line -> {});
    assertThat(done.skipped()).isEqualTo(4);
    assertThat(done.trained()).isZero();
    assertThat(done.mapsComputed()).isZero();
    assertThat(done.retrained()).isZero();
    assertThat(Files.readAllBytes(spark.resolve(RoarResults.ROWS_FILE)))
        .isEqualTo(Files.readAllBytes(local.resolve(RoarResults.ROWS_FILE)));
    assertThat(Files.readAllBytes(spark.resolve(RoarResults.AREA_FILE)))
        .isEqualTo(Files.readAllBytes(local.resolve(RoarResults.AREA_FILE)));
  }

  @Test
  void aFolderOfOtherSettingsIsRefusedBeforeAnyTaskRuns(@TempDir Path tmp) throws Exception {
    Path yaml = experiment(tmp);
    Path out = tmp.resolve("out");
    RoarResults.open(out, java.util.Map.of("epochs", "9"));
    assertThatThrownBy(() -> SparkRoar.run(SPARK.get(), yaml, out, SETTINGS, line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other settings").hasMessageContaining("epochs (was 9, now 1)");
    assertThat(Files.readAllLines(out.resolve(RoarResults.ROWS_FILE))).hasSize(1);
    assertThat(out.resolve("models")).doesNotExist();
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
