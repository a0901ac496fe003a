package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;
import static org.igkit.cli.bench.BenchFormat.pct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.igkit.api.compute.CountingComputeBackend;
import org.igkit.api.compute.CountingComputeBackend.Count;
import org.igkit.api.model.Shape;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.RunPlan;

/**
 * The census of the Java-side kernels ({@link KernelCensus}): the bench's experiment and every
 * {@code papers/*.yaml} beside it, each on its first {@link BenchPlan#censusSamples()} samples, at
 * their own image sizes; and the bench's experiment's methods and metrics on {@code shapes} images
 * of {@link BenchPlan#memorySize()}² with a random small CNN of that size (fitness searches
 * {@code fast}). Rows: the kernels' share
 * of the runs' time at both sizes with the bound it puts on offloading them (Amdahl: a share s
 * bounds the whole run's speed-up to 1/(1−s)), and the kernels called; a note gives calls, elements
 * and share per kernel.
 */
final class KernelCensusMeasure implements BenchMeasure {

  @Override
  public String name() {
    return "kernel census";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) throws IOException {
    Path tmp = Files.createTempDirectory("igkit-census-");
    try {
      List<Experiment> experiments = new ArrayList<>();
      experiments.add(context.experiment());
      List<String> skipped = new ArrayList<>();
      for (Path yaml : papers(context.experiment())) {
        try {
          experiments.add(new ExperimentLoader(context.registry()).load(yaml));
        } catch (RuntimeException e) {
          skipped.add(yaml.getFileName() + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
      }
      List<KernelCensus.Run> own = new ArrayList<>();
      int k = 0;
      for (Experiment e : experiments) {
        context.progress("kernel census: " + e.name() + " (" + (++k) + " of " + experiments.size() + ") ...");
        own.add(KernelCensus.run(e, context.registry(), null, plan.censusSamples(), tmp.resolve("run-" + k)));
      }
      int size = plan.memorySize();
      context.progress("kernel census: " + context.experiment().name() + "'s methods at " + size + "×" + size + " ...");
      Experiment big = atSize(context, plan, tmp);
      Shape shape = Shape.of(3, size, size);
      KernelCensus.Run large = KernelCensus.run(big, context.registry(),
          spec -> MemoryProbe.randomCnn(shape, plan.memoryWidth()), plan.censusSamples(), tmp.resolve("large"));
      return report(plan, own, large, context.experiment().name(), skipped, sizes(experiments));
    } finally {
      deleteTree(tmp);
    }
  }

  private static BenchReport report(BenchPlan plan, List<KernelCensus.Run> own, KernelCensus.Run large, String bench,
      List<String> skipped, String sizes) {
    BenchReport.Builder report = new BenchReport.Builder();
    Map<String, Count> ownTotal = KernelCensus.total(own);
    long ownNanos = KernelCensus.runNanos(own);
    double ownShare = ownNanos <= 0 ? 0 : (double) ownTotal.values().stream().mapToLong(Count::cpuNanos).sum() / ownNanos;
    KernelCensus.Run most = own.stream().max(Comparator.comparingDouble(KernelCensus.Run::share)).orElseThrow();
    int size = plan.memorySize();
    String samples = plan.censusSamples() + (plan.censusSamples() == 1 ? " sample" : " samples");
    report.row("Java-side kernels: share of run time at the experiments' sizes (" + sizes + "; " + own.size()
            + " experiments, " + samples + " each, Java kernels called as on an offloading backend)",
        pct(ownShare) + " (highest " + pct(most.share()) + ", " + most.experiment() + "); offloading them all speeds a"
            + " run up by at most ×" + fmt(amdahl(ownShare), 3),
        "–", Verdict.INFO);
    report.row("Java-side kernels: share of run time at " + size + "×" + size + " (" + bench
            + "'s methods and metrics, fitness searches fast, random small-cnn of width " + plan.memoryWidth() + ", "
            + samples + ")",
        pct(large.share()) + "; offloading them all speeds a run up by at most ×" + fmt(amdahl(large.share()), 3),
        "–", Verdict.INFO);
    Map<String, Count> all = KernelCensus.total(append(own, large));
    List<String> unused = CountingComputeBackend.OPERATIONS.stream().filter(op -> !all.containsKey(op)).toList();
    report.row("Java-side kernels called (" + (own.size() + 1) + " runs)", String.join(", ", all.keySet())
        + (unused.isEmpty() ? "" : "; never called: " + String.join(", ", unused)), "–", Verdict.INFO);
    report.note("- Kernel census (" + samples + " per experiment; share = the calling thread's CPU time inside the"
        + " kernel ÷ the run's, first unit to last):");
    report.note("");
    report.note("  | kernel | calls | elements | share at the experiments' sizes | share at " + size + "×" + size + " |");
    report.note("  |---|---|---|---|---|");
    for (Map.Entry<String, Count> e : all.entrySet()) {
      Count o = ownTotal.get(e.getKey());
      Count l = large.counts().get(e.getKey());
      report.note("  | " + e.getKey() + " | " + e.getValue().calls() + " | " + e.getValue().elements() + " | "
          + (o == null ? "–" : pct2((double) o.cpuNanos() / Math.max(1, ownNanos))) + " | "
          + (l == null ? "–" : pct2((double) l.cpuNanos() / Math.max(1, large.runNanos()))) + " |");
    }
    report.note("");
    if (!skipped.isEmpty()) {
      report.note("- Kernel census: left out, as they do not load here: " + String.join("; ", skipped) + ".");
    }
    return report.build();
  }

  /** A share as a percentage with two decimals: the kernels' shares are small. */
  private static String pct2(double share) {
    return fmt(100 * share, 2) + " %";
  }

  /** The bound Amdahl's law puts on the whole run's speed-up when a share s of it becomes free. */
  static double amdahl(double share) {
    return share >= 1 ? Double.POSITIVE_INFINITY : 1 / (1 - share);
  }

  private static List<KernelCensus.Run> append(List<KernelCensus.Run> runs, KernelCensus.Run one) {
    List<KernelCensus.Run> out = new ArrayList<>(runs);
    out.add(one);
    return out;
  }

  /** The experiment files of {@code papers/} beside the experiment's file, by name; none when there is none. */
  static List<Path> papers(Experiment experiment) throws IOException {
    if (experiment.source() == null) {
      return List.of();
    }
    Path dir = experiment.source().toAbsolutePath().getParent().resolve("papers");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /**
   * The bench's experiment with images of {@link BenchPlan#memorySize()}²: its seed, methods,
   * metrics and batch size on the {@code shapes} data set at that size, with a random small CNN
   * (given to the runner as its model; the model file named here is only fingerprinted).
   */
  static Experiment atSize(BenchContext context, BenchPlan plan, Path dir) throws IOException {
    int size = plan.memorySize();
    Map<String, Object> config = new LinkedHashMap<>(context.experiment().resolved());
    Path placeholder = dir.resolve("random-small-cnn.params");
    Files.writeString(placeholder, "a random small-cnn made by the bench", StandardCharsets.UTF_8);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("path", placeholder.toString());
    model.put("format", "djl-block");
    model.put("architecture", "small-cnn");
    model.put("width", plan.memoryWidth());
    model.put("inputShape", List.of(3, size, size));
    model.put("numClasses", MemoryProbe.CLASSES);
    config.put("model", model);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", "shapes");
    data.put("split", "test");
    data.put("count", 16);
    data.put("referenceCount", 16);
    data.put("height", size);
    data.put("width", size);
    config.put("dataset", data);
    config.put("name", context.experiment().name() + "-" + size);
    config.put("methods", fast(config.get("methods")));
    config.remove("output");
    Path yaml = dir.resolve("census-" + size + ".yaml");
    Files.writeString(yaml, RunPlan.yaml(config), StandardCharsets.UTF_8);
    return new ExperimentLoader(context.registry()).load(yaml);
  }

  /**
   * The methods with every fitness search {@code fast}: the exact scan of D_α tries the sizes one
   * batch after another until the score crosses, which on a random model's curve may be all H·W of
   * them — hours at 224×224 on a CPU — while the fast search takes ⌈log⌉ rounds.
   */
  @SuppressWarnings("unchecked")
  static Object fast(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, k.equals("search") && "exact".equals(v) ? "fast" : fast(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(KernelCensusMeasure::fast).toList();
    }
    return value;
  }

  private static String sizes(List<Experiment> experiments) {
    return experiments.stream().map(e -> e.model().shape().height() + "×" + e.model().shape().width()).distinct()
        .sorted().reduce((a, b) -> a + ", " + b).orElse("");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the census's scratch folder " + root, e);
    }
  }
}
