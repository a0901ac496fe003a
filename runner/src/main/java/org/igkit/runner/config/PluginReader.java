package org.igkit.runner.config;

import org.igkit.api.spec.FilePath;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.io.Storages;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.data.ImageFolderCheck;
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
  private final Storages storages;

  PluginReader(PluginRegistry registry, SpecReader specs, ErrorSink errors, Path folder, Storages storages) {
    this.registry = registry;
    this.specs = specs;
    this.errors = errors;
    this.folder = folder;
    this.storages = storages;
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
   * reports a URI where a path belongs — for a component read through storages
   * ({@link FilePath#uris()}), a URI whose scheme no storage on the class path reads — and returns
   * {@code false} then. A URI a storage reads is left as written.
   */
  private boolean resolveFilePaths(Class<? extends Record> spec, Map<String, Object> values, Located at) {
    boolean ok = true;
    for (RecordComponent rc : spec.getRecordComponents()) {
      FilePath filePath = rc.getAnnotation(FilePath.class);
      if (filePath != null && values.get(rc.getName()) instanceof String s && !s.isBlank()) {
        if (filePath.uris() && Storages.scheme(s) != null) {
          if (storages.find(s).isEmpty()) {
            errors.value(at.key(rc.getName()), ImageFolderCheck.noStorage(Storages.scheme(s)));
            ok = false;
          }
          continue;
        }
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
