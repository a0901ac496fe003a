package org.igkit.runner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.api.data.Dataset;
import org.igkit.api.io.Storages;
import org.igkit.api.metric.Metric;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.spec.Names;
import org.igkit.api.model.ModelFormat;
import org.igkit.api.model.ModelSpec;
import org.igkit.runner.results.ResultRow;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one experiment document, collecting every error before giving up. Used once. */
final class ExperimentReader {

  /** The top-level keys, in the order the format documents them. */
  static final List<String> KEYS = List.of(
      "name", "seed", "model", "dataset", "methods", "metrics", "grid", "reference", "target",
      "batchSize", "threads", "workers", "output", "saveAttributions", "report");

  /** The keys of {@code report}. */
  static final List<String> REPORT_KEYS = List.of("samples", "maxSamples", "sign", "completenessThreshold");

  /** The selection keys that every dataset takes beside its plugin's parameters. */
  static final List<String> SELECTION_KEYS = List.of("limit", "offset", "shard");

  private static final Pattern SHARD = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  private final PluginRegistry registry;
  private final SpecBinder binder;
  private final ErrorSink errors;
  private final Path source;
  private final Values values;
  private final SpecReader specs;
  private final PluginReader plugins;
  private final MethodReader methodReader;
  private final Storages storages;
  private final boolean checkFiles;

  /**
   * @param file   the file as named in errors
   * @param source the file's absolute path; relative paths in it are resolved against its folder
   */
  ExperimentReader(PluginRegistry registry, SpecBinder binder, String file, Path source, Storages storages,
      boolean checkFiles) {
    this.registry = registry;
    this.storages = storages;
    this.checkFiles = checkFiles;
    this.binder = binder;
    this.errors = new ErrorSink(file);
    this.source = source;
    this.values = new Values(errors);
    this.specs = new SpecReader(errors, binder);
    Path folder = source.getParent() == null ? source.toAbsolutePath() : source.getParent();
    this.plugins = new PluginReader(registry, specs, errors, folder, storages);
    this.methodReader = new MethodReader(registry, plugins, values, errors);
  }

  /** Reads the document; throws {@link ConfigException} with every error found. */
  Experiment read(Node document) {
    if (document == null || YamlDocument.isNull(document)) {
      errors.at(null, "", "file is empty; an experiment needs at least name, model, dataset and methods");
      throw new ConfigException(errors.all());
    }
    Located root = Located.root(document);
    if (!root.isMapping()) {
      errors.value(root, "must be a mapping of " + String.join(", ", KEYS) + ", was " + describe(root));
      throw new ConfigException(errors.all());
    }
    YamlDocument.duplicateKeys(root, errors);
    values.unknownKeys(root, KEYS);

    String name = name(root.key("name"));
    Long seed = values.typed(root.key("seed"), Long.class);
    ModelSpec model = model(root.key("model"));
    Located datasetAt = root.key("dataset");
    PluginConfig dataset = plugins.read(Dataset.class, datasetAt, null, SELECTION_KEYS);
    Selection selection = datasetAt.isMapping() ? selection(datasetAt) : Selection.ALL;
    List<String> names = new ArrayList<>();
    List<MethodConfig> parsed = new ArrayList<>();
    List<MethodConfig> methods = methods(root.key("methods"), names, parsed);
    List<PluginConfig> metrics = metrics(root.key("metrics"));
    dataset = new DatasetCheck(registry, binder, errors, storages, checkFiles).check(dataset, datasetAt, model, selection, metrics, root.key("metrics"));
    Map<String, Located> gridPlaces = new LinkedHashMap<>();
    Map<String, List<Object>> grid = grid(root.key("grid"), gridPlaces);
    String reference = reference(root.key("reference"), names);
    String target = target(root.key("target"));
    int batchSize = values.atLeast(root.key("batchSize"), 1, Experiment.DEFAULT_BATCH_SIZE);
    int threads = values.between(root.key("threads"), 1, Experiment.MAX_PARALLELISM, 1,
        "PyTorch threads per worker; more than the machine's cores only adds contention");
    int workers = values.between(root.key("workers"), 1, Experiment.MAX_PARALLELISM, Experiment.DEFAULT_WORKERS,
        "each worker holds a model of its own; more than the machine's cores only adds memory");
    String output = output(root.key("output"), name);
    Located saveAt = root.key("saveAttributions");
    SaveAttributions saving = saving(saveAt);
    Boolean save = saveAt.isMapping() ? Boolean.TRUE : saving == null ? null : values.typed(saveAt, Boolean.class);
    ReportOptions report = report(root.key("report"));

    if (grid != null && !parsed.isEmpty()) {
      // With some methods broken, the grid is still checked against the others, so that every
      // error shows at once; key errors then say that the broken methods were not consulted.
      checkGrid(parsed, grid, root.key("grid"), gridPlaces, methods == null);
    }
    if (errors.count() > 0) {
      throw new ConfigException(errors.all());
    }
    try {
      return new Experiment(name, seed == null ? 0 : seed, model, dataset, selection, methods, metrics, grid, reference,
          target, batchSize, threads, workers, output, save != null && save, source, report, saving);
    } catch (IllegalArgumentException e) {
      errors.at(null, "", e.getMessage());
      throw new ConfigException(errors.all());
    }
  }

  /**
   * Reads {@code saveAttributions}' optional files: {@link SaveAttributions#ALL} for the boolean
   * form or when absent, the chosen files for the mapping form; null (reported) when it is neither.
   */
  private SaveAttributions saving(Located at) {
    if (!at.present()) {
      return SaveAttributions.ALL;
    }
    if (!at.isMapping()) {
      if (!(at.plain() instanceof Boolean)) {
        errors.value(at, "must be true, false or a mapping of " + String.join(", ", SaveAttributions.KEYS)
            + " (each true or false, default true), was " + describe(at));
        return null;
      }
      return SaveAttributions.ALL;
    }
    values.unknownKeys(at, SaveAttributions.KEYS);
    Boolean baselines = values.typed(at.key("baselines"), Boolean.class);
    Boolean curves = values.typed(at.key("curves"), Boolean.class);
    return new SaveAttributions(baselines == null || baselines, curves == null || curves);
  }

  private ReportOptions report(Located at) {
    if (!at.present()) {
      return ReportOptions.DEFAULTS;
    }
    if (!values.mapping(at, "a mapping of " + String.join(", ", REPORT_KEYS))) {
      return ReportOptions.DEFAULTS;
    }
    values.unknownKeys(at, REPORT_KEYS);
    List<String> samples = new ArrayList<>();
    Located samplesAt = at.key("samples");
    if (samplesAt.present()) {
      if (!(samplesAt.plain() instanceof List<?>)) {
        errors.value(samplesAt, "must be a list of sample ids, was " + describe(samplesAt));
      } else {
        for (Located item : samplesAt.items()) {
          Object v = item.plain();
          if (v instanceof String || v instanceof Number) {
            samples.add(String.valueOf(v));
          } else {
            errors.value(item, "must be a sample id, was " + describe(item));
          }
        }
      }
    }
    if (samples.size() > ReportOptions.MAX_SAMPLES) {
      errors.value(samplesAt, "must list at most " + ReportOptions.MAX_SAMPLES + " samples, was " + samples.size());
      samples = List.of();
    }
    int max = values.between(at.key("maxSamples"), 0, ReportOptions.MAX_SAMPLES, ReportOptions.DEFAULT_MAX_SAMPLES,
        "each sample adds one image per cell to the page");
    String sign = values.typed(at.key("sign"), String.class);
    if (sign != null && !ReportOptions.SIGNS.contains(sign)) {
      errors.value(at.key("sign"), "must be one of " + String.join(", ", ReportOptions.SIGNS) + ", was '" + sign + "'");
      sign = null;
    }
    Double threshold = values.typed(at.key("completenessThreshold"), Double.class);
    if (threshold != null && !(threshold >= 0 && threshold < Double.POSITIVE_INFINITY)) {
      errors.value(at.key("completenessThreshold"), "must be a finite number ≥ 0, was " + threshold);
      threshold = null;
    }
    return new ReportOptions(samples, Integer.valueOf(max), sign, threshold);
  }

  private String name(Located at) {
    if (!at.present()) {
      errors.key(at, "is missing; give the experiment a name matching " + Experiment.NAME
          + " (it names the default output folder runs/<name>)");
      return null;
    }
    return values.matching(at, Experiment.NAME, "letters, digits, ., _, -");
  }

  private ModelSpec model(Located at) {
    if (!at.present()) {
      errors.key(at, "is missing; give at least model.path and model.inputShape");
      return null;
    }
    if (!values.mapping(at, "a mapping of model settings (path, format, inputShape, mean, std, output, …)")) {
      return null;
    }
    Map<String, Object> given = new LinkedHashMap<>();
    ((Map<?, ?>) at.plain()).forEach((k, v) -> given.put(String.valueOf(k), v));
    Located pathAt = at.key("path");
    Path file = null;
    if (given.get("path") instanceof String p && !p.isBlank()) {
      String refused = LocalPaths.refusal(p);
      if (refused != null) {
        errors.value(pathAt, refused);
        return null;
      }
      try {
        file = source.resolveSibling(p).toAbsolutePath().normalize();
        given.put("path", file.toString());
      } catch (java.nio.file.InvalidPathException e) {
        errors.value(pathAt, "is not a valid path: " + e.getMessage());
        return null;
      }
    }
    ModelSpec spec = specs.read(ModelSpec.class, at, given, List.of(), "model");
    if (spec != null) {
      spec = resolveFormat(at, spec);
    }
    if (file != null && !Files.exists(file)) {
      errors.value(pathAt, "file not found: " + file);
      return null;
    }
    return spec;
  }

  /** Lets the spec's model-format plugin fill and check its own parts; reports a refusal where it points. */
  private ModelSpec resolveFormat(Located at, ModelSpec spec) {
    ModelFormat format;
    try {
      format = registry.create(ModelFormat.class, spec.format(), null);
    } catch (PluginRegistry.UnknownPluginException e) {
      errors.value(at.key("format"), e.getMessage());
      return null;
    }
    try {
      return format.resolve(spec);
    } catch (IllegalArgumentException e) {
      SpecBinder.Refused r = SpecBinder.refusal(ModelSpec.class, List.of(), e.getMessage());
      errors.value(at.at(r.at()), r.getMessage());
      return null;
    }
  }

  private Selection selection(Located dataset) {
    Integer offset = values.typed(dataset.key("offset"), Integer.class);
    Integer limit = values.typed(dataset.key("limit"), Integer.class);
    if (offset != null && offset < 0) {
      errors.value(dataset.key("offset"), "must be ≥ 0, was " + offset);
      offset = null;
    }
    if (limit != null && limit < 1) {
      errors.value(dataset.key("limit"), "must be ≥ 1, was " + limit + " (leave it out for every sample)");
      limit = null;
    }
    int index = 0;
    int count = 1;
    Located shardAt = dataset.key("shard");
    if (shardAt.present()) {
      Object v = shardAt.plain();
      Matcher m = v instanceof String s ? SHARD.matcher(s) : null;
      if (m != null && m.matches() && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2))) {
        index = Integer.parseInt(m.group(1));
        count = Integer.parseInt(m.group(2));
      } else {
        errors.value(shardAt, "must be 'i/n' with 0 ≤ i < n (shard i of n, e.g. 0/4), was " + Coercion.describe(v));
      }
    }
    return new Selection(offset == null ? 0 : offset, limit, index, count);
  }

  /** Returns the methods, or {@code null} if any has errors; fills {@code names} with every name given. */
  private List<MethodConfig> methods(Located at, List<String> names, List<MethodConfig> parsed) {
    if (!at.present()) {
      errors.key(at, "is missing; list at least one method (- name: EG, baselines: …, aggregator: …)");
      return null;
    }
    if (!at.isList()) {
      errors.value(at, "must be a list of methods (- name: …), was " + describe(at));
      return null;
    }
    if (at.items().isEmpty()) {
      errors.value(at, "must list at least one method");
      return null;
    }
    List<MethodConfig> out = new ArrayList<>();
    Map<String, Located> seen = new HashMap<>();
    boolean ok = true;
    for (Located item : at.items()) {
      MethodReader.Read m = methodReader.read(item);
      if (m.name() != null) {
        Located first = seen.putIfAbsent(m.name(), m.nameAt());
        if (first != null) {
          errors.value(m.nameAt(), "duplicate method name '" + m.name() + "' (also " + first.path().replace(".name", "")
              + " at line " + (first.mark().getLine() + 1) + "); method names must be unique");
          ok = false;
        } else {
          names.add(m.name());
        }
      }
      ok &= m.config() != null;
      out.add(m.config());
      if (m.config() != null) {
        parsed.add(m.config());
      }
    }
    return ok ? out : null;
  }

  private List<PluginConfig> metrics(Located at) {
    if (!at.present()) {
      return List.of();
    }
    List<Located> items = at.isList() ? at.items() : List.of(at);
    List<PluginConfig> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Located item : items) {
      PluginConfig m = plugins.read(Metric.class, item, null, List.of("name"));
      Located nameAt = item.isMapping() ? item.key("name") : null;
      if (m != null && nameAt != null && nameAt.present()) {
        String name = values.matching(nameAt, MethodReader.NAME, "letters, digits, _, +, -");
        if (name == null) {
          m = null;
        } else if (name.equals(ResultRow.ERROR_METRIC) || name.startsWith(ResultRow.DIAGNOSTIC_PREFIX)) {
          errors.value(nameAt, "'" + name + "' is reserved for igkit's own rows; choose another name");
          m = null;
        } else {
          m = m.withName(name);
        }
      }
      if (m != null && !seen.add(m.id())) {
        errors.value(item, "lists metric '" + m.id() + "' twice; results are keyed by metric name: keep one, or give"
            + " each its own name, e.g. {type: " + m.type() + ", name: " + m.type() + "-2, …}");
      }
      out.add(m);
    }
    return out.contains(null) ? null : out;
  }

  private Map<String, List<Object>> grid(Located at, Map<String, Located> places) {
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    if (!at.present()) {
      return grid;
    }
    if (!values.mapping(at, "a mapping of <key>: [values], e.g. stepRule.steps: [16, 64]")) {
      return null;
    }
    boolean ok = true;
    for (NodeTuple t : at.entries()) {
      Located v = at.child(t);
      String key = YamlDocument.keyText(t.getKeyNode());
      places.put(key, v);
      if (v.isMapping() || !v.present() || (v.isList() && v.items().isEmpty())) {
        errors.value(v, v.isMapping()
            ? "must list the values to try, e.g. [16, 64], was a mapping"
            : "must list at least one value to try, e.g. [16, 64]");
        ok = false;
        continue;
      }
      List<Object> list = new ArrayList<>();
      for (Located item : v.isList() ? v.items() : List.of(v)) {
        if (!item.present()) {
          errors.value(item, "must not be empty");
          ok = false;
        }
        list.add(item.plain());
      }
      grid.put(key, list);
    }
    return ok ? grid : null;
  }

  private void checkGrid(
      List<MethodConfig> methods, Map<String, List<Object>> grid, Located at, Map<String, Located> places, boolean partial) {
    GridExpander.Result r = new GridExpander(registry, binder).expand(methods, grid);
    for (GridExpander.Issue i : r.issues()) {
      String message = partial && i.value() == GridExpander.Issue.KEY && !i.message().startsWith("must be")
          ? i.message() + " (methods with errors above were not checked)"
          : i.message();
      if (i.key() == null) {
        errors.key(at, message);
      } else if (i.value() == GridExpander.Issue.KEY) {
        errors.key(places.get(i.key()), message);
      } else {
        errors.value(places.get(i.key()).at(List.of(i.value())), message);
      }
    }
  }

  private String reference(Located at, List<String> names) {
    if (!at.present()) {
      return names.isEmpty() ? null : names.get(0);
    }
    String ref = values.typed(at, String.class);
    if (ref != null && !names.contains(ref)) {
      errors.value(at, "no method named '" + ref + "' (methods: " + String.join(", ", names) + ")" + Names.didYouMean(ref, names));
      return null;
    }
    return ref;
  }

  private String target(Located at) {
    if (!at.present()) {
      return null;
    }
    List<Located> items = at.isList() ? at.items() : List.of(at);
    if (items.isEmpty()) {
      errors.value(at, "must name at least one target (predicted, label, a class index, top-k)");
      return null;
    }
    List<String> texts = new java.util.ArrayList<>();
    boolean ok = true;
    for (Located item : items) {
      Object v = item.plain();
      String text = v instanceof Integer || v instanceof Long ? v.toString() : v instanceof String str ? str.trim() : null;
      String problem = text == null ? "must be predicted, label, a class index or top-k, was " + describe(item)
          : Targets.problem(text);
      if (problem != null) {
        String hint = text == null || text.matches("[0-9-].*") ? "" : Names.didYouMean(text, Experiment.TARGETS);
        errors.value(item, problem + hint);
        ok = false;
      } else {
        texts.add(text);
      }
    }
    return ok ? String.join(Targets.SEPARATOR, texts) : null;
  }

  private String output(Located at, String name) {
    String o = values.typed(at, String.class);
    if (o != null && o.isBlank()) {
      errors.value(at, "must not be blank; leave it out for runs/<name>");
      return null;
    }
    return o != null ? o : name == null ? null : "runs/" + name;
  }

  private static String describe(Located at) {
    return Coercion.describe(at.plain());
  }
}
