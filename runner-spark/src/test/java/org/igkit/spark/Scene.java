package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.Experiments;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.run.Committer;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.RunPlan;
import org.igkit.spark.storage.ListedData;

/**
 * One experiment file run on Spark, in a test's temporary folder: the file, the run folder Spark
 * writes ({@link #spark}) and, where a test compares with it, the local runner's run of the same
 * file ({@link #local}). To leave behind what killed drivers and executors would, it also holds the
 * driver's plan of the Spark run folder and its work, one entry a sample in sample order, and makes
 * that run's job folders, partition tasks and merges of committed parts.
 */
final class Scene {

  /** What a driver does with the committer of the run folder's result store. */
  interface Merge {
    void run(ResultStore store, Committer committer) throws Exception;
  }

  /** The experiment file. */
  final Path yaml;
  /** The local runner's run folder, {@code local} beside the experiment file. */
  final Path local;
  /** The Spark run folder, {@code spark} beside the experiment file. */
  final Path spark;

  private final JavaSparkContext sc;
  private RunPlan plan;
  private List<SparkWork> work;

  /** Writes {@code experiment} to {@code dir/file}. */
  Scene(JavaSparkContext sc, Path dir, String file, String experiment) throws IOException {
    this.sc = sc;
    this.yaml = Files.writeString(dir.resolve(file), experiment);
    this.local = dir.resolve("local");
    this.spark = dir.resolve("spark");
  }

  /** Runs the experiment with the local runner into {@link #local}. */
  Scene runLocally() throws Exception {
    Experiments.run(yaml, local);
    return this;
  }

  /** Runs the experiment on Spark into {@link #spark}, in {@code partitions} partitions. */
  SparkExperiment.Outcome runSpark(int partitions) throws Exception {
    return SparkExperiment.run(sc, yaml, spark, partitions);
  }

  /** The plan the driver makes for the experiment into {@link #spark}, made (and the folder created) once. */
  RunPlan plan() {
    if (plan == null) {
      PluginRegistry registry = PluginLoader.registry();
      plan = RunPlan.of(registry, new ExperimentLoader(registry).load(yaml), spark);
      plan.createOutput();
      work = SparkExperiment.work(plan, Set.of(), new long[1]);
    }
    return plan;
  }

  /** The plan's work, with nothing done yet: one entry a sample, in sample order. */
  List<SparkWork> work() {
    plan();
    return work;
  }

  /** The work of samples {@code from} (inclusive) to {@code to} (exclusive), as a partition gets it. */
  Iterator<SparkWork> samples(int from, int to) {
    return work().subList(from, to).iterator();
  }

  /** A new job folder of the planned Spark run. */
  Path newJob() throws IOException {
    plan();
    return SparkParts.newJob(spark);
  }

  /** The partition task of the plan for {@code job}, counting its groups in an accumulator of its own. */
  PartitionTask task(Path job) throws IOException {
    return task(job, sc.sc().longAccumulator());
  }

  /** The partition task of the plan for {@code job}, with its data set listed here as the driver lists it. */
  PartitionTask task(Path job, LongAccumulator executed) throws IOException {
    return SparkExperiment.task(plan(), yaml, job, executed, listedData());
  }

  /** The plan's data set, listed as the driver lists it. */
  ListedData listedData() throws IOException {
    return ListedData.list(sc, PluginLoader.registry(), plan().experiment());
  }

  /** Merges the committed {@code part} into the Spark run folder as a driver does, which deletes it. */
  void merge(Path part) throws Exception {
    merge((store, committer) -> SparkParts.merge(part, plan(), store, committer));
  }

  /** Runs {@code merge} with the run folder's result store open and a driver's committer. */
  void merge(Merge merge) throws Exception {
    try (ResultStore store = plan().openStore()) {
      merge.run(store, new Committer(plan(), store, new ExperimentRunner.Listener() {}));
    }
  }

  /**
   * Asserts that the Spark run folder holds the local runner's {@code results.csv}, {@code
   * curves.csv} and {@code done.csv}, byte for byte, and no parts.
   */
  void assertSameResults() throws Exception {
    for (String file : List.of("results.csv", "curves.csv", "done.csv")) {
      // as text first, for a readable difference; then byte for byte
      assertThat(Files.readString(spark.resolve(file))).as(file).isEqualTo(Files.readString(local.resolve(file)));
      assertThat(Files.readAllBytes(spark.resolve(file))).as(file).isEqualTo(Files.readAllBytes(local.resolve(file)));
    }
    assertThat(spark.resolve(SparkParts.FOLDER)).as("merged parts are deleted").doesNotExist();
  }
}
