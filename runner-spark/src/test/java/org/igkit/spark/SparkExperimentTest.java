package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.util.LongAccumulator;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.results.RunFingerprint;
import org.igkit.runner.run.RunFolderMismatchException;
import org.igkit.runner.run.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark local mode ({@code local[2]}, two partitions) against the local runner: the same
 * experiment file gives the same {@code results.csv}, and a second Spark run resumes without
 * computing anything; the parts executors commit survive dead and duplicate task attempts and a
 * killed driver (the partition task driven directly, as Spark would run it), and a resumed run's
 * files are byte-identical to the local runner's whichever parts the killed driver left.
 */
class SparkExperimentTest {

  @RegisterExtension
  static final LocalSparkContext SPARK = new LocalSparkContext(LocalSpark.conf("igkit-spark-test"));

  private static String experiment() {
    return """
        name: spark-two-methods
        seed: 5
        %s
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
        """.formatted(LocalSpark.quickStartModelSection());
  }

  /** {@link #experiment()} in {@code tmp}. */
  private static Scene scene(Path tmp) throws IOException {
    return scene(tmp, experiment());
  }

  private static Scene scene(Path tmp, String experiment) throws IOException {
    return new Scene(SPARK.get(), tmp, "exp.yaml", experiment);
  }

  private static List<String> sortedRows(Path dir, String file) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(file));
    return java.util.stream.Stream.concat(
        lines.stream().limit(1), lines.stream().skip(1).sorted()).toList();
  }

  @Test
  void sparkMatchesTheLocalRunnerAndResumes(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();
    Path local = scene.local;
    Path spark = scene.spark;
    SparkExperiment.Outcome first = scene.runSpark(2);

    assertThat(first.computed()).isEqualTo(20L * 2);
    assertThat(first.executed()).isEqualTo(20L * 2);
    assertThat(first.skipped()).isZero();
    assertThat(first.recovered()).isZero();
    assertThat(spark.resolve(SparkParts.FOLDER)).as("merged parts are deleted").doesNotExist();
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
    SparkExperiment.Outcome second = scene.runSpark(2);
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
    Scene scene = new Scene(SPARK.get(), tmp, "faulty.yaml", yaml).runLocally();
    SparkExperiment.Outcome o = scene.runSpark(2);

    assertThat(o.summary().skippedSamples()).isEqualTo(1);
    assertThat(o.summary().skippedUnits()).isEqualTo(2);
    assertThat(Files.readAllBytes(scene.spark.resolve("results.csv")))
        .isEqualTo(Files.readAllBytes(scene.local.resolve("results.csv")));
    List<String> errors = Files.readAllLines(scene.spark.resolve("errors.csv"));
    assertThat(errors).isEqualTo(Files.readAllLines(scene.local.resolve("errors.csv")));
    assertThat(errors.subList(1, errors.size())).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("img2.png,").contains(",corrupt-image,"));
  }

  @Test
  void deadAndDuplicateTaskAttemptsLeaveTheLocalRunnersResults(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();
    assertThat(scene.work()).hasSize(20);
    Path job = scene.newJob();
    LongAccumulator counted = SPARK.get().sc().longAccumulator();
    PartitionTask task = scene.task(job, counted);
    List<SparkWork> first = scene.work().subList(0, 10);
    Path part = job.resolve(SparkParts.partName(0));

    // attempt 1 of partition 0 dies while writing: a cut results.csv, no list of groups, never committed
    PartitionTask.Written dead = task.write(0, 1, first.iterator());
    Path cut = dead.folder().resolve("results.csv");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), (int) Files.size(cut) / 2));
    Files.delete(dead.folder().resolve(SparkParts.GROUPS_FILE));
    assertThat(part).doesNotExist();

    // attempt 2 (Spark's retry) commits the partition
    assertThat(task.run(0, 2, first.iterator())).isEqualTo(new PartReport(0, 20, true));
    byte[] committed = Files.readAllBytes(part.resolve("results.csv"));

    // a speculative attempt 3 that finishes after attempt 2: discarded, the part unchanged
    PartitionTask.Written late = task.write(0, 3, first.iterator());
    assertThat(SparkParts.commit(late.folder(), part)).isFalse();
    assertThat(late.folder()).doesNotExist();
    assertThat(Files.readAllBytes(part.resolve("results.csv"))).isEqualTo(committed);

    // an attempt that starts after the commit computes nothing
    long before = counted.value();
    assertThat(task.run(0, 4, first.iterator())).isEqualTo(new PartReport(0, 0, false));
    assertThat(counted.value()).isEqualTo(before);

    assertThat(task.run(1, 5, scene.samples(10, 20))).isEqualTo(new PartReport(1, 20, true));

    // the next driver merges both parts and computes nothing; the dead attempt's folder is deleted
    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.executed()).isZero();
    assertThat(o.recovered()).isEqualTo(40);
    assertThat(o.computed()).isEqualTo(40);
    scene.assertSameResults();
  }

  @Test
  void partsCommittedBeforeTheDriverWasKilledAreMergedNotRecomputed(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();

    // a driver planned three partitions; two were committed, then it was killed before merging any
    PartitionTask task = scene.task(scene.newJob());
    task.run(0, 1, scene.samples(0, 7));
    task.run(1, 2, scene.samples(7, 14));

    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.recovered()).as("groups merged from the committed parts").isEqualTo(14 * 2);
    assertThat(o.executed()).as("groups computed on executors: only the uncommitted samples'").isEqualTo(6 * 2);
    assertThat(o.computed()).isEqualTo(40);
    assertThat(o.skipped()).isZero();
    scene.assertSameResults();
  }

  @Test
  void aPartMergedBeforeTheDriverWasKilledIsNotMergedTwice(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();

    Path job = scene.newJob();
    PartitionTask task = scene.task(job);
    task.run(0, 1, scene.samples(0, 7));
    task.run(1, 2, scene.samples(7, 14));
    // the driver merged part 0, then was killed before the part was deleted
    Path part = job.resolve(SparkParts.partName(0));
    Path copy = tmp.resolve("part-copy");
    copyTree(part, copy);
    scene.merge(part);
    assertThat(part).doesNotExist();
    copyTree(copy, part);

    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.skipped()).as("part 0's groups, merged before").isEqualTo(7 * 2);
    assertThat(o.recovered()).as("part 1's groups").isEqualTo(7 * 2);
    assertThat(o.executed()).isEqualTo(6 * 2);
    assertThat(o.computed()).isEqualTo(7 * 2 + 6 * 2);
    scene.assertSameResults();
  }

  @Test
  void partsCommittedAfterAGapTakeTheirPlaceInSampleOrder(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();

    // a driver planned four partitions of five samples: it merged part 0; partition 1 was still
    // running (an attempt folder, never committed) when the driver was killed; parts 2 and 3 were
    // committed but not merged
    Path job = scene.newJob();
    PartitionTask task = scene.task(job);
    task.run(0, 1, scene.samples(0, 5));
    task.write(1, 2, scene.samples(5, 10));
    task.run(2, 3, scene.samples(10, 15));
    task.run(3, 4, scene.samples(15, 20));
    scene.merge(job.resolve(SparkParts.partName(0)));

    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.skipped()).as("part 0's groups, merged before").isEqualTo(5 * 2);
    assertThat(o.recovered()).as("parts 2 and 3, merged after the gap").isEqualTo(10 * 2);
    assertThat(o.executed()).as("groups computed on executors: only the gap's, partition 1's").isEqualTo(5 * 2);
    assertThat(o.computed()).isEqualTo(15 * 2);
    scene.assertSameResults();
  }

  @Test
  void aJobThatFillsGapsAroundLeftoverPartsIsMergedInSampleOrderAfterAnotherKill(@TempDir Path tmp)
      throws Exception {
    Scene scene = scene(tmp).runLocally();

    // a first driver committed parts 1 and 3 of four (samples 5-9 and 15-19) and was killed
    PartitionTask firstTask = scene.task(scene.newJob());
    firstTask.run(1, 1, scene.samples(5, 10));
    firstTask.run(3, 2, scene.samples(15, 20));
    // a second driver computed the gaps (samples 0-4 and 10-14) in one partition, which spans the
    // leftover part 1, committed it and was killed before merging anything
    List<SparkWork> gaps = new java.util.ArrayList<>(scene.work().subList(0, 5));
    gaps.addAll(scene.work().subList(10, 15));
    scene.task(scene.newJob()).run(0, 3, gaps.iterator());

    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.executed()).as("nothing computed twice").isZero();
    assertThat(o.recovered()).isEqualTo(20L * 2);
    assertThat(o.computed()).isEqualTo(20L * 2);
    scene.assertSameResults();
  }

  @Test
  void oneJobPartitionMayHoldTheGapsOnBothSidesOfALeftoverPart(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();

    scene.task(scene.newJob()).run(1, 1, scene.samples(8, 12));

    // one partition computes samples 0-7 and 12-19; the leftover part's samples 8-11 go between
    SparkExperiment.Outcome o = scene.runSpark(1);
    assertThat(o.recovered()).isEqualTo(4 * 2);
    assertThat(o.executed()).isEqualTo(16 * 2);
    scene.assertSameResults();
  }

  @Test
  void aPartHalfMergedWhenTheDriverWasKilledIsMergedOnFromWhereItStopped(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp).runLocally();

    // parts 0 and 1 committed; the driver merged part 0 and the first three groups of part 1
    // (samples 5 and 6, IG), as it merges runs of groups in sample order, then was killed
    Path job = scene.newJob();
    PartitionTask task = scene.task(job);
    task.run(0, 1, scene.samples(0, 5));
    task.run(1, 2, scene.samples(5, 10));
    scene.merge((store, committer) -> {
      SparkParts.merge(job.resolve(SparkParts.partName(0)), scene.plan(), store, committer);
      SparkParts.Part part = SparkParts.Part.read(job.resolve(SparkParts.partName(1)), scene.plan());
      part.merge(part.keys().subList(0, 3), scene.plan(), committer);
    });

    SparkExperiment.Outcome o = scene.runSpark(2);
    assertThat(o.skipped()).isEqualTo(5 * 2 + 3);
    assertThat(o.recovered()).as("the rest of part 1").isEqualTo(5 * 2 - 3);
    assertThat(o.executed()).isEqualTo(10 * 2);
    scene.assertSameResults();
  }

  @Test
  void aPartOfAnotherConfigurationIsRefusedNotMerged(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp);
    Path job = scene.newJob();
    scene.task(job).run(0, 1, scene.samples(0, 2));
    Path part = job.resolve(SparkParts.partName(0));
    Path fingerprint = part.resolve("fingerprint.json");
    String stored = Files.readString(fingerprint);
    String sha = scene.plan().fingerprint().modelSha256();
    assertThat(stored).contains(sha);
    Files.writeString(fingerprint, stored.replace(sha, "0".repeat(sha.length())));

    assertThatThrownBy(() -> scene.runSpark(2))
        .isInstanceOf(RunFolderMismatchException.class)
        .hasMessageContaining(part.toString())
        .hasMessageContaining("model file (SHA-256)");
    assertThat(part).as("left as it was").isDirectory();
    assertThat(ResultsCsv.read(scene.spark)).as("nothing merged").isEmpty();
  }

  @Test
  void anExecutorWhoseModelFileIsNotTheDriversCommitsNothing(@TempDir Path tmp) throws Exception {
    Path committed = LocalSpark.quickStartModel();
    Path model = Files.copy(committed, tmp.resolve("model.params"));
    Scene scene = scene(tmp, experiment().replace(committed.toString(), model.toString()));
    Path job = scene.newJob();
    PartitionTask task = scene.task(job);
    // this executor finds another file at the driver's model path (a stale copy on its node): the
    // same network with one byte of its last weight changed, which loads and computes
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 1] ^= 1;
    Files.write(model, bytes);

    assertThatThrownBy(() -> task.run(0, 1, scene.samples(0, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(model.toString())
        .hasMessageContaining("SHA-256")
        .hasMessageContaining(scene.plan().fingerprint().modelSha256().substring(0, 16));
    assertThat(job.resolve(SparkParts.partName(0))).as("nothing committed under this run's fingerprint").doesNotExist();
    assertThat(SparkParts.attemptFolder(job, 0, 1)).doesNotExist();
  }

  @Test
  void anExecutorRunningAnotherIgkitBuildCommitsNothing(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp);
    RunPlan plan = scene.plan();
    Path job = scene.newJob();
    scene.task(job); // binds the run folder: its fingerprint.json
    // the driver's build, as an executor with another igkit ahead on its class path would not be
    String driver = Files.readString(scene.spark.resolve(RunFingerprint.FILE_NAME))
        .replace(plan.fingerprint().igkitCommit(), "f".repeat(40));
    PartitionTask task = new PartitionTask(RunPlan.yaml(plan.experiment().resolved()), scene.yaml.toString(),
        plan.model().file().toString(), driver, job.toString(), SPARK.get().sc().longAccumulator(),
        scene.listedData());

    assertThatThrownBy(() -> task.run(0, 1, scene.samples(0, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the driver's")
        .hasMessageContaining("f".repeat(40))
        .hasMessageContaining(plan.fingerprint().igkitCommit());
    assertThat(job.resolve(SparkParts.partName(0))).as("nothing committed under this run's fingerprint").doesNotExist();
    assertThat(SparkParts.attemptFolder(job, 0, 1)).doesNotExist();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (java.util.stream.Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void anExecutorThatCannotCreateItsAttemptFolderSaysWhereAndWhy(@TempDir Path tmp) throws Exception {
    Scene scene = scene(tmp);
    // the driver's job folder, not visible to this "executor" (no shared storage)
    Path job = scene.spark.resolve(SparkParts.FOLDER).resolve("job-0000000000001-00000001");
    PartitionTask task = scene.task(job);
    assertThatThrownBy(() -> task.run(3, 7, scene.work().iterator()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SparkParts.attemptFolder(job, 3, 7).toAbsolutePath().toString())
        .hasMessageContaining("does not exist there")
        .hasMessageContaining("every executor mounts at the same path");
  }

  /** Diagnostic rows (diag.…) of the local run: they are part of the schema, whatever their number. */
  private static int countDiagnostics(Path dir) throws Exception {
    return (int) Files.readAllLines(dir.resolve("results.csv")).stream().skip(1)
        .filter(l -> l.split(",", -1)[3].startsWith("diag.")).count();
  }

  @Test
  void withoutPartitionsAskedForAPartitionHoldsAtMostTheDefaultCapOfSamples() {
    int cap = SparkExperiment.MAX_DEFAULT_PARTITION_SAMPLES;
    assertThat(SparkExperiment.partitionCount(0, 2, 20)).isEqualTo(8); // four per core
    assertThat(SparkExperiment.partitionCount(0, 2, 5)).isEqualTo(5); // at most one per sample
    assertThat(SparkExperiment.partitionCount(0, 2, 0)).isEqualTo(1);
    for (int samples : new int[] {cap * 8, cap * 8 + 1, 1_400_000}) {
      int n = SparkExperiment.partitionCount(0, 2, samples);
      assertThat((samples + n - 1) / n).as("samples per partition for %d samples", samples).isLessThanOrEqualTo(cap);
    }
    assertThat(SparkExperiment.partitionCount(3, 2, 1_400_000)).isEqualTo(3); // asked for: as asked
  }
}
