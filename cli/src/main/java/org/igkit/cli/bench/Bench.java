package org.igkit.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;

/**
 * The measurements of {@code igkit bench}, on the model and data set of one experiment file (by
 * default the quick start's committed CNN on the {@code shapes} benchmark) and its batch size, in
 * this order (each a {@link BenchMeasure}):
 *
 * <ol>
 *   <li>{@link IgThroughputMeasure}: igkit's IG against a hand-written DJL loop;
 *   <li>{@link WgCostMeasure} and {@link FitnessRoundsMeasure}: WG's time ÷ EG's, and the fitness
 *       search's rounds against their bound;
 *   <li>{@link TwoStageFilteringMeasure}: filtered WG's gradient evaluations ÷ EG's, and its
 *       deletion AUC against WG's;
 *   <li>{@link MetricShareMeasure}: the Java-side share of the perturbation metrics' time;
 *   <li>{@link MemoryMeasure}: peak RSS of a large attribution ÷ that of one raw batch, in child JVMs;
 *   <li>{@link ParallelSamplesMeasure}: samples per second for several workers × threads settings;
 *   <li>{@link KernelCensusMeasure}: which Java-side kernels real runs call, and their share of the
 *       runs' time at the experiments' sizes and at 224×224 (thread CPU time).
 * </ol>
 *
 * The first four work on the experiment's model and samples ({@link BenchSamples}), the last two
 * after the model is closed. Single-threaded times are read on {@link Clock#CPU} (the measuring
 * thread's CPU time, which other processes on a shared machine barely disturb), after warm-up
 * passes; they are medians over repetitions, and each repetition runs the two sides of a ratio
 * image by image in alternating order. The parallel measurement uses wall time.
 *
 * <p>{@link #only} runs some measures alone, chosen by their {@link #id ids} (the model and samples
 * are loaded only when a chosen measure works on them).
 */
public final class Bench {

  /** The clock of every single-threaded measurement. */
  static final Clock CLOCK = Clock.CPU;

  /** The measures on the experiment's model and samples, in the report's order. */
  static List<BenchMeasure> onSamples() {
    return List.of(new IgThroughputMeasure(), new WgCostMeasure(), new FitnessRoundsMeasure(),
        new TwoStageFilteringMeasure(), new MetricShareMeasure());
  }

  /** The measures that need no model of the parent's, run after it is closed, in the report's order. */
  static List<BenchMeasure> standalone() {
    return List.of(new SharedIntegralsMeasure(), new MemoryMeasure(), new ParallelSamplesMeasure(),
        new KernelCensusMeasure());
  }

  private final Experiment experiment;
  private final PluginRegistry registry;
  private final BenchPlan plan;
  private final String title;
  private final PrintWriter log;
  /** The ids of the measures to run; empty: all. */
  private final Set<String> only;

  /**
   * @param experiment the experiment whose model, data set, batch size and (for the parallel
   *                   measurement) methods and metrics are used
   * @param registry   the plugins
   * @param plan       how much to measure
   * @param title      the report's first words (the command that made it)
   * @param log        where progress goes
   */
  public Bench(Experiment experiment, PluginRegistry registry, BenchPlan plan, String title, PrintWriter log) {
    this(experiment, registry, plan, title, log, Set.of());
  }

  private Bench(Experiment experiment, PluginRegistry registry, BenchPlan plan, String title, PrintWriter log,
      Set<String> only) {
    this.experiment = experiment;
    this.registry = registry;
    this.plan = plan;
    this.title = title;
    this.log = log;
    this.only = only;
  }

  /**
   * Returns a measure's id: its name in lower case, each run of characters other than letters and
   * digits a hyphen ({@code shared integration} → {@code shared-integration}).
   */
  static String id(BenchMeasure measure) {
    return measure.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** Returns the ids of every measure, in the report's order. */
  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (BenchMeasure m : onSamples()) {
      ids.add(id(m));
    }
    for (BenchMeasure m : standalone()) {
      ids.add(id(m));
    }
    return ids;
  }

  /**
   * Returns this bench running only the measures with the given ids (see {@link #id}; case and
   * spaces for hyphens are forgiven); none given: every measure.
   *
   * @throws IllegalArgumentException naming the ids that are no measure's, and the ids there are
   */
  public Bench only(Collection<String> names) {
    Set<String> chosen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    List<String> ids = ids();
    for (String name : names) {
      String id = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
      if (ids.contains(id)) {
        chosen.add(id);
      } else {
        unknown.add("'" + name + "'");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("--only: no measure " + String.join(", ", unknown) + "; the measures are "
          + String.join(", ", ids));
    }
    return new Bench(experiment, registry, plan, title, log, Set.copyOf(chosen));
  }

  private boolean chosen(BenchMeasure measure) {
    return only.isEmpty() || only.contains(id(measure));
  }

  /** Runs every measurement and returns the report. */
  public BenchReport run() throws IOException, InterruptedException {
    BenchReport.Builder report = new BenchReport.Builder();
    String loadAtStart = loadAverage();
    BenchContext context = new BenchContext(experiment, registry, log, CLOCK, null);
    List<BenchMeasure> onSamples = onSamples().stream().filter(this::chosen).toList();
    if (onSamples.isEmpty()) {
      report.header(title + ": model " + describe(experiment.model()) + ", data set " + experiment.dataset().type()
          + ", batch " + experiment.batchSize() + "; " + Runtime.getRuntime().availableProcessors() + " cores, Java "
          + Runtime.version().feature());
    } else {
      try (BenchSamples samples = BenchSamples.load(experiment, registry, plan)) {
        report.header(title + ": model " + describe(samples.spec)
            + ", " + samples.size() + " samples of " + experiment.dataset().type() + ", batch " + samples.batch
            + ", 1 PyTorch thread; times are " + CLOCK.describe() + " (parallel samples: wall time), medians of "
            + plan.repetitions() + " repetitions; " + Runtime.getRuntime().availableProcessors() + " cores, Java "
            + Runtime.version().feature());
        BenchContext withSamples = context.withSamples(samples);
        for (BenchMeasure measure : onSamples) {
          report.add(measure.run(plan, withSamples));
        }
      }
    }
    for (BenchMeasure measure : standalone()) {
      if (chosen(measure)) {
        report.add(measure.run(plan, context));
      }
    }
    report.note("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores shared with other processes;"
        + " 1-minute load average " + loadAtStart + " at the start, " + loadAverage() + " at the end.");
    return report.build();
  }

  private static String describe(ModelSpec spec) {
    String arch = spec.format().equals(ModelSpec.DJL_BLOCK) ? spec.architecture() + " width " + spec.width() : "TorchScript";
    return arch + " (" + spec.inputShape().get(0) + "×" + spec.inputShape().get(1) + "×" + spec.inputShape().get(2)
        + (spec.numClasses() == null ? "" : ", " + spec.numClasses() + " classes") + ", " + spec.device() + ")";
  }

  /** The 1-minute load average from /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
