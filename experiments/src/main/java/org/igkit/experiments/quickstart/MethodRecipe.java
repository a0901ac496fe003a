package org.igkit.experiments.quickstart;

import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.step.StepRule;

/**
 * A method as plugin ids and specs, built through the plugin registry (a {@code null} spec means
 * the plugin's defaults). It is what the quick start records as the method's provenance.
 *
 * @param name           the method's name in results
 * @param baselines      baseline sampler id
 * @param baselineSpec   its spec, or {@code null}
 * @param path           path id
 * @param stepRule       step rule id
 * @param stepSpec       its spec, or {@code null}
 * @param aggregator     aggregator id
 * @param aggregatorSpec its spec, or {@code null}
 */
public record MethodRecipe(
    String name,
    String baselines,
    Record baselineSpec,
    String path,
    String stepRule,
    Record stepSpec,
    String aggregator,
    Record aggregatorSpec) {

  /** Builds the method's plugins from {@code registry}. */
  public AttributionMethod build(PluginRegistry registry) {
    return new AttributionMethod(
        name,
        registry.create(BaselineSampler.class, baselines, baselineSpec),
        registry.create(Path.class, path, null),
        registry.create(StepRule.class, stepRule, stepSpec),
        registry.create(Aggregator.class, aggregator, aggregatorSpec));
  }

  /** Returns e.g. {@code wg-paper · straight · riemann[steps=32, variant=midpoint] · fitness}. */
  public String describe(PluginRegistry registry) {
    return part(registry, BaselineSampler.class, baselines, baselineSpec) + " · " + path + " · "
        + part(registry, StepRule.class, stepRule, stepSpec) + " · "
        + part(registry, Aggregator.class, aggregator, aggregatorSpec);
  }

  private static String part(PluginRegistry registry, Class<?> spi, String id, Record spec) {
    Record resolved = spec != null ? spec : registry.get(spi, id).defaultSpec();
    String s = resolved.toString();
    String body = s.substring(s.indexOf('[') + 1, s.length() - 1);
    return body.isEmpty() ? id : id + "[" + body + "]";
  }
}
