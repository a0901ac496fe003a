package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.step.StepRule;

/**
 * A named attribution method: baselines, path, step rule and aggregator. "EG" is uniform noise
 * baselines, {@code straight}, {@code riemann}, {@code uniform}; "WG" the same with {@code fitness}.
 *
 * @param name       unique within the experiment
 * @param baselines  the baseline samplers, whose baselines are concatenated (empty for paths that
 *                   need none)
 * @param path       the path plugin
 * @param stepRule   the step-rule plugin
 * @param aggregator the aggregator plugin
 */
public record MethodConfig(
    String name, List<PluginConfig> baselines, PluginConfig path, PluginConfig stepRule, PluginConfig aggregator) {

  /** The roles of a method's plugins, as YAML keys, in the order YAML lists them. */
  public static final List<String> ROLES = List.of("baselines", "path", "stepRule", "aggregator");

  /** Checks the components and that each plugin implements its role's SPI. */
  public MethodConfig {
    Objects.requireNonNull(name, "name");
    baselines = List.copyOf(Objects.requireNonNull(baselines, "baselines"));
    for (PluginConfig b : baselines) {
      requireSpi("baselines", b, BaselineSampler.class);
    }
    requireSpi("path", path, org.igkit.api.path.Path.class);
    requireSpi("stepRule", stepRule, StepRule.class);
    requireSpi("aggregator", aggregator, Aggregator.class);
  }

  /** Returns the SPI of a role ({@code stepRule} → {@code StepRule.class}). */
  public static Class<?> spiOf(String role) {
    return switch (role) {
      case "baselines" -> BaselineSampler.class;
      case "path" -> org.igkit.api.path.Path.class;
      case "stepRule" -> StepRule.class;
      case "aggregator" -> Aggregator.class;
      default -> throw new IllegalArgumentException("unknown role '" + role + "'; one of " + ROLES);
    };
  }

  /** Returns the plugins in one role: the baselines, or a one-element list. */
  public List<PluginConfig> plugins(String role) {
    return switch (role) {
      case "baselines" -> baselines;
      case "path" -> List.of(path);
      case "stepRule" -> List.of(stepRule);
      case "aggregator" -> List.of(aggregator);
      default -> throw new IllegalArgumentException("unknown role '" + role + "'; one of " + ROLES);
    };
  }

  /** Returns a copy with the {@code index}-th plugin of {@code role} replaced. */
  public MethodConfig with(String role, int index, PluginConfig plugin) {
    if (role.equals("baselines")) {
      List<PluginConfig> b = new ArrayList<>(baselines);
      b.set(index, plugin);
      return new MethodConfig(name, b, path, stepRule, aggregator);
    }
    Objects.checkIndex(index, 1);
    return switch (role) {
      case "path" -> new MethodConfig(name, baselines, plugin, stepRule, aggregator);
      case "stepRule" -> new MethodConfig(name, baselines, path, plugin, aggregator);
      case "aggregator" -> new MethodConfig(name, baselines, path, stepRule, plugin);
      default -> throw new IllegalArgumentException("unknown role '" + role + "'; one of " + ROLES);
    };
  }

  /** Returns the method as YAML would write it, defaults filled in, for provenance. */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("baselines", baselines.stream().map(PluginConfig::resolved).toList());
    m.put("path", path.resolved());
    m.put("stepRule", stepRule.resolved());
    m.put("aggregator", aggregator.resolved());
    return Collections.unmodifiableMap(m);
  }

  private static void requireSpi(String role, PluginConfig p, Class<?> spi) {
    Objects.requireNonNull(p, role);
    if (p.spi() != spi) {
      throw new IllegalArgumentException(
          role + ": must be a " + spi.getSimpleName() + " plugin, was " + p.spi().getSimpleName() + " '" + p.type() + "'");
    }
  }
}
