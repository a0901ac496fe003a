package org.igkit.cli.bench;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.config.Experiment;

/**
 * The model and samples both sides of every comparison use: the experiment's model with one
 * PyTorch thread, the first selected samples of its data set, the model's class for each, the data
 * set's reference images and the experiment's batch size. Closing it closes the model.
 */
final class BenchSamples implements AutoCloseable {
  final ModelSpec spec;
  final DjlModelFunction model;
  final List<Sample> samples;
  final int[] targets;
  final List<float[]> references;
  final EngineOptions options;
  final int batch;

  private BenchSamples(ModelSpec spec, DjlModelFunction model, List<Sample> samples, int[] targets,
      List<float[]> references, int batch) {
    this.spec = spec;
    this.model = model;
    this.samples = samples;
    this.targets = targets;
    this.references = references;
    this.batch = batch;
    this.options = EngineOptions.batchSize(batch).withReferenceImages(references);
  }

  /**
   * Loads max({@link BenchPlan#samples()}, {@link BenchPlan#timingImages()}) samples of the
   * experiment's selection (fewer where it has fewer) and the model, and classifies the samples.
   */
  static BenchSamples load(Experiment experiment, PluginRegistry registry, BenchPlan plan) {
    Dataset dataset = experiment.dataset().create(registry);
    int[] selected = experiment.selection().select(dataset.size());
    int n = Math.min(Math.max(plan.samples(), plan.timingImages()), selected.length);
    List<Sample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      samples.add(dataset.get(selected[i]));
    }
    List<float[]> references = dataset.referenceImages();
    ModelSpec spec = experiment.model().withThreads(1);
    DjlModelFunction model = DjlModelFunction.load(spec);
    try {
      int[] targets = new int[n];
      for (int i = 0; i < n; i++) {
        targets[i] = Argmax.of(model.outputs(List.of(samples.get(i).image()))[0]);
      }
      return new BenchSamples(spec, model, samples, targets, references, experiment.batchSize());
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  int size() {
    return samples.size();
  }

  float[] image(int i) {
    return samples.get(i).image();
  }

  /** Attributes sample i; every method sees the same baselines for a sample (paired). */
  Attribution attribute(ModelFunction m, AttributionMethod method, int i) {
    RandomSource r = RandomSource.of(8).derive("sample:" + samples.get(i).id());
    return AttributionEngine.attribute(m, method, image(i), targets[i], r.derive("cell:" + method.name()),
        r.derive("baselines"), options);
  }

  MetricInput metricInput(ModelFunction m, int i, Attribution a) {
    return new MetricInput(m, image(i), a, samples.get(i).mask(), batch);
  }

  @Override
  public void close() {
    model.close();
  }
}
