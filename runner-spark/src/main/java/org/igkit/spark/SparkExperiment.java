package org.igkit.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.Provenance;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.RunFingerprint;
import org.igkit.runner.run.Reports;
import org.igkit.runner.run.Committer;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.OutputFolders;
import org.igkit.runner.run.RunFolderMismatchException;
import org.igkit.runner.run.RunPlan;
import org.igkit.runner.run.SampleFaults;
import org.igkit.spark.storage.ListedData;

/**
 * Runs an igkit experiment file on Apache Spark, with the local runner's output:
 *
 * <pre>
 * spark-submit --class org.igkit.spark.SparkExperiment igkit-runner-spark-…-app.jar FILE [--output DIR] [--partitions N] [--force-new]
 * </pre>
 *
 * <p>The driver reads and validates the file with {@link ExperimentLoader} (nothing runs when it
 * has errors), selects the samples, leaves out the (sample, cell) groups already complete in the
 * output folder's {@link ResultStore} (resume; a folder holding the results of another configuration,
 * model, data or igkit build is refused, exit code 2, and {@code --force-new} moves them aside, as
 * {@code igkit run} does), and splits the remaining samples into contiguous
 * partitions, all in one Spark job. Each partition builds the plugin registry and loads the model once,
 * computes its samples and writes them into the run folder itself ({@link PartitionTask}): into an
 * attempt folder of its own, committed by one atomic rename as the partition's part
 * ({@link SparkParts}); only a few numbers go back to the driver, so nothing the executors compute
 * passes through the driver's memory or {@code spark.driver.maxResultSize}. While the job runs, the
 * driver merges the committed parts' groups in sample order into {@code results.csv},
 * {@code curves.csv} and the journal through the local runner's {@link Committer}, and deletes each
 * merged part ({@link OrderedMerge}); a killed job or driver loses only the partitions not yet
 * committed. The next run counts the groups of the committed parts it finds as computed, computes
 * only the others, and merges all of them at their place in sample order — those files are then
 * byte-identical to the local runner's, as are an uninterrupted run's. At the end the driver writes
 * {@code provenance.json} (with the Spark settings under {@code config.spark}) and the summary and
 * report as the local runner does.
 *
 * <p>The run folder is written by the driver and the executors: it must be at the same path on
 * every node (shared storage such as NFS), or Spark must run in local mode. Executors read the
 * model at the driver's path when it exists (shared storage, local mode) and otherwise the file of
 * the same name shipped with {@code --files}.

 * <p>Data: an image folder may be a local path every node mounts or a URI of a Hadoop file system
 * ({@code hdfs://…}, {@code s3a://…}, {@code file://…}), read with the job's Hadoop configuration.
 * The driver lists it once ({@link ListedData}); each partition gets the listing with its task and
 * opens only its samples' files.
 */
public final class SparkExperiment {

  /**
   * The most samples a partition holds unless {@code --partitions} is given: the driver merges one
   * part at a time, so this bounds what it holds in memory whatever the run's size.
   */
  static final int MAX_DEFAULT_PARTITION_SAMPLES = 256;

  /**
   * What a run did.
   *
   * @param output   the run folder
   * @param computed the (sample, cell) groups computed and appended by this run
   * @param skipped  the groups already complete before it (resume)
   * @param executed the groups the executors computed (a Spark accumulator)
   * @param recovered the groups merged from parts that an earlier run's executors committed but
   *                 its driver did not merge (it was killed); counted in {@code computed}, not in
   *                 {@code skipped}
   * @param cells    the experiment's cells
   * @param summary  the summary table
   */
  public record Outcome(Path output, long computed, long skipped, long executed, long recovered, List<Cell> cells,
      Summary summary) {}

  private SparkExperiment() {}

  /** {@code FILE [--output DIR] [--partitions N]}. */
  public static void main(String[] args) throws IOException {
    Path file = null;
    Path output = null;
    int partitions = 0;
    boolean forceNew = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--force-new" -> forceNew = true;
        case "--output" -> output = Path.of(value(args, ++i, "--output"));
        case "--partitions" -> partitions = positive(value(args, ++i, "--partitions"), "--partitions");
        default -> {
          if (args[i].startsWith("-") || file != null) {
            usage("unexpected argument '" + args[i] + "'");
          }
          file = Path.of(args[i]);
        }
      }
    }
    if (file == null) {
      usage("missing the experiment FILE");
    }
    Experiment experiment = SparkLaunch.loadOrExit(file);
    SparkConf conf = SparkLaunch.conf("igkit " + experiment.name(), experiment);
    if (forceNew) {
      Path dir = output == null ? Path.of(experiment.output()) : output;
      OutputFolders.moveAside(dir).ifPresent(moved ->
          System.out.println("--force-new: moved the earlier contents of " + dir.toAbsolutePath() + " to " + moved));
    }
    Outcome o;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      try {
        o = run(sc, file, output, partitions);
      } catch (RunFolderMismatchException e) {
        System.err.println(e.getMessage());
        System.exit(2);
        return;
      }
      System.out.println("igkit on Spark: " + o.computed() + " (sample, cell) groups computed"
          + (o.recovered() > 0 ? " (" + o.recovered() + " of them merged from parts an earlier run committed)" : "")
          + ", " + o.skipped() + " already done; results in " + o.output().toAbsolutePath());
    }
    if (o.summary().skippedUnits() > 0) {
      System.out.println("partial: " + o.summary().skippedSamples() + " sample(s) failed in "
          + o.summary().skippedUnits() + " (sample, cell) unit(s); reasons: "
          + o.output().resolve(SampleFaults.ERRORS_FILE).toAbsolutePath() + " (exit code " + SampleFaults.PARTIAL_EXIT_CODE + ")");
      System.exit(SampleFaults.PARTIAL_EXIT_CODE);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String text, String option) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(option + " must be a whole number ≥ 1, was '" + text + "'");
    return 0;
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: SparkExperiment FILE [--output DIR] [--partitions N] [--force-new]");
    System.exit(2);
  }

  /**
   * Runs {@code yaml} on {@code sc} into {@code output} (the file's own when null), in
   * {@code partitions} partitions (when ≤ 0: four per core of the cluster, more where a partition
   * would hold more than {@value #MAX_DEFAULT_PARTITION_SAMPLES} samples, at most one per sample).
   */
  public static Outcome run(JavaSparkContext sc, Path yaml, Path output, int partitions) throws IOException {
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(yaml);
    Path out = output == null ? Path.of(experiment.output()) : output;
    ListedData data = ListedData.list(sc, registry, experiment); // the data set listed once, here
    RunPlan plan = RunPlan.of(registry, experiment, out, data.dataset(registry, experiment));
    plan.createOutput();
    long[] skipped = {0};
    LongAccumulator executed = sc.sc().longAccumulator("igkit (sample, cell) groups");
    Committer committer;
    OrderedMerge.Result merged;
    try (ResultStore store = plan.openStore()) {
      committer = new Committer(plan, store, new ExperimentRunner.Listener() {});
      // parts an earlier driver's executors committed but the driver did not merge (it was killed):
      // they count as computed, and are merged at their place in sample order among the job's parts
      List<SparkParts.Part> leftovers = SparkParts.leftovers(out, plan);
      OrderedMerge merge = new OrderedMerge(plan.missing(store.completed(), skipped), leftovers, store,
          plan.reportSamples());
      List<SparkWork> work = merge.work();
      int cores = Math.max(1, sc.defaultParallelism());
      int n = partitionCount(partitions, cores, work.size());
      plan.writeProvenance();
      addSparkSettings(out, sc, n);
      if (work.isEmpty()) {
        merged = merge.run(null, null, plan, committer);
      } else {
        List<List<SparkWork>> slices = merge.partitions(n);
        Path job = SparkParts.newJob(out);
        JavaFutureAction<List<PartReport>> reports = sc.parallelize(slices, n)
            .mapPartitionsWithIndex(task(plan, yaml, job, executed, data), false).collectAsync();
        try {
          merged = merge.run(job, reports, plan, committer);
        } catch (IOException | RuntimeException e) {
          reports.cancel(true);
          throw e;
        }
      }
      SparkParts.delete(out.resolve(SparkParts.FOLDER)); // every job's folder, with what dead attempts left
    }
    Set<String> backends = merged.backends();
    if (!backends.isEmpty()) {
      recordExecutorBackends(out, String.join("; ", backends));
    }
    Summary summary = Reports.write(out, experiment, plan.cells(), registry);
    return new Outcome(out, committer.computed(), skipped[0], executed.value(), merged.recovered(), plan.cells(), summary);
  }

  /**
   * Returns the samples with cells missing from {@code done}, in sequence order, as the executors'
   * work; {@code skipped[0]} is increased by the units already done.
   */
  static List<SparkWork> work(RunPlan plan, Set<ResultStore.Key> done, long[] skipped) {
    Set<Integer> reportSamples = plan.reportSamples();
    List<SparkWork> work = new ArrayList<>();
    for (RunPlan.Todo t : plan.missing(done, skipped)) {
      work.add(new SparkWork(t.index(), t.cells().stream().map(Cell::id).toList(), reportSamples.contains(t.index())));
    }
    return work;
  }

  /**
   * The number of partitions for {@code samples} samples on {@code cores} cores: {@code requested}
   * when ≥ 1, else four per core, or more where a partition would hold more than
   * {@value #MAX_DEFAULT_PARTITION_SAMPLES} samples; never more than one per sample, at least one.
   */
  static int partitionCount(int requested, int cores, int samples) {
    long n = requested > 0 ? requested
        : Math.max(4L * cores, (samples + (long) MAX_DEFAULT_PARTITION_SAMPLES - 1) / MAX_DEFAULT_PARTITION_SAMPLES);
    return (int) Math.max(1, Math.min(n, samples));
  }

  /**
   * Returns the task that computes a partition of {@code plan}'s work and commits it into
   * {@code job}; stores the run's fingerprint in the run folder first ({@link RunPlan#bindOutput()}),
   * since parts may be committed before the driver merges any. The task builds its data set from
   * {@code data}, the driver's listing.
   */
  static PartitionTask task(RunPlan plan, Path yaml, Path job, LongAccumulator executed, ListedData data)
      throws IOException {
    plan.bindOutput();
    String fingerprint = Files.readString(plan.output().resolve(RunFingerprint.FILE_NAME), StandardCharsets.UTF_8);
    return new PartitionTask(RunPlan.yaml(plan.experiment().resolved()), yaml.toAbsolutePath().toString(),
        plan.model().file().toAbsolutePath().toString(), fingerprint, job.toAbsolutePath().toString(), executed, data);
  }

  /**
   * Records in {@code provenance.json} the compute backends the executors ran the kernels on (the
   * driver wrote its own); several, separated by {@code ;}, when executors differed.
   */
  private static void recordExecutorBackends(Path out, String backends) throws IOException {
    Path file = out.resolve(ProvenanceWriter.FILE_NAME);
    Provenance p = ProvenanceReader.read(file);
    ProvenanceWriter.write(file, new Provenance(p.experiment(), p.config(), p.seed(), p.derivedSeeds(), p.igkitVersion(),
        p.igkitCommit(), p.igkitDirty(), p.experimentGitCommit(), p.experimentGitDirty(), p.djlVersion(), p.libtorchVersion(), p.jvm(), p.os(), p.availableProcessors(),
        p.threads(), backends, p.modelSha256(), p.dataFingerprint(), p.startTime()));
  }

  /** Adds the Spark settings to {@code provenance.json}, under {@code config.spark}. */
  private static void addSparkSettings(Path out, JavaSparkContext sc, int partitions) throws IOException {
    Path file = out.resolve(ProvenanceWriter.FILE_NAME);
    Provenance p = ProvenanceReader.read(file);
    Map<String, Object> spark = new LinkedHashMap<>();
    spark.put("version", sc.version());
    spark.put("master", sc.master());
    spark.put("applicationId", sc.sc().applicationId());
    spark.put("partitions", partitions);
    for (String key : List.of("spark.submit.deployMode", "spark.executor.instances", "spark.executor.cores",
        "spark.executor.memory", "spark.task.cpus", "spark.dynamicAllocation.enabled")) {
      spark.put(key, sc.getConf().contains(key) ? sc.getConf().get(key) : null);
    }
    Map<String, Object> config = new LinkedHashMap<>(p.config());
    config.put("spark", spark);
    ProvenanceWriter.write(file, new Provenance(p.experiment(), config, p.seed(), p.derivedSeeds(), p.igkitVersion(),
        p.igkitCommit(), p.igkitDirty(), p.experimentGitCommit(), p.experimentGitDirty(), p.djlVersion(), p.libtorchVersion(), p.jvm(), p.os(), p.availableProcessors(),
        p.threads(), p.backend(), p.modelSha256(), p.dataFingerprint(), p.startTime()));
  }
}
