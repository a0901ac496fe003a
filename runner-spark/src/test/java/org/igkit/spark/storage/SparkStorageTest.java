package org.igkit.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.igkit.runner.Experiments;
import org.igkit.spark.SparkExperiment;
import org.igkit.spark.LocalSpark;
import org.igkit.spark.LocalSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image folder on Spark (local mode, three partitions) read through URIs: through Hadoop's
 * {@code file://} it gives the local runner's {@code results.csv} and {@code fingerprint.json} (so
 * the same data hash) on the plain path, byte for byte; and, read through a storage that records
 * its calls, the folders are listed on the driver only — as often for three partitions as the
 * local runner lists them — and each executor opens only its own samples' images and masks, each
 * once.
 */
class SparkStorageTest {

  @RegisterExtension
  static final LocalSparkContext SPARK = new LocalSparkContext(LocalSpark.conf("igkit-spark-storage-test"));

  @TempDir Path tmp;

  private Path experiment(String name, String images, String masks) throws Exception {
    return Files.writeString(tmp.resolve(name + ".yaml"), """
        name: storage
        seed: 5
        %s
        dataset: {type: image-folder, path: '%s', masks: '%s'}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
          - completeness-gap
        batchSize: 16
        threads: 1
        """.formatted(LocalSpark.quickStartModelSection(), images, masks));
  }

  @Test
  void aFileUriThroughHadoopGivesTheLocalRunnersFilesOnThePlainPath() throws Exception {
    ImageFolders.write(tmp, 32, 11);
    Path plain = experiment("plain", tmp.resolve("images").toString(), tmp.resolve("masks").toString());
    Path uris = experiment("uris", tmp.resolve("images").toUri().toString(), tmp.resolve("masks").toUri().toString());
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");

    Experiments.run(plain, local);
    SparkExperiment.Outcome o = SparkExperiment.run(SPARK.get(), uris, spark, 3);

    assertThat(o.executed()).isEqualTo(ImageFolders.IMAGES.size());
    assertThat(Files.readAllBytes(spark.resolve("results.csv"))).isEqualTo(Files.readAllBytes(local.resolve("results.csv")));
    assertThat(Files.readAllLines(local.resolve("results.csv"))).hasSizeGreaterThan(ImageFolders.IMAGES.size());
    assertThat(Files.readAllBytes(spark.resolve("fingerprint.json")))
        .as("the same configuration (paths aside) and the same data hash")
        .isEqualTo(Files.readAllBytes(local.resolve("fingerprint.json")));
  }

  @Test
  void theDriverListsOnceAndEachExecutorOpensOnlyItsSamplesFiles() throws Exception {
    ImageFolders.write(tmp, 32, 12);
    String images = "counted:" + tmp.resolve("images").toUri().toString().substring("file:".length());
    String masks = "counted:" + tmp.resolve("masks").toUri().toString().substring("file:".length());
    String root = "counted:" + tmp.toUri().toString().substring("file:".length());

    Experiments.run(experiment("local", images, masks), tmp.resolve("local"));
    long localListings = CountingStorage.calls(root).stream().filter(c -> c.what().equals("list")).count();
    int before = CountingStorage.calls(root).size();
    SparkExperiment.run(SPARK.get(), experiment("spark", images, masks), tmp.resolve("spark"), 3);
    List<CountingStorage.Call> calls = CountingStorage.calls(root).subList(before, CountingStorage.calls(root).size());

    List<CountingStorage.Call> listings = calls.stream().filter(c -> c.what().equals("list")).toList();
    assertThat(listings).as("no executor lists").noneMatch(CountingStorage.Call::onExecutor);
    assertThat(listings).as("the driver lists as often as the local runner, whatever the partitions")
        .hasSize((int) localListings);
    assertThat(listings.stream().map(CountingStorage.Call::location).distinct())
        .containsExactlyInAnyOrder(images, masks);

    List<String> executorOpens = calls.stream().filter(CountingStorage.Call::onExecutor)
        .map(CountingStorage.Call::location).toList();
    List<String> expected = ImageFolders.IMAGES.stream().flatMap(id -> java.util.stream.Stream.of(
        images + id, masks + id.substring(0, id.lastIndexOf('.')) + ".png")).toList();
    assertThat(executorOpens).as("each sample's image and mask, once, on an executor")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(executorOpens.stream().collect(Collectors.toSet())).hasSize(expected.size());
  }
}
