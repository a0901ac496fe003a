package org.igkit.runner.config;

import org.igkit.api.spec.FilePath;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;

/**
 * Reads one plugin: a plain id ({@code black}) or a mapping with {@code type} and the spec's
 * parameters ({@code {type: riemann, steps: 32}}). Ids are looked up in the {@link PluginRegistry}
 * only, so YAML cannot name a plugin the registry does not have; the spec class comes from the
 * registered {@link PluginType}.
 */
final class PluginReader {

  private final PluginRegistry registry;
  private final SpecReader specs;
  private final ErrorSink errors;
  private final Path folder;

  PluginReader(PluginRegistry registry, SpecReader specs, ErrorSink errors, Path folder) {
    this.registry = registry;
    this.specs = specs;
    this.errors = errors;
    this.folder = folder;
  }

  /**
   * Returns the plugin at {@code at}, or {@code null} when errors were reported.
   *
   * @param defaultId the plugin used when {@code at} is absent, or {@code null} if it is required
   * @param reserved  keys beside {@code type} that the caller reads itself (not passed to the spec)
   */
  PluginConfig read(Class<?> spi, Located at, String defaultId, List<String> reserved) {
    if (!at.present()) {
      return defaultId == null ? missing(spi, at) : defaults(spi, at, defaultId);
    }
    if (at.isList()) {
      errors.value(at, "must be a plugin id or a mapping with 'type' (one of: " + known(spi) + "), was a list");
      return null;
    }
    Located typeAt = at;
    Map<String, Object> values = new LinkedHashMap<>();
    if (at.isMapping()) {
      typeAt = at.key("type");
      if (!typeAt.present()) {
        errors.key(typeAt, "is missing; one of: " + known(spi));
        return null;
      }
      if (typeAt.isList() || typeAt.isMapping()) {
        errors.value(typeAt, "must be a plugin id, one of: " + known(spi) + ", was " + Coercion.describe(typeAt.plain()));
        return null;
      }
      ((Map<?, ?>) at.plain()).forEach((k, v) -> values.put(String.valueOf(k), v));
      values.remove("type");
      reserved.forEach(values::remove);
    }
    String id = String.valueOf(typeAt.plain());
    PluginType<?> type = registry.plugins(spi).get(id);
    if (type == null) {
      try {
        registry.get(spi, id);
      } catch (PluginRegistry.UnknownPluginException e) {
        errors.value(typeAt, e.getMessage());
      }
      return null;
    }
    if (!resolveFilePaths(type.specClass(), values, at)) {
      return null;
    }
    Record spec = specs.read(type.specClass(), at, values, reserved, "'" + id + "'");
    return spec == null ? null : new PluginConfig(spi, id, spec);
  }

  /**
   * Returns the plugin {@code id} built from plain {@code values} (a preset's settings), errors
   * reported at {@code at}; or {@code null} when errors were reported.
   */
  PluginConfig fromValues(Class<?> spi, String id, Map<String, Object> values, Located at) {
    PluginType<?> type = registry.plugins(spi).get(id);
    if (type == null) {
      errors.value(at, "needs the " + PluginRegistry.roleOf(spi) + " '" + id + "', which is not registered; known: "
          + known(spi));
      return null;
    }
    Record spec = specs.read(type.specClass(), at, new LinkedHashMap<>(values), List.of(), "'" + id + "'");
    return spec == null ? null : new PluginConfig(spi, id, spec);
  }

  private PluginConfig missing(Class<?> spi, Located at) {
    errors.key(at, "is missing; give a " + PluginRegistry.roleOf(spi) + ", one of: " + known(spi));
    return null;
  }

  private PluginConfig defaults(Class<?> spi, Located at, String id) {
    PluginType<?> type = registry.plugins(spi).get(id);
    if (type == null) {
      errors.key(at, "is missing, and its default '" + id + "' is not registered; give one of: " + known(spi));
      return null;
    }
    try {
      return PluginConfig.defaults(type);
    } catch (IllegalStateException e) {
      errors.key(at, "is missing, and its default '" + id + "' cannot be built: " + e.getMessage());
      return null;
    }
  }

  private String known(Class<?> spi) {
    return String.join(", ", registry.plugins(spi).keySet());
  }

  /**
   * Resolves relative values of {@link FilePath} components against the YAML file's folder;
   * reports a URI where a path belongs and returns {@code false} then.
   */
  private boolean resolveFilePaths(Class<? extends Record> spec, Map<String, Object> values, Located at) {
    boolean ok = true;
    for (RecordComponent rc : spec.getRecordComponents()) {
      if (rc.isAnnotationPresent(FilePath.class) && values.get(rc.getName()) instanceof String s && !s.isBlank()) {
        String refused = LocalPaths.refusal(s);
        if (refused != null) {
          errors.value(at.key(rc.getName()), refused);
          ok = false;
          continue;
        }
        try {
          values.put(rc.getName(), folder.resolve(s).normalize().toString());
        } catch (java.nio.file.InvalidPathException e) {
          // left as written: the plugin reports the path it cannot use
        }
      }
    }
    return ok;
  }
}
