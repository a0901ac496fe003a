package org.igkit.runner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.igkit.api.data.Dataset;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFormat;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.IoReasons;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.RunFingerprint;

/**
 * What every runner of an experiment sets up before it computes, in one place: the cells (methods
 * × grid values), the data set, the selected samples and their ids, the model spec with the run's
 * threads, the engine options, the samples the HTML report shows, and the (sample, cell) units
 * still missing from an output folder. The local {@link ExperimentRunner} and the Spark runner
 * both start from a plan, compute each unit with {@link #newComputation()} and write it with a
 * {@link Committer}, so they give the same files.
 *
 * <p>A plan reads the data set's ids lazily (executors that only compute never ask for them) and
 * writes nothing until asked ({@link #createOutput()}, {@link #writeProvenance()}).
 */
public final class RunPlan {

  /** How many leading selected samples the HTML report shows unless {@code report:} says otherwise. */
  public static final int REPORT_SAMPLES = org.igkit.runner.config.ReportOptions.DEFAULT_MAX_SAMPLES;

  /** One sample's cells still to compute, in cell order. */
  public record Todo(int index, String sampleId, List<Cell> cells) {}

  private final PluginRegistry registry;
  private final Experiment experiment;
  private final Path output;
  private final List<Cell> cells;
  private final Dataset dataset;
  private final ModelSpec model;
  private final int[] selected;
  private String[] sampleIds;
  private RunFingerprint fingerprint;
  private boolean bound;

  private RunPlan(PluginRegistry registry, Experiment experiment, Path output, Dataset dataset) {
    this.registry = registry;
    this.experiment = experiment;
    this.output = output;
    this.cells = new ExperimentLoader(registry).cells(experiment);
    this.dataset = dataset != null ? dataset : experiment.dataset().create(registry);
    this.model = experiment.model().withThreads(experiment.threads());
    this.selected = experiment.selection().select(this.dataset.size());
  }

  /**
   * Plans {@code experiment} into {@code output}: builds its cells and data set and selects its
   * samples; writes nothing.
   */
  public static RunPlan of(PluginRegistry registry, Experiment experiment, Path output) {
    return new RunPlan(registry, experiment, output, null);
  }

  /**
   * Plans {@code experiment} into {@code output} with {@code dataset}, built from
   * {@code experiment.dataset()} by the caller (a Spark executor builds it from the listing its
   * driver made, instead of listing the folder again); writes nothing.
   */
  public static RunPlan of(PluginRegistry registry, Experiment experiment, Path output, Dataset dataset) {
    return new RunPlan(registry, experiment, output, java.util.Objects.requireNonNull(dataset, "dataset"));
  }

  /** Returns the model loader that opens a spec through its {@link ModelFormat} plugin. */
  public static ExperimentRunner.ModelLoader formatLoader(PluginRegistry registry) {
    return spec -> format(registry, spec).load(spec);
  }

  private static ModelFormat format(PluginRegistry registry, ModelSpec spec) {
    return registry.create(ModelFormat.class, spec.format(), null);
  }

  /** Returns the plugin registry. */
  public PluginRegistry registry() {
    return registry;
  }

  /** Returns the experiment. */
  public Experiment experiment() {
    return experiment;
  }

  /** Returns the output folder. */
  public Path output() {
    return output;
  }

  /** Returns the cells, in order. */
  public List<Cell> cells() {
    return cells;
  }

  /** Returns the data set. */
  public Dataset dataset() {
    return dataset;
  }

  /** Returns the model spec with the run's PyTorch threads. */
  public ModelSpec model() {
    return model;
  }

  /** Returns the selected sample indices, in selection order (a copy). */
  public int[] selected() {
    return selected.clone();
  }

  /** Returns the ids of the selected samples, in selection order (read once, then kept). */
  public synchronized String[] sampleIds() {
    if (sampleIds == null) {
      sampleIds = UnitComputation.sampleIds(dataset, selected);
    }
    return sampleIds.clone();
  }

  /** Returns the number of (sample, cell) units of the run. */
  public long units() {
    return (long) selected.length * cells.size();
  }

  /**
   * Returns the selected indices whose maps the HTML report shows: those of the ids in
   * {@code report.samples} that are selected, else the first {@code report.maxSamples}.
   */
  public Set<Integer> reportSamples() {
    Set<Integer> s = new HashSet<>();
    List<String> chosen = experiment.report().samples();
    if (!chosen.isEmpty()) {
      Set<String> wanted = new HashSet<>(chosen);
      String[] ids = sampleIds();
      for (int i = 0; i < selected.length; i++) {
        if (wanted.contains(ids[i])) {
          s.add(selected[i]);
        }
      }
      return s;
    }
    for (int i = 0; i < Math.min(experiment.report().maxSamples(), selected.length); i++) {
      s.add(selected[i]);
    }
    return s;
  }

  /** Returns the engine options every unit runs with. */
  public EngineOptions engineOptions() {
    return UnitComputation.options(experiment, dataset, registry);
  }

  /** Returns a new computation of units, with plugin instances of its own (one per worker). */
  public UnitComputation newComputation() {
    return new UnitComputation(registry, experiment, cells);
  }

  /**
   * Returns the samples with cells not in {@code done}, in sequence order; {@code skipped[0]} is
   * increased by the units already done.
   */
  public List<Todo> missing(Set<ResultStore.Key> done, long[] skipped) {
    String[] ids = sampleIds();
    List<Todo> todo = new ArrayList<>();
    for (int s = 0; s < selected.length; s++) {
      List<Cell> left = new ArrayList<>();
      for (Cell c : cells) {
        if (done.contains(new ResultStore.Key(ids[s], c.id()))) {
          skipped[0]++;
        } else {
          left.add(c);
        }
      }
      if (!left.isEmpty()) {
        todo.add(new Todo(selected[s], ids[s], List.copyOf(left)));
      }
    }
    return todo;
  }

  /** Creates the output folder. */
  public void createOutput() {
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create output folder " + output + ": " + IoReasons.of(e), e);
    }
  }

  /**
   * Loads one model instance with {@code loader} and checks that it takes the data set's images.
   * The caller closes it.
   */
  public ModelFunction loadModel(ExperimentRunner.ModelLoader loader) {
    ModelFunction m = loader.load(model);
    if (!m.inputShape().equals(dataset.shape())) {
      m.close();
      throw new IllegalArgumentException(
          "dataset images are " + dataset.shape() + " but the model takes " + model.shape()
              + "; set the data set's height/width (or the model's inputShape) to match");
    }
    return m;
  }

  /** Writes {@code resolved.yaml} and {@code provenance.json} into the output folder. */
  public void writeProvenance() {
    Map<String, String> runtime = format(registry, model).runtimeVersions();
    RunFingerprint f = fingerprint();
    Provenances.write(output, experiment, sampleIds(), model, runtime, f.modelSha256(), f.dataFingerprint());
  }

  /**
   * Returns what this run's results depend on (see {@link RunFingerprints}): computed once, hashing
   * the model file and the data.
   */
  public synchronized RunFingerprint fingerprint() {
    if (fingerprint == null) {
      fingerprint = RunFingerprints.of(experiment, model, dataset);
    }
    return fingerprint;
  }

  /**
   * Opens the output folder's result store — repairing what a crash left — and checks that the
   * folder's results, if any, are this run's: that the fingerprint stored there equals
   * {@link #fingerprint()}. The caller closes the store.
   *
   * @throws RunFolderMismatchException when the folder holds results of another configuration,
   *                                    model, data or igkit build, or results without a
   *                                    fingerprint; nothing is written then
   * @throws IOException                when the folder cannot be opened (see {@link ResultStore#open})
   */
  public ResultStore openStore() throws IOException {
    if (RunFingerprint.existsIn(output)) {
      // refuse another experiment's folder before its files are repaired or locked
      RunFingerprints.check(output, fingerprint(), false);
    }
    ResultStore store = ResultStore.open(output);
    try {
      RunFingerprints.check(output, fingerprint(), !store.completed().isEmpty());
      return store;
    } catch (IOException | RuntimeException e) {
      try {
        store.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Stores {@link #fingerprint()} in the output folder unless it is there: done before the first
   * result is committed, so a folder with results always says what they depend on.
   */
  public synchronized void bindOutput() throws IOException {
    if (!bound) {
      if (!RunFingerprint.existsIn(output)) {
        fingerprint().writeTo(output);
      }
      bound = true;
    }
  }

  /** Returns the experiment's resolved configuration as the YAML of {@code resolved.yaml}. */
  public static String yaml(Map<String, Object> config) {
    try {
      return Provenances.yaml(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the configuration as YAML", e);
    }
  }

  /**
   * Writes the files of one computed unit besides its rows into {@code dir}: its attribution map
   * when the experiment saves them, and what the HTML report shows when its sample is one of
   * {@code reportSamples}. Nothing for a failed unit.
   */
  public void writeUnitFiles(Path dir, UnitComputation.Result r, UnitComputation.LoadedSample sample,
      Set<Integer> reportSamples) throws IOException {
    if (r.failed()) {
      return;
    }
    if (experiment.saveAttributions()) {
      AttributionFiles.write(dir, r.sampleId(), r.cell().id(), r.attribution(), experiment.saving().baselines(),
          experiment.saving().curves());
    }
    if (reportSamples.contains(sample.index())) {
      ReportData.write(dir, sample.sample(), sample.index(), cells, r.cell().id(), r.attribution());
    }
  }
}
