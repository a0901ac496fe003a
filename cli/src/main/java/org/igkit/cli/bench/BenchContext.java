package org.igkit.cli.bench;

import java.io.PrintWriter;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.metric.Metric;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.PluginConfig;

/**
 * What the measures share: the experiment and the plugins, where progress goes, the clock of the
 * single-threaded measurements and — for the measures that work on them — the experiment's model
 * and samples, and EG's, WG's and filtered WG's maps of them, made once for all.
 */
final class BenchContext {
  private final Experiment experiment;
  private final PluginRegistry registry;
  private final PrintWriter log;
  private final Clock clock;
  private final BenchSamples samples;
  private MethodComparison comparison;

  /**
   * @param samples the model and samples, or null where the measures to run need none
   */
  BenchContext(Experiment experiment, PluginRegistry registry, PrintWriter log, Clock clock, BenchSamples samples) {
    this.experiment = experiment;
    this.registry = registry;
    this.log = log;
    this.clock = clock;
    this.samples = samples;
  }

  /** Returns a context like this one on {@code samples}. */
  BenchContext withSamples(BenchSamples samples) {
    return new BenchContext(experiment, registry, log, clock, samples);
  }

  Experiment experiment() {
    return experiment;
  }

  PluginRegistry registry() {
    return registry;
  }

  Clock clock() {
    return clock;
  }

  /** Writes one line of progress. */
  void progress(String line) {
    log.println(line);
    log.flush();
  }

  /** Returns the model and samples; only the measures run inside their scope may ask. */
  BenchSamples samples() {
    if (samples == null) {
      throw new IllegalStateException("this measure needs the experiment's model and samples; run it with them");
    }
    return samples;
  }

  /** Returns EG's, WG's and filtered WG's maps of every sample, attributing them at the first call. */
  MethodComparison comparison(BenchPlan plan) {
    if (comparison == null) {
      comparison = MethodComparison.attribute(plan, this);
    }
    return comparison;
  }

  /** Returns the experiment's metric {@code id}, or the metric with its defaults where the experiment has none. */
  Metric metric(String id) {
    return metricConfig(id).create(registry);
  }

  /** Returns the experiment's settings of metric {@code id}, or its defaults where the experiment has none. */
  PluginConfig metricConfig(String id) {
    return experiment.metrics().stream().filter(c -> c.type().equals(id)).findFirst()
        .orElseGet(() -> PluginConfig.defaults(registry.get(Metric.class, id)));
  }

  org.igkit.api.path.Path straight() {
    return registry.create(org.igkit.api.path.Path.class, "straight", null);
  }

  Aggregator uniform() {
    return registry.create(Aggregator.class, "uniform", new UniformAggregator.Spec(null, null));
  }
}
