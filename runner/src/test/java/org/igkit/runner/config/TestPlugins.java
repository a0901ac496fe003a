package org.igkit.runner.config;

import org.igkit.api.spec.FilePath;
import com.google.inject.AbstractModule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.igkit.api.data.Dataset;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.plugin.Plugins;
import org.igkit.api.spec.Checks;

/**
 * Fake plugins for the loader's tests, added to the registry of every plugin on the class path
 * through {@link PluginLoader#registry}: two datasets (ids unlike the real ones, so both can be
 * registered) and a path that exists only here, proving YAML ids come from the registry.
 */
final class TestPlugins extends AbstractModule {

  /** A folder data set: {@code path} required and resolved against the YAML's folder. */
  record FolderSpec(@FilePath String path, @FilePath String masks, Integer size) {
    FolderSpec {
      if (path == null || path.isBlank()) {
        throw new IllegalArgumentException("path: is required (the folder of images)");
      }
      size = Checks.atLeast("size", 1, size == null ? 10 : size);
    }
  }

  /** A generated data set with defaults only. */
  record ShapesSpec(Integer count, Integer seed) {
    ShapesSpec {
      count = Checks.atLeast("count", 1, count == null ? 100 : count);
      seed = seed == null ? 0 : seed;
    }
  }

  /** A path plugin registered only by this module. */
  record WigglePathSpec(Double amplitude) {
    WigglePathSpec {
      amplitude = Checks.positive("amplitude", amplitude == null ? 0.1 : amplitude);
    }
  }

  @Override
  protected void configure() {
    Plugins.register(binder(), PluginType.of(Dataset.class, "test-folder", FolderSpec.class, TestPlugins::unused, "test: images in a folder"));
    Plugins.register(binder(), PluginType.of(Dataset.class, "test-shapes", ShapesSpec.class, TestPlugins::unused, "test: generated shapes"));
    Plugins.register(binder(), PluginType.of(
        org.igkit.api.path.Path.class, "test-wiggle", WigglePathSpec.class, s -> {
          throw new UnsupportedOperationException("test-wiggle is never built");
        }, "test: a path that only the config tests register"));
  }

  private static Dataset unused(Record spec) {
    throw new UnsupportedOperationException("the loader never builds datasets");
  }

  /** Returns the registry of every plugin on the class path plus these. */
  static PluginRegistry registry() {
    return PluginLoader.registry(new TestPlugins());
  }

  /** Returns the ids of one role's SPI, as error messages list them. */
  static String known(PluginRegistry registry, String role) {
    return Plugins.SPIS.stream()
        .filter(spi -> PluginRegistry.roleOf(spi).equals(role))
        .findFirst()
        .map(spi -> String.join(", ", registry.plugins(spi).keySet()))
        .orElseThrow(() -> new IllegalArgumentException("no role " + role));
  }

  /** Returns a folder under {@code src/test/resources/config}, as copied to the class path. */
  static Path resources(String sub) {
    try {
      return Path.of(TestPlugins.class.getResource("/config/" + sub).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads an experiment of a tiny model and the test data set whose {@code methods:} list is
   * {@code methods} (YAML lines, indented), from a file beside the test models.
   */
  static Experiment parseMethods(String methods) {
    return new ExperimentLoader(registry()).parse(
        "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8]}\ndataset: test-shapes\nmethods:\n" + methods,
        resources("models").resolve("x.yaml"));
  }

  /** Returns the errors of {@link #parseMethods}, each rendered; fails when there is none. */
  static java.util.List<String> methodErrors(String methods) {
    try {
      parseMethods(methods);
    } catch (ConfigException e) {
      return e.errors().stream().map(ConfigError::toString).toList();
    }
    throw new AssertionError("no error for " + methods);
  }

  /** Returns every error rendered with the file's name only (not its folder). */
  static String render(ConfigException e) {
    return e.errors().stream()
        .map(x -> new ConfigError(Path.of(x.file()).getFileName().toString(), x.line(), x.column(), x.yamlPath(), x.message()).toString())
        .collect(Collectors.joining("\n"));
  }
}
