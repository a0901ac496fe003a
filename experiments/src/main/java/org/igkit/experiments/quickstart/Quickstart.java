package org.igkit.experiments.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.ShapesSample;
import org.igkit.experiments.training.ShapesTrainer;
import org.igkit.metrics.stats.SummaryStatistics;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.runner.model.DjlModelFunction;
import org.igkit.runner.model.ModelSpec;
import org.igkit.runner.model.SmallCnn;

/**
 * {@code igkit quickstart}: everything igkit does, end to end, in about two minutes on two CPU
 * cores, with nothing to download.
 *
 * <ol>
 *   <li>Draws the {@link ShapesDataset} (3×32×32, four classes, exact object masks) from the seed
 *       and trains a {@link SmallCnn} on its train split with DJL ({@link ShapesTrainer}); saves
 *       the parameters to {@code model/small-cnn.params} and reports test accuracy.
 *   <li>Loads them back as a {@link DjlModelFunction} explaining the softmax probability.
 *   <li>Takes the first {@code samples} test images the model classifies correctly (as the WG
 *       paper does) and attributes the true class with five methods built from the plugin
 *       registry: IG (black · straight · riemann midpoint · uniform), IG+IDGI (black · straight ·
 *       idgi · uniform), EG (the WG paper's six baselines, the training image being train sample 0
 *       · uniform), WG (the same baselines · fitness) and filtered WG (two-stage · filtered).
 *       Every method of one sample draws from the same random source, so EG, WG and filtered WG
 *       see the same noise baselines (a paired comparison).
 *   <li>Evaluates deletion AUC, insertion AUC, completeness gap and overlap AUC (with the object
 *       mask), each at its defaults.
 *   <li>Writes {@code results.csv}, {@code curves.csv}, {@code summary.md} and
 *       {@code provenance.json} to the output folder.
 * </ol>
 */
public final class Quickstart {

  /** The metrics evaluated, by plugin id. */
  public static final List<String> METRICS = List.of("deletion-auc", "insertion-auc", "completeness-gap", "overlap-auc");

  private Quickstart() {}

  /** Runs the quick start with command-line options; exits with 2 on bad options, 1 on failure. */
  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(QuickstartOptions.USAGE);
      return;
    }
    QuickstartOptions options;
    try {
      options = QuickstartOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("igkit quickstart: " + e.getMessage().replace("\n", "\nigkit quickstart: "));
      System.err.print(QuickstartOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      Path summary = run(options, System.out);
      System.out.println("report: " + summary.toAbsolutePath());
    } catch (RuntimeException e) {
      System.err.println("igkit quickstart failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Returns the five methods of the quick start with {@code steps} integration steps. */
  public static List<MethodRecipe> recipes(int steps) {
    RiemannStepRule.Spec riemann = new RiemannStepRule.Spec(steps, "midpoint");
    return List.of(
        new MethodRecipe("IG", "black", null, "straight", "riemann", riemann, "uniform", null),
        new MethodRecipe("IG+IDGI", "black", null, "straight", "idgi", new IdgiStepRule.Spec(steps), "uniform", null),
        new MethodRecipe("EG", "wg-paper", null, "straight", "riemann", riemann, "uniform", null),
        new MethodRecipe("WG", "wg-paper", null, "straight", "riemann", riemann, "fitness", null),
        new MethodRecipe(
            "Filtered WG", "wg-paper", null, "straight", "riemann", riemann, "filtered",
            new FilteredAggregator.Spec(null, null, null, null, true, null)));
  }

  /** Runs the quick start and returns the path of {@code summary.md}. */
  public static Path run(QuickstartOptions o, PrintStream log) {
    long started = System.nanoTime();
    PluginRegistry registry = PluginLoader.registry();
    List<MethodRecipe> recipes = recipes(o.steps());
    List<AttributionMethod> methods = recipes.stream().map(r -> r.build(registry)).toList();
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (String id : METRICS) {
      metrics.put(id, registry.create(Metric.class, id, null));
    }

    RandomSource root = RandomSource.of(o.seed());
    ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), o.seed());
    log.printf(Locale.ROOT, "training %s (width %d) on %d shapes images, %d epochs...%n",
        SmallCnn.TYPE, o.training().width(), o.training().trainSize(), o.training().epochs());
    Path modelFile = o.out().resolve("model").resolve("small-cnn.params");
    ShapesTrainer.Result trained =
        new ShapesTrainer(o.training()).train(data, root.derive("training"), modelFile, line -> log.println("  " + line));

    ModelSpec spec = new ModelSpec(
        modelFile.toString(), ModelSpec.DJL_BLOCK, SmallCnn.TYPE, o.training().width(),
        List.of(data.shape().channels(), data.shape().height(), data.shape().width()), ShapesDataset.numClasses(),
        null, null, null, ModelSpec.PROBABILITY, 1, 1, null);
    List<String> failures = new ArrayList<>();
    SummaryTable table = new SummaryTable(
        recipes.stream().map(MethodRecipe::name).toList(),
        METRICS.stream().map(id -> new SummaryTable.Column(id, metrics.get(id).higherIsBetter())).toList());
    Map<String, MethodCost> costs = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> weights = new LinkedHashMap<>();
    for (MethodRecipe r : recipes) {
      costs.put(r.name(), new MethodCost());
      weights.put(r.name(), new LinkedHashMap<>());
    }
    double accuracy;
    List<ShapesSample> chosen;
    try (DjlModelFunction model = DjlModelFunction.load(spec)) {
      accuracy = ShapesTrainer.accuracy(model, data.samples(ShapesDataset.Split.TEST, 0, o.testSize()), 64);
      log.printf(Locale.ROOT, "trained in %.1f s (final loss %.4f); test accuracy %.1f %% on %d images%n",
          trained.seconds(), trained.finalLoss(), 100 * accuracy, o.testSize());
      chosen = correctlyClassified(model, data, o.samples());
      if (chosen.size() < o.samples()) {
        failures.add("only " + chosen.size() + " of the first " + scanLimit(o.samples())
            + " test images are classified correctly; attributing those");
      }
      List<float[]> references = data.samples(ShapesDataset.Split.TRAIN, 0, 16).stream().map(ShapesSample::image).toList();
      EngineOptions engine = EngineOptions.batchSize(o.batchSize()).withReferenceImages(references);
      log.printf(Locale.ROOT, "attributing %d test images with %d methods...%n", chosen.size(), methods.size());
      try (ResultsCsv csv = new ResultsCsv(o.out())) {
        for (ShapesSample s : chosen) {
          RandomSource random = root.derive("attribution").derive("sample", s.index());
          for (AttributionMethod m : methods) {
            try {
              long t0 = System.nanoTime();
              Attribution a = AttributionEngine.attribute(model, m, s.image(), s.label(), random, engine);
              costs.get(m.name()).add((System.nanoTime() - t0) / 1e6, a.gradientPoints(), a.forwardPoints());
              for (int k = 0; k < a.weights().length; k++) {
                weights.get(m.name()).computeIfAbsent(a.baselineNames().get(k), n -> new ArrayList<>()).add(a.weights()[k]);
              }
              for (var e : metrics.entrySet()) {
                MetricValue v = e.getValue().evaluate(new MetricInput(model, s.image(), a, s.mask(), o.batchSize()));
                csv.add(s.id(), m.name(), e.getKey(), v.value(), v.curveX(), v.curveY());
                table.add(m.name(), e.getKey(), v.value());
              }
            } catch (RuntimeException e) {
              String line = s.id() + " · " + m.name() + ": " + e.getMessage();
              failures.add(line);
              log.println("  failed: " + line);
            }
            csv.flush();
          }
          log.print('.');
        }
        log.println();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Path summary = o.out().resolve("summary.md");
    write(summary, summary(o, registry, recipes, table, costs, weights, trained, accuracy, chosen, failures, seconds));
    write(o.out().resolve("provenance.json"),
        provenance(o, registry, recipes, trained, accuracy, chosen, sha256(modelFile)));
    log.print(table.markdown());
    return summary;
  }

  private static int scanLimit(int samples) {
    return Math.max(100, 20 * samples);
  }

  /** Returns up to {@code n} test images, in index order, that the model classifies correctly. */
  private static List<ShapesSample> correctlyClassified(DjlModelFunction model, ShapesDataset data, int n) {
    List<ShapesSample> out = new ArrayList<>();
    int limit = scanLimit(n);
    for (int from = 0; from < limit && out.size() < n; from += 64) {
      List<ShapesSample> batch = data.samples(ShapesDataset.Split.TEST, from, Math.min(64, limit - from));
      float[][] scores = model.outputs(batch.stream().map(ShapesSample::image).toList());
      for (int i = 0; i < batch.size() && out.size() < n; i++) {
        if (ShapesTrainer.argmax(scores[i]) == batch.get(i).label()) {
          out.add(batch.get(i));
        }
      }
    }
    return out;
  }

  /** Time and model use of one method, summed over samples. */
  private static final class MethodCost {
    private final List<Double> millis = new ArrayList<>();
    private final List<Double> gradientPoints = new ArrayList<>();
    private final List<Double> forwardPoints = new ArrayList<>();

    void add(double ms, long gradients, long forwards) {
      millis.add(ms);
      gradientPoints.add((double) gradients);
      forwardPoints.add((double) forwards);
    }

    static double mean(List<Double> v) {
      return SummaryStatistics.of(v.stream().mapToDouble(Double::doubleValue).toArray()).mean();
    }
  }

  private static String summary(
      QuickstartOptions o,
      PluginRegistry registry,
      List<MethodRecipe> recipes,
      SummaryTable table,
      Map<String, MethodCost> costs,
      Map<String, Map<String, List<Double>>> weights,
      ShapesTrainer.Result trained,
      double accuracy,
      List<ShapesSample> chosen,
      List<String> failures,
      double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append("# igkit quick start\n\n");
    sb.append(String.format(Locale.ROOT,
        "Model: `%s` (width %d) trained with DJL on %d images of the procedural `shapes` benchmark "
            + "(3×32×32, 4 classes: square, disk, triangle, plus), %d epochs in %.1f s; "
            + "**test accuracy %.1f %%** on %d test images.%n%n",
        SmallCnn.TYPE, o.training().width(), o.training().trainSize(), o.training().epochs(), trained.seconds(),
        100 * accuracy, o.testSize()));
    sb.append(String.format(Locale.ROOT,
        "Explained: the softmax probability of the true class of the first %d correctly classified test images. "
            + "Seed %d, %d integration steps, batch size %d. Total time %.1f s.%n%n",
        chosen.size(), o.seed(), o.steps(), o.batchSize(), seconds));
    sb.append("## Results\n\n").append(table.markdown()).append('\n');
    sb.append("## Cost per sample\n\n| method | ms | gradient points | forward points |\n|---|---|---|---|\n");
    for (var e : costs.entrySet()) {
      MethodCost c = e.getValue();
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f |%n", e.getKey(),
          MethodCost.mean(c.millis), MethodCost.mean(c.gradientPoints), MethodCost.mean(c.forwardPoints)));
    }
    sb.append("\nTime includes the fitness search of WG and filtered WG, not the metrics.\n\n");
    sb.append("## Mean baseline weights\n\n");
    List<String> baselineNames = new ArrayList<>();
    weights.values().forEach(m -> m.keySet().stream().filter(k -> !baselineNames.contains(k)).forEach(baselineNames::add));
    sb.append("| method |");
    baselineNames.forEach(b -> sb.append(' ').append(b).append(" |"));
    sb.append('\n').append("|---|").append("---|".repeat(baselineNames.size())).append('\n');
    for (var e : weights.entrySet()) {
      sb.append("| ").append(e.getKey()).append(" |");
      for (String b : baselineNames) {
        List<Double> w = e.getValue().get(b);
        sb.append(' ').append(w == null ? "" : String.format(Locale.ROOT, "%.3f", MethodCost.mean(w))).append(" |");
      }
      sb.append('\n');
    }
    sb.append("\n## Methods\n\n");
    for (MethodRecipe r : recipes) {
      sb.append("- **").append(r.name()).append("**: `").append(r.describe(registry)).append("`\n");
    }
    sb.append("\n## Metrics\n\n");
    sb.append("- `deletion-auc` ↓: remove the top p of the 32×32 positions (channel-summed attribution, "
        + "largest first) for p = 0, 1/20, …, 1, replacing them with 0; trapezoid area of the probability "
        + "over the actual fractions. The fully deleted (black) image is part of the curve: when the model "
        + "assigns black to class c, every method scores high on the samples of class c, whatever its ranking.\n");
    sb.append("- `insertion-auc` ↑: the same grid, inserting the top positions of the input into a black image.\n");
    sb.append("- `completeness-gap` ↓: |ΣA − (f(x) − Σ w_k f(x'_k))| / |f(x) − Σ w_k f(x'_k)|.\n");
    sb.append("- `overlap-auc` ↑: mean over p = 1/100 … 1 of the share of the top round(p·|S|) positions "
        + "inside the object mask S (WG paper eq. 7–8).\n");
    if (!failures.isEmpty()) {
      sb.append("\n## Problems\n\n");
      failures.forEach(f -> sb.append("- ").append(f).append('\n'));
    }
    sb.append("\nFiles: `results.csv` (sample, method, metric, value), `curves.csv` (deletion, insertion and "
        + "overlap curves), `provenance.json`, `model/small-cnn.params`.\n");
    return sb.toString();
  }

  private static String provenance(
      QuickstartOptions o,
      PluginRegistry registry,
      List<MethodRecipe> recipes,
      ShapesTrainer.Result trained,
      double accuracy,
      List<ShapesSample> chosen,
      String modelSha) {
    StringBuilder sb = new StringBuilder("{\n");
    field(sb, "command", "igkit quickstart");
    field(sb, "seed", o.seed());
    field(sb, "java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    field(sb, "djl", ai.djl.engine.Engine.getDjlVersion());
    field(sb, "pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
    field(sb, "dataset", "shapes " + ShapesDataset.Spec.defaults());
    field(sb, "training", o.training().toString());
    field(sb, "trainingSeconds", trained.seconds());
    field(sb, "finalTrainingLoss", trained.finalLoss());
    field(sb, "testAccuracy", accuracy);
    field(sb, "testSize", o.testSize());
    field(sb, "modelFile", "model/small-cnn.params");
    field(sb, "modelSha256", modelSha);
    field(sb, "steps", o.steps());
    field(sb, "batchSize", o.batchSize());
    sb.append("  \"samples\": [")
        .append(String.join(", ", chosen.stream().map(s -> quote(s.id())).toList())).append("],\n");
    sb.append("  \"methods\": {\n");
    for (int i = 0; i < recipes.size(); i++) {
      sb.append("    ").append(quote(recipes.get(i).name())).append(": ").append(quote(recipes.get(i).describe(registry)))
          .append(i + 1 < recipes.size() ? ",\n" : "\n");
    }
    sb.append("  },\n  \"metrics\": {\n");
    for (int i = 0; i < METRICS.size(); i++) {
      String id = METRICS.get(i);
      sb.append("    ").append(quote(id)).append(": ").append(quote(registry.get(Metric.class, id).defaultSpec().toString()))
          .append(i + 1 < METRICS.size() ? ",\n" : "\n");
    }
    sb.append("  }\n}\n");
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append("  ").append(quote(name)).append(": ")
        .append(value instanceof Number ? value.toString() : quote(String.valueOf(value))).append(",\n");
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }
}
