package org.igkit.runner.config;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;
import org.igkit.api.io.Storages;
import org.igkit.api.plugin.PluginRegistry;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads experiment YAML files (format: {@link Experiment}) into validated {@link Experiment}s and
 * expands their grids into {@link Cell}s. Every error of a file is collected and thrown at once as
 * a {@link ConfigException}; nothing is loaded — the model file is only checked to exist, the
 * dataset's spec built, and an image folder's files listed and measured from their headers
 * ({@link DatasetCheck}). Resource bounds (grid cells, baseline counts, blur σ, threads, image
 * pixels) are checked here, so that {@code validate} and {@code run} refuse the same files.
 *
 * <p>Data locations are read through {@link Storages}: the storages on the class path unless
 * {@link #withStorages} gives others. A data-set path that is a URI of a scheme no storage reads is
 * an error here, never a failure at run time.
 */
public final class ExperimentLoader {

  private final PluginRegistry registry;
  private final SpecBinder binder = new SpecBinder();
  private final Storages givenStorages;
  private final boolean checkFiles;
  private Storages storages;

  /** Creates a loader that resolves plugin ids in {@code registry}. */
  @Inject
  public ExperimentLoader(PluginRegistry registry) {
    this(registry, null, true);
  }

  private ExperimentLoader(PluginRegistry registry, Storages storages, boolean checkFiles) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.givenStorages = storages;
    this.checkFiles = checkFiles;
  }

  /** Returns a loader that reads data locations through {@code storages}. */
  public ExperimentLoader withStorages(Storages storages) {
    return new ExperimentLoader(registry, Objects.requireNonNull(storages, "storages"), checkFiles);
  }

  /**
   * Returns a loader that neither lists nor reads the data set's files: for a configuration that a
   * loader checked already, read again where its run computes (a Spark executor), which then opens
   * only the files of its own samples. Everything else is checked as before.
   */
  public ExperimentLoader withoutFileChecks() {
    return new ExperimentLoader(registry, givenStorages, false);
  }

  /** Returns the storages data locations are read through (those on the class path, found once). */
  private synchronized Storages storages() {
    if (storages == null) {
      storages = givenStorages != null ? givenStorages : Storages.installed();
    }
    return storages;
  }

  /**
   * Reads and validates an experiment file, grid included.
   *
   * @throws ConfigException with every error found, each naming file, line, column and YAML path
   */
  public Experiment load(java.nio.file.Path yaml) {
    String file = yaml.toString();
    String text;
    try {
      text = Files.readString(yaml);
    } catch (NoSuchFileException e) {
      throw single(file, "file not found: " + yaml.toAbsolutePath().normalize());
    } catch (MalformedInputException e) {
      throw single(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw single(file, "cannot read: " + e.getMessage());
    }
    return parse(text, yaml);
  }

  /**
   * Reads and validates experiment YAML as though it came from {@code pretendSource}: errors name
   * that file, and relative paths are resolved against its folder.
   *
   * @throws ConfigException with every error found
   */
  public Experiment parse(String yaml, java.nio.file.Path pretendSource) {
    String file = pretendSource.toString();
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    Node root = YamlDocument.compose(text, file);
    try {
      return new ExperimentReader(registry, binder, file, pretendSource.toAbsolutePath().normalize(),
          storages(), checkFiles).read(root);
    } catch (IllegalArgumentException e) {
      throw single(file, e.getMessage()); // a recursive alias
    }
  }

  /** Returns every error of an experiment file; empty when it is valid. */
  public List<ConfigError> validate(java.nio.file.Path yaml) {
    try {
      load(yaml);
      return List.of();
    } catch (ConfigException e) {
      return e.errors();
    }
  }

  /**
   * Expands the experiment's grid into cells: per method, in method order, the outer product of
   * the values of the grid keys that apply to it, the last key varying fastest.
   *
   * @throws ConfigException when a key applies to no method or a value is invalid (not located:
   *     experiments from {@link #load} have been checked already)
   */
  public List<Cell> cells(Experiment experiment) {
    GridExpander.Result r = new GridExpander(registry, binder).expand(experiment.methods(), experiment.grid());
    if (r.issues().isEmpty()) {
      return Targets.expand(r.cells(), experiment.target());
    }
    String file = experiment.source() == null ? "experiment" : experiment.source().toString();
    throw new ConfigException(r.issues().stream()
        .map(i -> new ConfigError(file, 0, 0,
            i.key() == null ? "grid" : "grid." + i.key() + (i.value() >= 0 ? "[" + i.value() + "]" : ""), i.message()))
        .toList());
  }

  private static ConfigException single(String file, String message) {
    return new ConfigException(List.of(new ConfigError(file, 0, 0, "", message)));
  }
}
