package org.igkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.BuildInfo;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.Hashing;
import org.igkit.runner.results.IoReasons;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.results.RunFingerprint;
import org.igkit.runner.run.RunPlan;
import org.igkit.runner.run.UnitComputation;
import org.igkit.spark.storage.ListedData;

/**
 * The work of one partition, on an executor: builds the plugin registry, plans the experiment
 * ({@link RunPlan}, as the local runner does) and loads the model once, then computes every missing
 * (sample, cell) of its samples with the plan's {@link UnitComputation} — same seeds, same rows,
 * same sample faults, same files — and writes them into its own attempt folder in the run folder,
 * which it commits as the partition's part ({@link SparkParts}). What goes back to the driver is a
 * {@link PartReport}: a few numbers, whatever the partition computed.
 */
final class PartitionTask implements Function2<Integer, Iterator<List<SparkWork>>, Iterator<PartReport>> {

  private static final long serialVersionUID = 2L;

  private final String configYaml;
  private final String source;
  private final String modelPath;
  private final String fingerprintJson;
  private final String job;
  private final LongAccumulator computed;
  private final ListedData data;

  /**
   * @param configYaml      the experiment's resolved configuration (every path absolute)
   * @param source          the experiment file's path on the driver (for messages)
   * @param modelPath       the model file's path on the driver; an executor without it uses the
   *                        file of that name shipped with {@code --files}
   * @param fingerprintJson the run's {@code fingerprint.json}, stored in every part
   * @param job             the job's folder in the run folder ({@link SparkParts#newJob})
   * @param computed        counts the (sample, cell) units computed
   * @param data            the data as the driver listed it: the partition builds its data set from
   *                        it and lists nothing again
   */
  PartitionTask(String configYaml, String source, String modelPath, String fingerprintJson, String job,
      LongAccumulator computed, ListedData data) {
    this.configYaml = configYaml;
    this.source = source;
    this.modelPath = modelPath;
    this.fingerprintJson = fingerprintJson;
    this.job = job;
    this.computed = computed;
    this.data = data;
  }

  /**
   * Runs the partition {@code partition} of the job: {@code slices} holds its samples (the driver
   * gives each partition one slice of contiguous samples, {@link OrderedMerge#partitions}).
   */
  @Override
  public Iterator<PartReport> call(Integer partition, Iterator<List<SparkWork>> slices) throws Exception {
    TaskContext task = TaskContext.get();
    long attempt = task == null ? System.nanoTime() : task.taskAttemptId();
    List<SparkWork> work = new ArrayList<>();
    slices.forEachRemaining(work::addAll);
    return List.of(run(partition, attempt, work.iterator())).iterator();
  }

  /**
   * Computes and commits partition {@code partition} as attempt {@code attemptId}: nothing when its
   * part is committed already; otherwise writes the attempt folder ({@link #write}) and commits it,
   * or discards it when another attempt committed first.
   */
  PartReport run(int partition, long attemptId, Iterator<SparkWork> work) throws IOException {
    Path part = Path.of(job).resolve(SparkParts.partName(partition));
    if (Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
      return new PartReport(partition, 0, false);
    }
    Written w = write(partition, attemptId, work);
    try {
      return new PartReport(partition, w.groups(), SparkParts.commit(w.folder(), part));
    } catch (IOException | RuntimeException e) {
      SparkParts.delete(w.folder());
      throw e;
    }
  }

  /** An attempt folder written and forced to disk, not yet committed, and its number of groups. */
  record Written(Path folder, long groups) {}

  /**
   * Writes the groups of {@code work} into a new attempt folder of this job and forces it to disk;
   * does not commit it. A failure deletes the folder (what an attempt killed meanwhile leaves, the
   * driver deletes).
   */
  Written write(int partition, long attemptId, Iterator<SparkWork> work) throws IOException {
    Path jobFolder = Path.of(job);
    Path attempt = SparkParts.attemptFolder(jobFolder, partition, attemptId);
    createAttemptFolder(jobFolder, attempt);
    try {
      return new Written(attempt, writeGroups(attempt, work));
    } catch (IOException | RuntimeException | Error e) {
      SparkParts.delete(attempt);
      throw e;
    }
  }

  private static void createAttemptFolder(Path job, Path attempt) {
    try {
      Files.createDirectory(attempt);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("cannot create the task's attempt folder " + attempt + " on " + host()
          + ": the job folder " + job + " does not exist there. The run folder must be on storage that every"
          + " executor mounts at the same path as the driver (a shared file system such as NFS), or Spark must run"
          + " in local mode", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the task's attempt folder " + attempt + " on " + host()
          + " (" + IoReasons.of(e) + "). The run folder must be writable by the executors' user, on storage that"
          + " every executor mounts at the same path as the driver", e);
    }
  }

  private static String host() {
    try {
      return "executor host " + InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this executor";
    }
  }

  private long writeGroups(Path attempt, Iterator<SparkWork> work) throws IOException {
    AtomicFiles.write(attempt.resolve(RunFingerprint.FILE_NAME), fingerprintJson.getBytes(StandardCharsets.UTF_8));
    JsonNode driversRun = new ObjectMapper().readTree(fingerprintJson);
    checkDriversBuild(driversRun);
    if (!work.hasNext()) {
      throw new IllegalArgumentException("partition without samples: the driver makes at most one per sample");
    }
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = data.loader(registry).parse(localConfig(configYaml, modelPath), Path.of(source));
    RunPlan plan = RunPlan.of(registry, experiment, attempt, data.dataset(registry, experiment));
    checkDriversModel(driversRun, plan.model().file());
    Map<String, Cell> cellsById = new LinkedHashMap<>();
    plan.cells().forEach(c -> cellsById.put(c.id(), c));
    UnitComputation computation = plan.newComputation();
    Path files = attempt.resolve(SparkParts.FILES);
    long groups = 0;
    Set<String> backends = new TreeSet<>(); // each unit's backend, with the kernels it ran as Java instead
    try (ModelFunction model = plan.loadModel(RunPlan.formatLoader(registry));
        FileChannel results = create(attempt.resolve(ResultsCsv.RESULTS_FILE), ResultsCsv.RESULTS_HEADER);
        FileChannel curves = create(attempt.resolve(ResultsCsv.CURVES_FILE), ResultsCsv.CURVES_HEADER);
        FileChannel list = create(attempt.resolve(SparkParts.GROUPS_FILE), SparkParts.GROUPS_HEADER)) {
      EngineOptions options = plan.engineOptions();
      while (work.hasNext()) {
        SparkWork w = work.next();
        UnitComputation.LoadedSample sample = UnitComputation.load(plan.dataset(), w.index());
        Set<Integer> report = w.report() ? Set.of(w.index()) : Set.of();
        for (String cellId : w.cells()) {
          // the kernels this unit's backend ran as plain Java instead (a device's bailouts), if any
          Map<String, Long> fallbacksBefore = ComputeBackends.get().fallbacks();
          UnitComputation.Result r = computation.compute(model, options, sample, cellsById.get(cellId));
          Path dir = Files.createDirectories(files.resolve(Long.toString(groups)));
          plan.writeUnitFiles(dir, r, sample, report);
          try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
              Files.delete(dir);
            }
          }
          write(results, ResultsCsv.encodeRows(r.rows()));
          write(curves, ResultsCsv.encodeCurves(r.rows()));
          StringBuilder line = new StringBuilder();
          Csv.appendLine(line, r.sampleId(), cellId, r.failed() ? r.fault().kind().name() : "",
              r.failed() ? r.fault().reason() : "");
          write(list, line.toString());
          groups++;
          backends.add(ComputeBackends.describe(ComputeBackends.get(), fallbacksBefore));
          computed.add(1);
        }
      }
      results.force(true);
      curves.force(true);
      list.force(true);
    }
    AtomicFiles.write(attempt.resolve(SparkParts.BACKEND_FILE),
        (String.join("\n", backends) + "\n").getBytes(StandardCharsets.UTF_8));
    AtomicFiles.forceDirectory(files);
    return groups;
  }

  /**
   * Checks that this executor runs the igkit build the driver runs (the version and commit the
   * run's fingerprint names): an older igkit jar ahead of the application jar on one node's class
   * path would give other numbers under this run's fingerprint.
   *
   * @throws IllegalStateException naming the host and both builds when they differ
   */
  private static void checkDriversBuild(JsonNode fingerprint) {
    String version = fingerprint.path("igkitVersion").asText();
    String commit = fingerprint.path("igkitCommit").asText();
    BuildInfo mine = BuildInfo.current();
    if (!version.equals(mine.version()) || !commit.equals(mine.commit())) {
      throw new IllegalStateException("igkit on " + host() + " is " + mine.version() + " (commit " + mine.commit()
          + "), not the driver's " + version + " (commit " + commit + "): every executor must run the driver's igkit"
          + " (its application jar, with no other igkit jar ahead of it on the executors' class path)");
    }
  }

  /**
   * Checks that this executor computes with the driver's model file, whose SHA-256 the run's
   * fingerprint (stored in every part) names: a stale copy of the model at the driver's path on
   * one node would give other numbers under this run's fingerprint, which the driver could not tell
   * from the right ones.
   *
   * @throws IllegalStateException naming the file, the host and both hashes when they differ
   */
  private static void checkDriversModel(JsonNode fingerprint, Path modelFile)
      throws IOException {
    String expected = fingerprint.path("modelSha256").asText();
    String found = Hashing.sha256(modelFile);
    if (!found.equals(expected)) {
      throw new IllegalStateException("the model file " + modelFile + " on " + host() + " has SHA-256 " + found
          + ", not the driver's " + expected + ": every executor must read the driver's model file (storage every"
          + " node mounts at the same path, or spark-submit --files with no other file at the driver's path)");
    }
  }

  private static FileChannel create(Path file, String header) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    write(ch, header);
    return ch;
  }

  private static void write(FileChannel ch, String text) throws IOException {
    AtomicFiles.writeFully(ch, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The configuration {@code configYaml} with the model path this executor can read: the driver's
   * {@code modelPath} when it exists here, else the file of that name shipped with {@code --files}.
   */
  static String localConfig(String configYaml, String modelPath) throws IOException {
    if (Files.exists(Path.of(modelPath))) {
      return configYaml; // local mode, or the model on shared storage
    }
    Path shipped = Path.of(SparkFiles.get(Path.of(modelPath).getFileName().toString()));
    if (!Files.exists(shipped)) {
      throw new IllegalStateException("model file " + modelPath + " is not on this executor; ship it with"
          + " spark-submit --files " + modelPath + " or put it on storage every node mounts at that path");
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    @SuppressWarnings("unchecked")
    Map<String, Object> config = yaml.readValue(configYaml, LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> model = new LinkedHashMap<>((Map<String, Object>) config.get("model"));
    model.put("path", shipped.toAbsolutePath().toString());
    config.put("model", model);
    return RunPlan.yaml(config);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
