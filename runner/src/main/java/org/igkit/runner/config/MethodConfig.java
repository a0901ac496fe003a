package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Smoothing;
import org.igkit.api.postprocess.Postprocess;
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
 * @param smoothing  SmoothGrad-style smoothing of the whole method over noisy copies of the input,
 *                   or {@code null} for none
 * @param postprocess a step applied to the finished map (XRAI), or {@code null} for none
 */
public record MethodConfig(
    String name, List<PluginConfig> baselines, PluginConfig path, PluginConfig stepRule, PluginConfig aggregator,
    Smoothing smoothing, PluginConfig postprocess) {

  /** Returns a method without smoothing or post-processing. */
  public MethodConfig(
      String name, List<PluginConfig> baselines, PluginConfig path, PluginConfig stepRule, PluginConfig aggregator) {
    this(name, baselines, path, stepRule, aggregator, null, null);
  }

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
    if (postprocess != null) {
      requireSpi("postprocess", postprocess, Postprocess.class);
    }
  }

  /** Returns a copy with {@code smoothing} and {@code postprocess} (each may be {@code null}). */
  public MethodConfig withExtras(Smoothing smoothing, PluginConfig postprocess) {
    return new MethodConfig(name, baselines, path, stepRule, aggregator, smoothing, postprocess);
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
      return new MethodConfig(name, b, path, stepRule, aggregator, smoothing, postprocess);
    }
    Objects.checkIndex(index, 1);
    return switch (role) {
      case "path" -> new MethodConfig(name, baselines, plugin, stepRule, aggregator, smoothing, postprocess);
      case "stepRule" -> new MethodConfig(name, baselines, path, plugin, aggregator, smoothing, postprocess);
      case "aggregator" -> new MethodConfig(name, baselines, path, stepRule, plugin, smoothing, postprocess);
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
    if (smoothing != null) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("type", smoothing.type().id());
      sm.put("samples", smoothing.samples());
      sm.put("noise", smoothing.noise());
      m.put("smoothing", Collections.unmodifiableMap(sm));
    }
    if (postprocess != null) {
      m.put("postprocess", postprocess.resolved());
    }
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
