package org.igkit.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.RunPlan;
import org.igkit.runner.run.UnitComputation;

/**
 * The work of one partition, on an executor: builds the plugin registry, plans the experiment
 * ({@link RunPlan}, as the local runner does) and loads the model once, then computes every missing
 * (sample, cell) of its samples with the plan's {@link UnitComputation} — same seeds, same rows,
 * same sample faults, same files.
 */
final class PartitionTask implements FlatMapFunction<Iterator<SparkWork>, SparkUnit> {

  private static final long serialVersionUID = 1L;

  private final String configYaml;
  private final String source;
  private final String modelPath;
  private final LongAccumulator computed;

  /**
   * @param configYaml the experiment's resolved configuration (every path absolute)
   * @param source     the experiment file's path on the driver (for messages)
   * @param modelPath  the model file's path on the driver; an executor without it uses the file
   *                   of that name shipped with {@code --files}
   * @param computed   counts the (sample, cell) units computed
   */
  PartitionTask(String configYaml, String source, String modelPath, LongAccumulator computed) {
    this.configYaml = configYaml;
    this.source = source;
    this.modelPath = modelPath;
    this.computed = computed;
  }

  @Override
  public Iterator<SparkUnit> call(Iterator<SparkWork> work) throws Exception {
    if (!work.hasNext()) {
      return List.<SparkUnit>of().iterator();
    }
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).parse(localConfig(configYaml, modelPath), Path.of(source));
    Path scratch = Files.createTempDirectory("igkit-spark-");
    RunPlan plan = RunPlan.of(registry, experiment, scratch);
    Map<String, Cell> cellsById = new LinkedHashMap<>();
    plan.cells().forEach(c -> cellsById.put(c.id(), c));
    UnitComputation computation = plan.newComputation();
    List<SparkUnit> out = new ArrayList<>();
    try (ModelFunction model = plan.loadModel(RunPlan.formatLoader(registry))) {
      EngineOptions options = plan.engineOptions();
      while (work.hasNext()) {
        SparkWork w = work.next();
        UnitComputation.LoadedSample sample = UnitComputation.load(plan.dataset(), w.index());
        Set<Integer> report = w.report() ? Set.of(w.index()) : Set.of();
        for (String cellId : w.cells()) {
          // the kernels this unit's backend ran as plain Java instead (a device's bailouts), if any
          Map<String, Long> fallbacksBefore = ComputeBackends.get().fallbacks();
          UnitComputation.Result r = computation.compute(model, options, sample, cellsById.get(cellId));
          plan.writeUnitFiles(scratch, r, sample, report);
          out.add(new SparkUnit(w.index(), r.sampleId(), cellId, r.rows().stream().map(SparkRow::of).toList(),
              drain(scratch), r.failed() ? r.fault().kind().name() : null, r.failed() ? r.fault().reason() : null,
              ComputeBackends.describe(ComputeBackends.get(), fallbacksBefore)));
          computed.add(1);
        }
      }
    } finally {
      deleteTree(scratch);
    }
    return out.iterator();
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

  /** Reads every file under {@code dir} (by relative path, '/'-separated) and empties it. */
  private static Map<String, byte[]> drain(Path dir) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        files.put(dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"), Files.readAllBytes(p));
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        deleteTree(p);
      }
    }
    return files;
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
