package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Smoothing;
import org.igkit.api.postprocess.Postprocess;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.step.StepRule;

/**
 * Reads one entry of {@code methods}: a name and its four plugin roles, with their defaults — or,
 * with {@code preset:}, the path and step rule of a {@link MethodPreset} (then {@code steps:} sets
 * the step count, and {@code path}/{@code stepRule} are refused: the preset fixes them).
 */
final class MethodReader {

  /** The keys of a method. */
  static final List<String> KEYS = List.of("name", "preset", "steps", "baselines", "path", "stepRule", "aggregator", "smoothing", "postprocess");

  /** The keys of a method's {@code smoothing}. */
  static final List<String> SMOOTHING_KEYS = List.of("type", "samples", "noise");

  /** What a method name may hold: it becomes part of cell ids, file names and grid keys. */
  static final String NAME = "[A-Za-z0-9_+-]+";

  /** The default path, step rule and aggregator. */
  static final String DEFAULT_PATH = "straight";
  static final String DEFAULT_STEP_RULE = "riemann";
  static final String DEFAULT_AGGREGATOR = "uniform";

  /**
   * One read method.
   *
   * @param name   its name, or {@code null} when missing or invalid
   * @param nameAt where the name is
   * @param config the method, or {@code null} when errors were reported
   */
  record Read(String name, Located nameAt, MethodConfig config) {}

  private final PluginRegistry registry;
  private final PluginReader plugins;
  private final Values values;
  private final ErrorSink errors;

  MethodReader(PluginRegistry registry, PluginReader plugins, Values values, ErrorSink errors) {
    this.registry = registry;
    this.plugins = plugins;
    this.values = values;
    this.errors = errors;
  }

  Read read(Located m) {
    if (!values.mapping(m, "a mapping with " + String.join(", ", KEYS))) {
      return new Read(null, m, null);
    }
    values.unknownKeys(m, KEYS);
    Located nameAt = m.key("name");
    String name = null;
    if (!nameAt.present()) {
      errors.key(nameAt, "is missing; give each method a unique name, e.g. name: EG");
    } else {
      name = values.matching(nameAt, NAME, "letters, digits, _, +, -");
    }
    PluginConfig path;
    PluginConfig stepRule;
    MethodPreset preset = null;
    boolean presetOk = true;
    if (m.key("preset").present()) {
      preset = preset(m);
      presetOk = preset != null;
    } else if (m.key("steps").present()) {
      errors.key(m.key("steps"), "only goes with preset (known: " + MethodPreset.known()
          + "); otherwise give the step count in stepRule, e.g. stepRule: {type: riemann, steps: 32}");
      presetOk = false;
    }
    if (m.key("preset").present() && preset == null) {
      path = null; // reported; reading the defaults would only add follow-on errors
      stepRule = null;
    } else if (preset != null) {
      Integer steps = presetSteps(m.key("steps"), preset);
      path = plugins.fromValues(org.igkit.api.path.Path.class, preset.path(), preset.pathSettings(), m.key("preset"));
      stepRule = steps == null ? null
          : plugins.fromValues(StepRule.class, preset.stepRule(), preset.ruleSettings(steps), m.key("preset"));
    } else {
      path = plugins.read(org.igkit.api.path.Path.class, m.key("path"), DEFAULT_PATH, List.of());
      stepRule = plugins.read(StepRule.class, m.key("stepRule"), DEFAULT_STEP_RULE, List.of());
    }
    PluginConfig aggregator = plugins.read(Aggregator.class, m.key("aggregator"), DEFAULT_AGGREGATOR, List.of());
    List<PluginConfig> baselines =
        !presetOk ? null
            : preset != null && preset.baselines() != null && !m.key("baselines").present()
                ? presetBaselines(preset, m.key("preset"))
                : baselines(m.key("baselines"), path);
    boolean extrasOk = true;
    Smoothing smoothing = null;
    if (m.key("smoothing").present()) {
      smoothing = smoothing(m.key("smoothing"));
      extrasOk = smoothing != null;
    }
    PluginConfig postprocess = null;
    if (m.key("postprocess").present()) {
      postprocess = plugins.read(Postprocess.class, m.key("postprocess"), null, List.of());
      extrasOk &= postprocess != null;
    }
    if (!presetOk || !extrasOk) {
      return new Read(name, nameAt, null);
    }
    if (name == null || path == null || stepRule == null || aggregator == null || baselines == null) {
      return new Read(name, nameAt, null);
    }
    return new Read(name, nameAt, new MethodConfig(name, baselines, path, stepRule, aggregator, smoothing, postprocess));
  }

  /**
   * Returns the method's smoothing — a type id ({@code smoothgrad}) or a mapping with {@code type},
   * {@code samples} and {@code noise} — or {@code null} when errors were reported.
   */
  private Smoothing smoothing(Located at) {
    if (!at.isMapping()) {
      String type = values.typed(at, String.class);
      return type == null ? null : smoothingOf(at, type, null, null);
    }
    values.unknownKeys(at, SMOOTHING_KEYS);
    String type = at.key("type").present() ? values.typed(at.key("type"), String.class) : null;
    Integer samples = at.key("samples").present() ? values.typed(at.key("samples"), Integer.class) : null;
    Double noise = at.key("noise").present() ? values.typed(at.key("noise"), Double.class) : null;
    if ((at.key("type").present() && type == null) || (at.key("samples").present() && samples == null)
        || (at.key("noise").present() && noise == null)) {
      return null;
    }
    return smoothingOf(at, type, samples, noise);
  }

  private Smoothing smoothingOf(Located at, String type, Integer samples, Double noise) {
    try {
      return Smoothing.of(type, samples, noise);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(':')));
      Located where = at.isMapping() && SMOOTHING_KEYS.contains(key) && at.key(key).present() ? at.key(key) : at;
      errors.value(where, e.getMessage());
      return null;
    }
  }

  /** Returns the method's preset, or {@code null} when errors were reported. */
  private MethodPreset preset(Located m) {
    Located at = m.key("preset");
    Object id = at.plain();
    MethodPreset preset = id instanceof String s ? MethodPreset.find(s) : null;
    if (preset == null) {
      errors.value(at, "must be one of: " + MethodPreset.known() + ", was " + Coercion.describe(id));
      return null;
    }
    boolean ok = true;
    for (String role : List.of("path", "stepRule")) {
      if (m.key(role).present()) {
        errors.key(m.key(role), "cannot go with preset '" + preset.id() + "', which fixes the path ("
            + preset.path() + ") and the step rule (" + preset.stepRule() + "); set steps: beside the preset,"
            + " or drop the preset and give path and stepRule yourself");
        ok = false;
      }
    }
    return ok ? preset : null;
  }

  /** Returns the method's {@code steps} (the preset's default when absent), or {@code null} on error. */
  private Integer presetSteps(Located at, MethodPreset preset) {
    if (!at.present()) {
      return preset.steps();
    }
    if (at.plain() instanceof Integer n && n >= 1) {
      return n;
    }
    errors.value(at, "must be a whole number ≥ 1 (the number of " + preset.id() + " steps), was "
        + Coercion.describe(at.plain()));
    return null;
  }

  private List<PluginConfig> presetBaselines(MethodPreset preset, Located at) {
    PluginConfig b = plugins.fromValues(BaselineSampler.class, preset.baselines(), java.util.Map.of(), at);
    return b == null ? null : List.of(b);
  }

  /** Returns the baselines (one plugin or a list), or {@code null} when errors were reported. */
  private List<PluginConfig> baselines(Located at, PluginConfig path) {
    boolean needed = path != null && registry.get(org.igkit.api.path.Path.class, path.type()).has(Capability.NEEDS_BASELINE);
    String hint = "path '" + (path == null ? "" : path.type()) + "' starts from a baseline; e.g. baselines: black (known: "
        + String.join(", ", registry.plugins(BaselineSampler.class).keySet()) + ")";
    if (!at.present()) {
      if (needed) {
        errors.key(at, "is missing; " + hint);
        return null;
      }
      return List.of();
    }
    List<Located> items = at.isList() ? at.items() : List.of(at);
    if (items.isEmpty() && needed) {
      errors.value(at, "must name at least one baseline; " + hint);
      return null;
    }
    List<PluginConfig> out = new ArrayList<>();
    boolean ok = true;
    for (Located item : items) {
      PluginConfig b = plugins.read(BaselineSampler.class, item, null, List.of());
      ok &= b != null;
      out.add(b);
    }
    return ok ? out : null;
  }
}
