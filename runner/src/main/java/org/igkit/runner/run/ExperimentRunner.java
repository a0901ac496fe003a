package org.igkit.runner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.config.PluginConfig;
import org.igkit.runner.model.DjlModelFunction;
import org.igkit.runner.model.ModelSpec;
import org.igkit.runner.results.AttributionDiagnostics;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;

/**
 * Runs an experiment: for every selected sample, every cell (method × grid values) is attributed
 * and scored by every metric, and the rows of each (sample, cell) are appended to
 * {@code results.csv} as one flushed group. Groups already complete in the output folder are
 * skipped, so a killed run started again computes only what is missing.
 *
 * <p>Seeds: the baselines of a (sample, cell) come from {@code seed → sample id → baseline
 * configuration}, so methods with equal baseline configuration see equal baselines (a paired
 * comparison), and everything else from {@code seed → sample id → cell id}; adding a cell or a
 * sample reseeds nothing else.
 */
public final class ExperimentRunner {

  /** Receives progress. */
  public interface Listener {
    /** Called once with the number of (sample, cell) units, and how many are already done. */
    default void started(long total, long alreadyDone) {}

    /** Called after each unit. */
    default void step(String sampleId, String cellId) {}

    /** Called at the end. */
    default void finished() {}
  }

  /** What a run did. */
  public record Outcome(Path output, long computed, long skipped, List<Cell> cells) {}

  private final PluginRegistry registry;

  /** Creates a runner over {@code registry}. */
  public ExperimentRunner(PluginRegistry registry) {
    this.registry = registry;
  }

  /** Runs {@code experiment} into {@code output}. */
  public Outcome run(Experiment experiment, Path output, Listener listener) throws IOException {
    List<Cell> cells = new ExperimentLoader(registry).cells(experiment);
    Dataset dataset = experiment.dataset().create(registry);
    ModelSpec modelSpec = experiment.model().withThreads(experiment.threads());
    List<String> metricIds = experiment.metrics().stream().map(PluginConfig::type).toList();
    List<Metric> metrics = experiment.metrics().stream().map(c -> (Metric) c.create(registry)).toList();
    MethodFactory factory = new MethodFactory(registry);
    Map<String, AttributionMethod> methods = new LinkedHashMap<>();
    for (Cell c : cells) {
      methods.put(c.id(), factory.create(c.config()));
    }
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + output, e);
    }
    int[] selected = experiment.selection().select(dataset.size());
    try (ResultStore store = ResultStore.open(output);
        ModelFunction model = DjlModelFunction.load(modelSpec)) {
      if (!model.inputShape().equals(dataset.shape())) {
        throw new IllegalArgumentException(
            "dataset images are " + dataset.shape() + " but the model takes " + model.inputShape()
                + "; set the data set's height/width (or the model's inputShape) to match");
      }
      Provenances.write(output, experiment, cells, dataset, selected, modelSpec);
      Set<ResultStore.Key> done = store.completed();
      long total = (long) selected.length * cells.size();
      long already = 0;
      for (int i : selected) {
        String id = dataset.get(i).id();
        for (Cell c : cells) {
          if (done.contains(new ResultStore.Key(id, c.id()))) {
            already++;
          }
        }
      }
      listener.started(total, already);
      List<float[]> references = dataset.referenceImages();
      EngineOptions options = EngineOptions.batchSize(experiment.batchSize()).withReferenceImages(references);
      RandomSource root = RandomSource.of(experiment.seed());
      Set<Integer> reportSamples = new java.util.HashSet<>();
      for (int i = 0; i < Math.min(ReportData.SAMPLES, selected.length); i++) {
        reportSamples.add(selected[i]);
      }
      long computed = 0;
      for (int index : selected) {
        Sample sample = dataset.get(index);
        List<Cell> todo = cells.stream().filter(c -> !done.contains(new ResultStore.Key(sample.id(), c.id()))).toList();
        if (todo.isEmpty()) {
          continue;
        }
        int target = target(experiment, model, sample);
        RandomSource sampleRandom = root.derive("sample:" + sample.id());
        for (Cell cell : todo) {
          AttributionMethod method = methods.get(cell.id());
          Attribution a =
              AttributionEngine.attribute(
                  model,
                  method,
                  sample.image(),
                  target,
                  sampleRandom.derive("cell:" + cell.id()),
                  sampleRandom.derive("baselines:" + MethodFactory.baselineKey(cell.config())),
                  options);
          List<ResultRow> group = new ArrayList<>();
          // Re-attribution for stability metrics: draw d re-seeds the cell and baseline sources from
          // seed → sample → "redraw#d", so equal baseline configurations stay paired; lazy (only
          // metrics that ask pay for it).
          MetricInput metricInput = new MetricInput(model, sample.image(), a, sample.mask(), experiment.batchSize())
              .withReattribution(draw -> AttributionEngine.attribute(model, method, sample.image(), target,
                  sampleRandom.derive("redraw", draw).derive("cell:" + cell.id()),
                  sampleRandom.derive("redraw", draw).derive("baselines:" + MethodFactory.baselineKey(cell.config())),
                  options));
          for (int m = 0; m < metrics.size(); m++) {
            MetricValue v = metrics.get(m).evaluate(metricInput);
            group.add(ResultRow.of(sample.id(), cell.id(), cell.method(), metricIds.get(m), v));
          }
          group.addAll(AttributionDiagnostics.rows(sample.id(), cell.id(), cell.method(), a));
          if (experiment.saveAttributions()) {
            AttributionFiles.write(output, sample.id(), cell.id(), a);
          }
          if (reportSamples.contains(index)) {
            ReportData.write(output, sample, cells, cell.id(), a);
          }
          store.append(group);
          computed++;
          listener.step(sample.id(), cell.id());
        }
      }
      listener.finished();
      return new Outcome(output, computed, already, cells);
    }
  }

  /** The predicted class (argmax of the explained output), or the sample's label. */
  static int target(Experiment experiment, ModelFunction model, Sample sample) {
    if ("label".equals(experiment.target())) {
      if (sample.label() < 0) {
        throw new IllegalArgumentException("target: label, but sample " + sample.id() + " has no label");
      }
      return sample.label();
    }
    float[] out = model.outputs(List.of(sample.image()))[0];
    int best = 0;
    for (int c = 1; c < out.length; c++) {
      if (out[c] > out[best]) {
        best = c;
      }
    }
    return best;
  }
}
