package org.igkit.runner.config;

import org.igkit.api.spec.FilePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.igkit.api.model.ModelSpec;

/**
 * An experiment: one model, one data set, several named attribution methods, metrics and an
 * ablation grid — everything {@code igkit run} needs, validated and with defaults filled in. Read
 * one from YAML with {@link ExperimentLoader}; expand its grid into cells with
 * {@link ExperimentLoader#cells(Experiment)}.
 *
 * <h2>YAML format</h2>
 *
 * <pre>{@code
 * name: wg-vs-eg            # required, [A-Za-z0-9._-]+
 * seed: 8                   # default 0; every cell and sample derives its own seed from it
 * model:                    # the fields of ModelSpec
 *   path: models/tiny_cnn.pt   # required; relative to this file's folder; must exist
 *   format: torchscript        # torchscript (default) | djl-block
 *   inputShape: [3, 32, 32]    # required, [C, H, W]
 *   mean: [0.5]                # one value or one per channel (default 0)
 *   std: [0.25]                # one value or one per channel (default 1)
 *   output: probability        # probability (default) | logit
 * dataset:
 *   type: image-folder      # required: a Dataset plugin id (igkit list-plugins)
 *   path: images            # the plugin's own parameters (its spec record's fields)
 *   resize: none            # image-folder: none (default; another size is a fault of its sample) | bilinear
 *   limit: 20               # selection, for every dataset: limit (default: all),
 *   offset: 0               #   offset (default 0),
 *   shard: 0/1              #   shard i/n (default 0/1: contiguous shard i of n)
 * methods:                  # required, at least one
 *   - name: EG              # required, unique, [A-Za-z0-9_+-]+
 *     baselines:            # one plugin or a list (their baselines are concatenated);
 *       - type: uniform-noise   #   required when the path starts from a baseline
 *         count: 4
 *       - type: black
 *     path: {type: straight}                # default straight
 *     stepRule: {type: riemann, steps: 32}  # default riemann with its defaults
 *     aggregator: {type: uniform}           # default uniform
 *   - name: WG
 *     baselines: [{type: uniform-noise, count: 4}, black]   # a plain id means {type: id}
 *     aggregator: {type: fitness, alpha: 0.5}
 * metrics:                  # default none; plugin ids or configs, each name at most once
 *   - deletion-auc
 *   - {type: overlap-auc, steps: 50}
 *   - {type: deletion-auc, name: deletion-zero, replacement: zero}   # name: a second setting of a metric
 * grid:                     # default none; see below
 *   stepRule.steps: [16, 64]
 *   fitness.alpha: [0.3, 0.5]
 * reference: EG             # the method others are compared with; default the first
 * target: predicted         # predicted (default) | label
 * batchSize: 16             # default 16, ≥ 1: points per model call
 * threads: 1                # default 1, 1 to 256: PyTorch intra-op threads (per worker)
 * workers: 1                # default 1, 1 to 256: samples attributed concurrently, each worker with
 *                           #   its own model instance; results are identical for any value
 * output: runs/wg-vs-eg     # default runs/<name>, relative to the current directory
 * saveAttributions: false   # default false: write each map as .npy (true: with every optional
 *                           #   file; {baselines: false, curves: false}: without those, see
 *                           #   SaveAttributions)
 * report:                   # the HTML report; changes no result
 *   samples: [s3, s17]      # default: the first maxSamples selected samples
 *   maxSamples: 8           # default 8, 0 to 1000
 *   sign: diverging         # diverging (default) | positive | absolute
 *   completenessThreshold: 0.1  # flag methods whose mean |ΣA − Δf| exceeds this × mean f_c(x)
 * }</pre>
 *
 * <p><b>Plugins.</b> Wherever a plugin goes ({@code dataset}, {@code baselines}, {@code path},
 * {@code stepRule}, {@code aggregator}, {@code metrics}) YAML gives either its id or a mapping of
 * {@code type} and the fields of its spec record; nested specs are nested mappings
 * ({@code {type: filtered, tau: 0.5, fitness: {alpha: 0.3}}}). Ids come only from the plugin
 * registry, so a plugin jar on the class path is usable at once. Left-out fields take the spec's
 * defaults; an empty value ({@code steps:} or {@code ~}) means the default too. Spec fields
 * annotated {@link FilePath} are paths relative to the YAML file's folder (local paths only: a URI
 * such as {@code hdfs://…} is an error), except where the plugin reads them through storages
 * ({@code FilePath(uris = true)}, the image folder's {@code path}, {@code masks}, {@code labels}
 * and {@code reference}): there a URI whose scheme a storage on the class path reads is taken as
 * written ({@code file:} always; {@code hdfs:}, {@code s3a:}, … with {@code runner-spark}), and
 * one of another scheme is an error. A grid expands to at most 10,000 cells.
 *
 * <p><b>Values.</b> Integers are decimal; numbers may be written as integers; booleans are
 * {@code true} or {@code false} only ({@code yes}/{@code no} are strings); a single value stands
 * for a one-element list.
 *
 * <p><b>Grid.</b> Each key names a parameter, each value is a list of values to try (a single value
 * is a list of one). Every method gets the outer product of the keys that apply to it, the last key
 * varying fastest; a method no key applies to stays one cell. Keys:
 *
 * <ul>
 *   <li>{@code <role>.<param>} with role one of {@code baselines}, {@code path}, {@code stepRule},
 *       {@code aggregator}: every method whose plugin in that role has the parameter
 *       ({@code stepRule.steps});
 *   <li>{@code <pluginId>.<param>}: every plugin of that id, whatever its role
 *       ({@code fitness.alpha}, {@code filtered.tau});
 *   <li>{@code <method>.<role>.<param>}: one method only ({@code WG.aggregator.alpha}).
 * </ul>
 *
 * Parameters of nested specs take more dots ({@code filtered.fitness.alpha}). A key that applies
 * to no method, two keys that set one parameter, a repeated value or a value the spec refuses is an
 * error. Cells are named {@code WG[stepRule.steps=16,fitness.alpha=0.3]}.
 *
 * <p><b>Errors.</b> Every error of a file is reported at once, each as
 * {@code file:line:column yaml.path: what is wrong (what is allowed)}, before any model loads.
 *
 * @param name             the experiment's name, {@code [A-Za-z0-9._-]+}
 * @param seed             the experiment seed
 * @param model            the model, its path absolute
 * @param dataset          the dataset plugin
 * @param selection        which samples of the dataset
 * @param methods          the methods, names unique, at least one
 * @param metrics          the metrics, possibly none
 * @param grid             grid key → values to try, in the file's order
 * @param reference        the name of the method others are compared with
 * @param target           the classes attributions explain ({@link Targets}): {@code predicted},
 *                         {@code label}, a class index, {@code top-k}, or several joined by ','
 * @param batchSize        points per model call, ≥ 1
 * @param threads          PyTorch intra-op threads of each worker, ≥ 1
 * @param workers          samples attributed concurrently, each by a worker with its own model
 *                         instance, ≥ 1; results do not depend on it
 * @param output           the output folder, relative to the current directory unless absolute
 * @param saveAttributions whether attribution maps are written as {@code .npy}
 * @param source           the YAML file, absolute, or {@code null} for an experiment built in code
 * @param report           the HTML report's settings ({@link ReportOptions}; defaults when null)
 * @param saving           which optional files {@code saveAttributions} writes beside each map
 *                         ({@link SaveAttributions}; all when null); unused when
 *                         {@code saveAttributions} is false
 */
public record Experiment(
    String name,
    long seed,
    ModelSpec model,
    PluginConfig dataset,
    Selection selection,
    List<MethodConfig> methods,
    List<PluginConfig> metrics,
    Map<String, List<Object>> grid,
    String reference,
    String target,
    int batchSize,
    int threads,
    int workers,
    String output,
    boolean saveAttributions,
    java.nio.file.Path source,
    ReportOptions report,
    SaveAttributions saving) {

  /** What an experiment name may hold: it names the default output folder. */
  public static final String NAME = "[A-Za-z0-9._-]+";

  /** Attribute the class the model predicts. */
  public static final String PREDICTED = "predicted";

  /** Attribute the sample's label. */
  public static final String LABEL = "label";

  /** The attribution targets. */
  public static final List<String> TARGETS = List.of(PREDICTED, LABEL);

  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 16;

  /** The default number of workers: one sample at a time. */
  public static final int DEFAULT_WORKERS = 1;

  /**
   * The most {@code threads} (per worker) and {@code workers} an experiment may ask for: far above
   * any machine's useful parallelism, far below the number at which starting threads exhausts it.
   */
  public static final int MAX_PARALLELISM = 256;

  /**
   * Fills defaults ({@code selection} all, no metrics, empty grid, reference the first method,
   * target {@code predicted}, output {@code runs/<name>}), copies the collections (the grid keeps
   * its order) and validates.
   */
  public Experiment {
    Objects.requireNonNull(name, "name");
    if (!name.matches(NAME)) {
      throw new IllegalArgumentException("name: must match " + NAME + ", was '" + name + "'");
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    if (dataset.spi() != org.igkit.api.data.Dataset.class) {
      throw new IllegalArgumentException("dataset: must be a Dataset plugin, was " + dataset.spi().getSimpleName());
    }
    selection = selection == null ? Selection.ALL : selection;
    methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("methods: must list at least one method");
    }
    Set<String> names = new HashSet<>();
    for (MethodConfig m : methods) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("methods: duplicate method name '" + m.name() + "'");
      }
    }
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    Map<String, List<Object>> g = new LinkedHashMap<>();
    if (grid != null) {
      grid.forEach((k, v) -> g.put(Objects.requireNonNull(k, "grid key"), List.copyOf(v)));
    }
    grid = Collections.unmodifiableMap(g);
    reference = reference == null ? methods.get(0).name() : reference;
    if (!names.contains(reference)) {
      throw new IllegalArgumentException("reference: no method named '" + reference + "'");
    }
    target = target == null ? PREDICTED : target;
    Targets.items(target); // validates
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: must be ≥ 1, was " + batchSize);
    }
    if (threads < 1 || threads > MAX_PARALLELISM) {
      throw new IllegalArgumentException("threads: must be between 1 and " + MAX_PARALLELISM + ", was " + threads);
    }
    if (workers < 1 || workers > MAX_PARALLELISM) {
      throw new IllegalArgumentException("workers: must be between 1 and " + MAX_PARALLELISM + ", was " + workers);
    }
    output = output == null ? "runs/" + name : output;
    report = report == null ? ReportOptions.DEFAULTS : report;
    saving = saving == null ? SaveAttributions.ALL : saving;
  }

  /** An experiment that saves every optional file with its maps; otherwise as the canonical constructor. */
  public Experiment(
      String name,
      long seed,
      ModelSpec model,
      PluginConfig dataset,
      Selection selection,
      List<MethodConfig> methods,
      List<PluginConfig> metrics,
      Map<String, List<Object>> grid,
      String reference,
      String target,
      int batchSize,
      int threads,
      int workers,
      String output,
      boolean saveAttributions,
      java.nio.file.Path source,
      ReportOptions report) {
    this(name, seed, model, dataset, selection, methods, metrics, grid, reference, target, batchSize, threads,
        workers, output, saveAttributions, source, report, SaveAttributions.ALL);
  }

  /** An experiment with the default report settings; otherwise as the canonical constructor. */
  public Experiment(
      String name,
      long seed,
      ModelSpec model,
      PluginConfig dataset,
      Selection selection,
      List<MethodConfig> methods,
      List<PluginConfig> metrics,
      Map<String, List<Object>> grid,
      String reference,
      String target,
      int batchSize,
      int threads,
      int workers,
      String output,
      boolean saveAttributions,
      java.nio.file.Path source) {
    this(name, seed, model, dataset, selection, methods, metrics, grid, reference, target, batchSize, threads,
        workers, output, saveAttributions, source, ReportOptions.DEFAULTS);
  }

  /** An experiment with one worker ({@link #DEFAULT_WORKERS}); otherwise as the canonical constructor. */
  public Experiment(
      String name,
      long seed,
      ModelSpec model,
      PluginConfig dataset,
      Selection selection,
      List<MethodConfig> methods,
      List<PluginConfig> metrics,
      Map<String, List<Object>> grid,
      String reference,
      String target,
      int batchSize,
      int threads,
      String output,
      boolean saveAttributions,
      java.nio.file.Path source) {
    this(name, seed, model, dataset, selection, methods, metrics, grid, reference, target, batchSize, threads,
        DEFAULT_WORKERS, output, saveAttributions, source);
  }

  /** Returns this experiment with {@code newWorkers} workers and {@code newThreads} threads each. */
  public Experiment withParallelism(int newWorkers, int newThreads) {
    return new Experiment(name, seed, model, dataset, selection, methods, metrics, grid, reference, target, batchSize,
        newThreads, newWorkers, output, saveAttributions, source, report, saving);
  }

  /** Returns this experiment with another sample selection and output folder. */
  public Experiment withSelection(Selection newSelection, String newOutput) {
    return new Experiment(name, seed, model, dataset, newSelection, methods, metrics, grid, reference, target, batchSize,
        threads, workers, newOutput, saveAttributions, source, report, saving);
  }

  /** Returns the method called {@code name}. */
  public MethodConfig method(String methodName) {
    return methods.stream().filter(m -> m.name().equals(methodName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no method named '" + methodName + "'"));
  }

  /**
   * Returns the experiment as YAML would write it with every default filled in, for provenance
   * ({@code source} left out).
   */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("seed", seed);
    m.put("model", SpecMaps.toMap(model));
    Map<String, Object> data = new LinkedHashMap<>(dataset.resolved());
    data.put("limit", selection.limit());
    data.put("offset", selection.offset());
    data.put("shard", selection.shard());
    m.put("dataset", Collections.unmodifiableMap(data));
    m.put("methods", methods.stream().map(MethodConfig::resolved).toList());
    m.put("metrics", metrics.stream().map(PluginConfig::resolved).toList());
    Map<String, Object> g = new LinkedHashMap<>();
    grid.forEach((k, v) -> g.put(k, new ArrayList<>(v)));
    m.put("grid", Collections.unmodifiableMap(g));
    m.put("reference", reference);
    m.put("target", target);
    m.put("batchSize", batchSize);
    m.put("threads", threads);
    m.put("workers", workers);
    m.put("output", output);
    // the boolean unless the mapping form chose other files, so earlier files resolve alike
    m.put("saveAttributions", saveAttributions && !saving.equals(SaveAttributions.ALL) ? saving.resolved()
        : saveAttributions);
    if (!report.equals(ReportOptions.DEFAULTS)) {
      m.put("report", report.resolved()); // absent at its defaults, so older files resolve alike
    }
    return Collections.unmodifiableMap(m);
  }
}
