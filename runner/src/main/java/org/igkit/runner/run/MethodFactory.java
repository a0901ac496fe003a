package org.igkit.runner.run;

import java.util.List;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.step.StepRule;
import org.igkit.runner.config.MethodConfig;
import org.igkit.runner.config.PluginConfig;

/** Builds {@link AttributionMethod}s from method configurations through the plugin registry. */
public final class MethodFactory {

  /**
   * For paths that need no baseline (blur): one placeholder, the input itself, which the path
   * ignores; the engine scores the path's own start instead.
   */
  static final BaselineSampler NO_BASELINE =
      request -> List.of(new org.igkit.api.aggregate.Baseline("none", request.input().clone()));

  private final PluginRegistry registry;

  /** Creates a factory over {@code registry}. */
  public MethodFactory(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Builds the method of {@code config}; several baseline samplers become one composite, none (for
   * a baseline-free path) a single ignored placeholder.
   */
  public AttributionMethod create(MethodConfig config) {
    List<BaselineSampler> samplers =
        config.baselines().stream().map(c -> (BaselineSampler) c.create(registry)).toList();
    BaselineSampler baselines =
        samplers.isEmpty() ? NO_BASELINE : samplers.size() == 1 ? samplers.get(0) : new CompositeBaselineSampler(samplers);
    return new AttributionMethod(
        config.name(),
        baselines,
        (Path) config.path().create(registry),
        (StepRule) config.stepRule().create(registry),
        (Aggregator) config.aggregator().create(registry));
  }

  /** Returns a canonical text of the baseline configuration: equal texts draw equal baselines. */
  public static String baselineKey(MethodConfig config) {
    StringBuilder b = new StringBuilder();
    for (PluginConfig c : config.baselines()) {
      b.append(c.type()).append(c.resolved()).append(';');
    }
    return b.toString();
  }
}
