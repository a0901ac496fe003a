package org.igkit.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessSearch;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.PluginConfig;
import org.igkit.runner.config.Selection;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.runner.run.CompositeBaselineSampler;
import org.igkit.runner.run.ExperimentRunner;

/**
 * The measurements of {@code igkit bench}, on the model and data set of one experiment file (by
 * default the quick start's committed CNN on the {@code shapes} benchmark) and its batch size.
 *
 * <ol>
 *   <li><b>Pipeline overhead.</b> IG (black baseline, midpoint rule) through igkit's engine
 *       against {@link RawIntegratedGradients}, a minimal loop written directly against DJL, on
 *       the same images, steps and batch size; gradient points per second of igkit ÷ of the loop.
 *       The two maps are compared too, to show they are the same computation.
 *   <li><b>WG ÷ EG.</b> Time of WG ({@code fitness}) ÷ EG ({@code uniform}) with the same
 *       baselines (the WG paper's six, {@code wg-paper}, when the data set has training images)
 *       and steps. The fitness search's rounds — each one forward batch over all baselines —
 *       against the bound ⌈log_B(H·W)⌉ + 1 ({@link FitnessSearch#roundBound}).
 *   <li><b>Two-stage filtering.</b> {@code filtered} with {@code drop-lowest} of half the baselines,
 *       {@code twoStage: true} and {@code cheapSteps} steps for the fitness: its gradient
 *       evaluations ÷ EG's, and its deletion AUC (the experiment's {@code deletion-auc} settings)
 *       against WG's on at least 20 samples, as mean ± std and as a paired difference.
 *   <li><b>Metric evaluation.</b> The experiment's perturbation metrics (deletion and insertion
 *       AUC) run with the model wrapped in a {@link TimedModel}: the share of their time spent
 *       outside model calls, i.e. in Java-side ranking, masks and curve areas — on the
 *       experiment's model and on a random 224×224 CNN, with the experiment's settings and the
 *       defaults.
 *   <li><b>Memory.</b> Peak RSS ({@code VmHWM}) of a 224×224 attribution with many steps ×
 *       10 baselines ÷ that of one raw DJL batch forward and backward, each in its own child JVM
 *       ({@link MemoryProbe}) with the same heap limit.
 *   <li><b>Parallel samples.</b> The experiment itself, on a few samples, run by
 *       {@link ExperimentRunner} with several workers × threads settings: samples per second.
 * </ol>
 *
 * Single-threaded times are read on {@link Clock#CPU} (the measuring thread's CPU time, which
 * other processes on a shared machine barely disturb), after warm-up passes; they are medians over
 * repetitions, and each repetition runs the two sides of a ratio image by image in alternating
 * order. The parallel measurement uses wall time.
 */
public final class Bench {

  /**
   * How much to measure.
   *
   * @param samples          samples for the deletion-AUC comparison and the metric share (≥ 20
   *                         for the report's claim)
   * @param timingImages     images per timing repetition
   * @param repetitions      timing repetitions (medians are reported)
   * @param igSteps          steps of the pipeline-overhead IG
   * @param methodSteps      steps of EG, WG and filtered WG
   * @param cheapSteps       steps of the two-stage fitness attribution
   * @param memorySize       image size of the memory measurement (square, 3 channels)
   * @param memoryWidth      base width of the memory measurement's CNN
   * @param memoryBatch      batch size of the memory measurement
   * @param memorySteps      attribution steps of the memory measurement
   * @param memoryBaselines  attribution baselines of the memory measurement
   * @param memoryHeapMib    the memory children's Java heap limit
   * @param parallelSamples  samples per parallel run
   * @param parallelRuns     repetitions of each parallel setting
   * @param parallelSettings {workers, threads} pairs
   */
  public record Plan(
      int samples,
      int timingImages,
      int repetitions,
      int igSteps,
      int methodSteps,
      int cheapSteps,
      int memorySize,
      int memoryWidth,
      int memoryBatch,
      int memorySteps,
      int memoryBaselines,
      int memoryHeapMib,
      int parallelSamples,
      int parallelRuns,
      List<int[]> parallelSettings) {

    /** Copies the settings. */
    public Plan {
      parallelSettings = parallelSettings.stream().map(int[]::clone).toList();
    }

    /** The full bench (several minutes on 2 cores). */
    public static Plan full() {
      return new Plan(24, 8, 7, 128, 64, 4, 224, 8, 16, 1000, 10, 256, 8, 3,
          List.of(new int[] {1, 1}, new int[] {2, 1}, new int[] {1, 2}, new int[] {2, 2}));
    }

    /** {@code --quick}: fewer repetitions, fewer memory steps, fewer parallel settings. */
    public static Plan quick() {
      return new Plan(20, 4, 3, 128, 64, 4, 224, 8, 16, 50, 10, 256, 6, 1,
          List.of(new int[] {1, 1}, new int[] {2, 1}, new int[] {1, 2}));
    }
  }

  /** Maps of the 224×224 metric measurement, each of its own image. */
  private static final int BIG_METRIC_IMAGES = 12;

  /** The clock of every single-threaded measurement. */
  static final Clock CLOCK = Clock.CPU;

  private final Experiment experiment;
  private final PluginRegistry registry;
  private final Plan plan;
  private final String title;
  private final PrintWriter log;

  /**
   * @param experiment the experiment whose model, data set, batch size and (for the parallel
   *                   measurement) methods and metrics are used
   * @param registry   the plugins
   * @param plan       how much to measure
   * @param title      the report's first words (the command that made it)
   * @param log        where progress goes
   */
  public Bench(Experiment experiment, PluginRegistry registry, Plan plan, String title, PrintWriter log) {
    this.experiment = experiment;
    this.registry = registry;
    this.plan = plan;
    this.title = title;
    this.log = log;
  }

  /** Runs every measurement and returns the report. */
  public BenchReport run() throws IOException, InterruptedException {
    BenchReport.Builder report = new BenchReport.Builder();
    String loadAtStart = loadAverage();
    Dataset dataset = experiment.dataset().create(registry);
    int[] selected = experiment.selection().select(dataset.size());
    int n = Math.min(Math.max(plan.samples(), plan.timingImages()), selected.length);
    List<Sample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      samples.add(dataset.get(selected[i]));
    }
    List<float[]> references = dataset.referenceImages();
    int batch = experiment.batchSize();
    ModelSpec spec = experiment.model().withThreads(1);
    try (DjlModelFunction model = DjlModelFunction.load(spec)) {
      int[] targets = new int[n];
      for (int i = 0; i < n; i++) {
        targets[i] = argmax(model.outputs(List.of(samples.get(i).image()))[0]);
      }
      report.header(title + ": model " + describe(spec)
          + ", " + n + " samples of " + experiment.dataset().type() + ", batch " + batch
          + ", 1 PyTorch thread; times are " + CLOCK.describe() + " (parallel samples: wall time), medians of "
          + plan.repetitions() + " repetitions; " + Runtime.getRuntime().availableProcessors() + " cores, Java "
          + Runtime.version().feature());
      Sides sides = new Sides(model, samples, targets, references, batch);
      pipelineOverhead(sides, report);
      Methods methods = methods(!references.isEmpty());
      PerSample all = attributeAll(sides, methods);
      wgAgainstEg(sides, methods, all, report);
      filtering(sides, methods, all, report);
      metricShare(sides, all.wg(), report);
    }
    memory(report);
    parallel(report);
    report.note("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores shared with other processes;"
        + " 1-minute load average " + loadAtStart + " at the start, " + loadAverage() + " at the end.");
    return report.build();
  }

  // ---- 1. pipeline overhead ---------------------------------------------------------------

  private void pipelineOverhead(Sides s, BenchReport.Builder report) {
    log.println("pipeline overhead: igkit IG vs a hand-written DJL loop ...");
    log.flush();
    int steps = plan.igSteps();
    AttributionMethod ig = new AttributionMethod("IG", registry.create(BaselineSampler.class, "black", null),
        straight(), new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT), uniform());
    RawIntegratedGradients raw = new RawIntegratedGradients(s.model);
    float[] black = new float[s.model.inputShape().size()];
    int k = Math.min(plan.timingImages(), s.samples.size());
    TimedModel timed = new TimedModel(s.model);
    Paired t = interleave(
        i -> AttributionEngine.attribute(timed, ig, s.image(i), s.targets[i], RandomSource.of(i), s.options),
        i -> raw.attribute(s.image(i), black, s.targets[i], steps, s.batch),
        k, plan.repetitions(), timed, null);
    double[] ratio = new double[t.a.length];
    double[] outside = new double[t.a.length];
    double[] forward = new double[t.a.length];
    double[] gradientCalls = new double[t.a.length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = t.b[r] / t.a[r]; // throughput ratio = time(loop) / time(igkit)
      outside[r] = 1 - t.aModel[r] / t.a[r];
      forward[r] = t.aForward[r] / t.a[r];
      gradientCalls[r] = (t.aModel[r] - t.aForward[r]) / t.b[r];
    }
    double med = Stats.median(ratio);
    double points = (double) k * steps;
    double igkitRate = points / Stats.median(t.a);
    double loopRate = points / Stats.median(t.b);
    double javaShare = Stats.median(outside);
    float[] a = AttributionEngine.attribute(s.model, ig, s.image(0), s.targets[0], RandomSource.of(0), s.options).values();
    float[] b = raw.attribute(s.image(0), black, s.targets[0], steps, s.batch);
    double diff = maxRelativeDifference(a, b);
    report.row("pipeline overhead: igkit IG throughput ÷ hand-written DJL loop (" + steps + " steps, batch " + s.batch
            + ", " + k + " images per repetition)",
        fmt(med, 3) + " (" + fmt(igkitRate, 0) + " vs " + fmt(loopRate, 0) + " gradient points/s)",
        "≥ 0.95", Verdict.of(med >= 0.95));
    report.note("- Pipeline overhead: the loop (RawIntegratedGradients) builds the points, runs the block under a"
        + " GradientCollector and sums the gradients on the engine; igkit's map equals the loop's to " + sci(diff)
        + " of its largest value. Of igkit's IG time, " + pct(javaShare) + " is spent outside model calls (path"
        + " points, accumulation) and " + pct(Stats.median(forward)) + " in the one forward call that scores the input"
        + " and the baseline (for the completeness check); its gradient calls alone take "
        + fmt(Stats.median(gradientCalls), 3) + "× the loop's whole time." + (med > 1 ? " A ratio above 1 is noise between"
        + " equal costs." : ""));
    if (med < 0.95) {
      report.note("  Not met: igkit's IG runs at " + fmt(med, 3) + " of the loop's speed. The difference is the forward"
          + " call for the start scores (" + pct(Stats.median(forward)) + "), the work outside model calls ("
          + pct(javaShare) + ": the path's points and the step rule's accumulation, in Java), and the gradient calls"
          + " themselves (" + fmt(Stats.median(gradientCalls), 3) + "× the loop's whole time: each copies the points"
          + " to the engine and every point's gradient back to Java, where the loop builds the points and keeps their"
          + " sum on the engine).");
    }
  }

  // ---- 2. WG vs EG, fitness rounds; 3. two-stage filtering --------------------------------

  /** The three methods compared, on the same baselines and steps. */
  private record Methods(AttributionMethod eg, AttributionMethod wg, AttributionMethod filtered,
      String baselines, int count, int drop) {}

  private Methods methods(boolean haveReferences) {
    BaselineSampler baselines;
    String name;
    if (haveReferences) {
      baselines = registry.create(BaselineSampler.class, "wg-paper", null);
      name = "wg-paper: black, a training image, 2 noise images, white, gray";
    } else {
      baselines = new CompositeBaselineSampler(List.of(
          registry.create(BaselineSampler.class, "black", null),
          registry.create(BaselineSampler.class, "white", null),
          registry.create(BaselineSampler.class, "gray", null),
          registry.create(BaselineSampler.class, "uniform-noise",
              new org.igkit.aggregators.baseline.UniformNoiseBaselineSampler.Spec(3, null, null))));
      name = "black, white, gray, 3 noise images";
    }
    int count = 6;
    int drop = count / 2;
    RiemannStepRule rule = new RiemannStepRule(plan.methodSteps(), RiemannStepRule.Variant.MIDPOINT);
    Aggregator filtered = registry.create(Aggregator.class, "filtered",
        new FilteredAggregator.Spec(FitnessSpec.defaults(), "drop-lowest", null, drop, true, plan.cheapSteps()));
    return new Methods(
        new AttributionMethod("EG", baselines, straight(), rule, uniform()),
        new AttributionMethod("WG", baselines, straight(), rule, registry.create(Aggregator.class, "fitness", null)),
        new AttributionMethod("filtered-WG", baselines, straight(), rule, filtered),
        name, count, drop);
  }

  /** EG, WG and filtered WG of every sample. */
  private record PerSample(List<Attribution> eg, List<Attribution> wg, List<Attribution> filtered) {}

  private PerSample attributeAll(Sides s, Methods m) {
    log.println("EG, WG and two-stage filtered WG on " + s.samples.size() + " samples ...");
    log.flush();
    PerSample all = new PerSample(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < s.samples.size(); i++) {
      all.eg().add(s.attribute(s.model, m.eg(), i));
      all.wg().add(s.attribute(s.model, m.wg(), i));
      all.filtered().add(s.attribute(s.model, m.filtered(), i));
    }
    return all;
  }

  private void wgAgainstEg(Sides s, Methods m, PerSample all, BenchReport.Builder report) {
    log.println("WG vs EG timing ...");
    log.flush();
    int k = Math.min(plan.timingImages(), s.samples.size());
    TimedModel wgModel = new TimedModel(s.model);
    TimedModel egModel = new TimedModel(s.model);
    Paired t = interleave(i -> s.attribute(wgModel, m.wg(), i), i -> s.attribute(egModel, m.eg(), i),
        k, plan.repetitions(), wgModel, egModel);
    double[] ratio = new double[t.a.length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = t.a[r] / t.b[r];
    }
    double med = Stats.median(ratio);
    report.row("WG cost ÷ EG cost (" + m.count() + " baselines × " + plan.methodSteps() + " steps, batch " + s.batch
            + ", " + k + " images per repetition)",
        fmt(med, 3) + " (" + fmt(1000 * Stats.median(t.a) / k, 1) + " vs " + fmt(1000 * Stats.median(t.b) / k, 1)
            + " ms per image)",
        "≤ 1.25", Verdict.of(med <= 1.25));

    int pixels = s.model.inputShape().pixels();
    int b = FitnessSpec.defaults().candidatesPerRound();
    int bound = FitnessSearch.roundBound(pixels, b);
    double[] rounds = all.wg().stream().mapToDouble(a -> a.diagnostics().getOrDefault("fitnessRounds", Double.NaN)).toArray();
    double max = java.util.Arrays.stream(rounds).max().orElse(Double.NaN);
    report.row("fitness search: forward batches (rounds) per baseline, max over " + rounds.length + " samples (B = " + b
            + " candidates per round, H·W = " + pixels + ")",
        fmt(max, 0) + " (median " + fmt(Stats.median(rounds), 0) + ")",
        "≤ ⌈log_" + b + "(" + pixels + ")⌉ + 1 = " + bound, Verdict.of(max <= bound));

    // the reason, from the last repetition's counters (the same in every repetition)
    double fwdCalls = (double) wgModel.forwardCalls() / k;
    double fwdPoints = (double) wgModel.forwardPoints() / k;
    double gradCalls = (double) egModel.gradientCalls() / k;
    double fwdCallMs = 1e-6 * wgModel.forwardNanos() / Math.max(1, wgModel.forwardCalls());
    double gradCallMs = 1e-6 * egModel.gradientNanos() / Math.max(1, egModel.gradientCalls());
    double fwdPointMs = 1e-6 * wgModel.forwardNanos() / Math.max(1, wgModel.forwardPoints());
    double gradPointMs = 1e-6 * egModel.gradientNanos() / Math.max(1, egModel.gradientPoints());
    double[] javaExtra = new double[t.a.length];
    for (int r = 0; r < javaExtra.length; r++) {
      javaExtra[r] = 1000 * ((t.a[r] - t.aModel[r]) - (t.b[r] - t.bModel[r])) / k;
    }
    report.note("- WG ÷ EG: per image WG makes the same " + fmt(gradCalls, 0) + " gradient calls as EG ("
        + m.count() + "·" + plan.methodSteps() + " points) plus " + fmt(fwdCalls, 1) + " forward calls for the fitness"
        + " search (" + fmt(fwdPoints, 0) + " masked images; EG makes 1, for the start scores). On this machine a"
        + " forward call took " + fmt(fwdCallMs, 1) + " ms and a gradient call " + fmt(gradCallMs, 1) + " ms; per point "
        + fmt(fwdPointMs, 3) + " ms forward and " + fmt(gradPointMs, 3) + " ms with the gradient. The search's Java-side"
        + " work (ranking the maps, building the masked images) adds " + fmt(Stats.median(javaExtra), 2) + " ms per image.");
    if (med > 1.25) {
      double stepsNeeded = plan.methodSteps() * (med - 1) / 0.25;
      report.note("  Not met: the fitness search adds " + pct(med - 1) + " to EG's time at " + plan.methodSteps()
          + " steps: it scores " + fmt(fwdPoints, 0) + " masked images per image, " + pct(fwdPoints / (m.count() * plan.methodSteps()))
          + " as many points as EG's gradient evaluations, and with this model a forward pass of one image costs "
          + pct(fwdPointMs / gradPointMs) + " of a gradient point (the parameters are frozen, so the backward pass"
          + " computes the input's gradient only). The model time is the search's own: each round's images of all"
          + " baselines already share forward calls filled to the batch size, a round needs the scores of the one before,"
          + " and the images and batches are what make the results bit-identical to the search's definition. The"
          + " search's cost does not grow with the steps while EG's does: from about " + fmt(Math.ceil(stepsNeeded), 0)
          + " steps on the ratio falls under 1.25 here.");
    }
  }

  private void filtering(Sides s, Methods m, PerSample all, BenchReport.Builder report) {
    Metric deletion = metric("deletion-auc");
    int n = s.samples.size();
    double[] egPoints = new double[n];
    double[] filteredPoints = new double[n];
    double[] wgAuc = new double[n];
    double[] filteredAuc = new double[n];
    for (int i = 0; i < n; i++) {
      egPoints[i] = all.eg().get(i).gradientPoints();
      filteredPoints[i] = all.filtered().get(i).gradientPoints();
      wgAuc[i] = deletion.evaluate(s.metricInput(s.model, i, all.wg().get(i))).value();
      filteredAuc[i] = deletion.evaluate(s.metricInput(s.model, i, all.filtered().get(i))).value();
    }
    double ratio = Stats.mean(filteredPoints) / Stats.mean(egPoints);
    report.row("two-stage filtered WG gradient evaluations ÷ EG's (drop-lowest " + m.drop() + " of " + m.count()
            + ", cheapSteps " + plan.cheapSteps() + ", " + plan.methodSteps() + " steps)",
        fmt(ratio, 4) + " (" + fmt(Stats.mean(filteredPoints), 0) + " vs " + fmt(Stats.mean(egPoints), 0) + " per image)",
        "≤ 0.6", Verdict.of(ratio <= 0.6));
    double[] d = Stats.minus(filteredAuc, wgAuc);
    double se = Stats.std(d) / Math.sqrt(n);
    boolean ok = Stats.mean(d) <= 2 * se;
    report.row("deletion AUC (lower is better) of filtered WG vs WG, " + n + " samples, mean ± std",
        fmt(Stats.mean(filteredAuc), 4) + " ± " + fmt(Stats.std(filteredAuc), 4) + " vs " + fmt(Stats.mean(wgAuc), 4)
            + " ± " + fmt(Stats.std(wgAuc), 4) + "; paired difference " + signed(Stats.mean(d), 4) + " ± "
            + fmt(se, 4) + " (s.e.)",
        "same or better within noise (difference ≤ 2 s.e.)", Verdict.of(ok));
    report.note("- Filtering: the settings drop half of the baselines (" + m.baselines() + ") — within the 1…5 of 6"
        + " that the WG paper's Fig. 2 removes — and compute the fitness from " + plan.cheapSteps() + "-step attributions,"
        + " so only " + (m.count() - m.drop()) + " baselines get the full integral: " + m.count() + "·"
        + plan.cheapSteps() + " + " + (m.count() - m.drop()) + "·" + plan.methodSteps() + " gradient evaluations"
        + " against EG's " + m.count() + "·" + plan.methodSteps() + ". Deletion AUC with the experiment's"
        + " deletion-auc settings.");
    if (!ok) {
      report.note("  Not met: on these samples filtered WG's deletion AUC is worse than WG's by more than twice the"
          + " standard error of the paired difference: the cheap " + plan.cheapSteps() + "-step attributions rank"
          + " the baselines differently from the full ones, or the dropped baselines carried weight.");
    }
    if (ratio > 0.6) {
      report.note("  Not met: with these settings the cheap stage and the survivors' full integrals together need "
          + fmt(ratio, 3) + " of EG's gradient evaluations.");
    }
  }

  // ---- 4. metric evaluation ---------------------------------------------------------------

  /** Maps to score with the metrics, on one model. */
  private record MetricCase(String model, ModelFunction function, List<float[]> images, List<Attribution> maps, int batch) {}

  private void metricShare(Sides s, List<Attribution> maps, BenchReport.Builder report) {
    log.println("metric evaluation: Java-side share ...");
    log.flush();
    List<float[]> images = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      images.add(s.image(i));
    }
    Shape shape = s.model.inputShape();
    metricShare(new MetricCase("the " + shape.height() + "×" + shape.width() + " model", s.model, images, maps, s.batch),
        report);
    // the same on a 224×224 CNN: the Java-side work grows with the pixels, and so does the model's
    int size = plan.memorySize();
    Shape big = Shape.of(3, size, size);
    try (DjlModelFunction model = MemoryProbe.randomCnn(big, plan.memoryWidth())) {
      List<float[]> bigImages = new ArrayList<>();
      List<Attribution> bigMaps = new ArrayList<>();
      java.util.SplittableRandom random = new java.util.SplittableRandom(11);
      // more images than Fill keeps blurs of, so that each repetition blurs every image once,
      // as on the 32×32 model's 24 maps
      for (int i = 0; i < BIG_METRIC_IMAGES; i++) {
        float[] x = new float[big.size()];
        float[] map = new float[big.size()];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) random.nextDouble();
          map[j] = (float) random.nextGaussian();
        }
        int target = argmax(model.outputs(List.of(x))[0]);
        bigImages.add(x);
        bigMaps.add(new Attribution(big, map, target, 0, List.of("random"), new double[] {0}, new double[] {1}, null,
            0, 0, 0, java.util.Map.of()));
      }
      metricShare(new MetricCase("a random " + size + "×" + size + " small-cnn of width " + plan.memoryWidth()
          + " (random maps)", model, bigImages, bigMaps, s.batch), report);
    }
  }

  private void metricShare(MetricCase c, BenchReport.Builder report) {
    PluginConfig deletion = metricConfig("deletion-auc");
    PluginConfig insertion = metricConfig("insertion-auc");
    PluginConfig plainDeletion = PluginConfig.defaults(registry.get(Metric.class, "deletion-auc"));
    PluginConfig plainInsertion = PluginConfig.defaults(registry.get(Metric.class, "insertion-auc"));
    boolean plain = deletion.equals(plainDeletion) && insertion.equals(plainInsertion);
    metricShare(c, deletion, insertion, plain ? "default settings" : "the experiment's settings: " + settings(deletion)
        + ", " + settings(insertion), report);
    if (!plain) {
      metricShare(c, plainDeletion, plainInsertion, "default settings: zero replacement and start", report);
    }
  }

  private void metricShare(MetricCase c, PluginConfig deletion, PluginConfig insertion, String label,
      BenchReport.Builder report) {
    List<Metric> metrics = List.of(deletion.create(registry), insertion.create(registry));
    TimedModel timed = new TimedModel(c.function());
    int reps = Math.max(1, plan.repetitions());
    int n = c.maps().size();
    double[] share = new double[reps];
    double[] javaMs = new double[reps];
    double[] modelMs = new double[reps];
    for (Metric metric : metrics) { // warm-up
      metric.evaluate(new MetricInput(timed, c.images().get(0), c.maps().get(0), null, c.batch()));
    }
    for (int r = 0; r < reps; r++) {
      timed.reset();
      long t0 = CLOCK.nanos();
      for (int i = 0; i < n; i++) {
        for (Metric metric : metrics) {
          metric.evaluate(new MetricInput(timed, c.images().get(i), c.maps().get(i), null, c.batch()));
        }
      }
      long total = CLOCK.nanos() - t0;
      share[r] = 1 - (double) timed.modelNanos() / total;
      javaMs[r] = 1e-6 * (total - timed.modelNanos()) / (2.0 * n);
      modelMs[r] = 1e-6 * timed.modelNanos() / (2.0 * n);
    }
    double med = Stats.median(share);
    report.row("metric evaluation: share of time in Java-side mask/curve work (deletion-auc and insertion-auc, "
            + label + "; " + c.model() + ", " + n + " maps)",
        pct(med) + " (" + fmt(Stats.median(javaMs), 2) + " ms Java vs " + fmt(Stats.median(modelMs), 2)
            + " ms in the model per evaluation)",
        "≤ 5 %", Verdict.of(med <= 0.05));
    if (med > 0.05) {
      boolean blur = label.contains("blur");
      Shape shape = c.function().inputShape();
      double rank = rankMs(c.maps().get(0));
      double blurred = blur ? blurMs(c.images().get(0), shape) : 0;
      double java = Stats.median(javaMs);
      report.note("- Metric evaluation (" + label + "; " + c.model() + "), not met: per evaluation " + fmt(java, 2)
          + " ms of Java-side work against " + fmt(Stats.median(modelMs), 2) + " ms for the model's forward pass of"
          + " the curve's images. Of the Java side, ranking the map takes " + fmt(rank, 2) + " ms when timed on its own"
          + " (MapKernels.rankDescending: a primitive sort of packed keys)"
          + (blur ? ", the σ = 10 Gaussian blur that makes the replacement/start image " + fmt(blurred, 2)
              + " ms per image, about half that per evaluation (made once per image and kept for its other maps: here"
              + " the deletion and insertion of a map share it, in an experiment every method's map does)" : "")
          + ", the rest " + fmt(Math.max(0, java - rank - (blur ? blurred / 2 : 0)), 2) + " ms: the masked images, the"
          + " curve and the checks, and what the ranking loses when it runs between model calls, on caches the model has"
          + " filled. A larger classifier costs more per image while this stays the same for the same image size.");
    }
  }

  /** Milliseconds to rank the positions of a map as the metrics do, the median of 11. */
  private static double rankMs(Attribution map) {
    Shape shape = map.shape();
    double[] values = new double[map.values().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = map.values()[i];
    }
    double[] t = new double[11];
    for (int r = 0; r < t.length; r++) {
      long t0 = CLOCK.nanos();
      org.igkit.api.compute.MapKernels.rankDescending(
          org.igkit.api.compute.MapKernels.spatialSum(values, shape.channels(), shape.pixels(), false));
      t[r] = (CLOCK.nanos() - t0) / 1e6;
    }
    return Stats.median(t);
  }

  /** Milliseconds of one σ = 10 blur of an image, the median of 11. */
  private static double blurMs(float[] image, Shape shape) {
    double[] t = new double[11];
    for (int r = 0; r < t.length; r++) {
      long t0 = CLOCK.nanos();
      org.igkit.api.image.GaussianBlur.blur(image, shape, 10, org.igkit.api.image.GaussianBlur.Padding.REFLECT);
      t[r] = (CLOCK.nanos() - t0) / 1e6;
    }
    return Stats.median(t);
  }

  private static String settings(PluginConfig config) {
    StringBuilder b = new StringBuilder(config.type());
    config.resolved().forEach((k, v) -> {
      if (!k.equals("type") && (k.equals("replacement") || k.equals("start"))) {
        b.append(' ').append(k).append(' ').append(v);
      }
    });
    return b.toString();
  }

  // ---- 5. memory --------------------------------------------------------------------------

  private void memory(BenchReport.Builder report) throws IOException, InterruptedException {
    log.println("memory: child JVMs (" + plan.memorySize() + "×" + plan.memorySize() + ", " + plan.memorySteps()
        + " steps × " + plan.memoryBaselines() + " baselines) ...");
    log.flush();
    MemoryProbe.Workload base = new MemoryProbe.Workload("idle", plan.memorySize(), plan.memoryWidth(),
        plan.memoryBatch(), plan.memorySteps(), plan.memoryBaselines(), plan.memoryHeapMib(), false);
    MemoryProbe.Result idle = MemoryProbe.measure(base, 600);
    MemoryProbe.Result raw = MemoryProbe.measure(base.withMode("raw"), 600);
    MemoryProbe.Result full = MemoryProbe.measure(base.withMode("attribution"), 3600);
    // the same with glibc returning freed buffers at once; memory does not grow with the steps
    // (paths stream), so fewer steps suffice and keep the slower allocator's run short
    int eagerSteps = Math.min(plan.memorySteps(), 100);
    MemoryProbe.Result eagerRaw = MemoryProbe.measure(base.withMode("raw").with(eagerSteps, true), 600);
    MemoryProbe.Result eager = MemoryProbe.measure(base.withMode("attribution").with(eagerSteps, true), 3600);
    double ratio = (double) full.peakRssKib() / raw.peakRssKib();
    double eagerRatio = (double) eager.peakRssKib() / eagerRaw.peakRssKib();
    double above = (double) (full.peakRssKib() - idle.peakRssKib()) / Math.max(1, raw.peakRssKib() - idle.peakRssKib());
    String what = plan.memorySize() + "×" + plan.memorySize() + " attribution, ";
    report.row("memory: peak RSS of a " + what + plan.memorySteps() + " steps × " + plan.memoryBaselines()
            + " baselines, ÷ one raw batch forward+backward (batch " + plan.memoryBatch() + ")",
        fmt(ratio, 3) + " (" + fmt(full.peakMib(), 0) + " MiB ÷ " + fmt(raw.peakMib(), 0) + " MiB; idle "
            + fmt(idle.peakMib(), 0) + " MiB)",
        "≤ 1.5", Verdict.of(ratio <= 1.5));
    report.row("memory, the same with MALLOC_MMAP_THRESHOLD_=131072 (glibc returns freed buffers at once), "
            + eagerSteps + " steps × " + plan.memoryBaselines() + " baselines",
        fmt(eagerRatio, 3) + " (" + fmt(eager.peakMib(), 0) + " MiB ÷ " + fmt(eagerRaw.peakMib(), 0) + " MiB)",
        "≤ 1.5", Verdict.of(eagerRatio <= 1.5));
    double msPerPoint = 1000 * full.seconds() / Math.max(1, full.gradientPoints());
    double eagerMsPerPoint = 1000 * eager.seconds() / Math.max(1, eager.gradientPoints());
    report.note("- Memory: each figure is the VmHWM of its own child JVM (-Xmx" + plan.memoryHeapMib() + "m for all)"
        + " running a randomly initialised small-cnn of width " + plan.memoryWidth() + " for 3×" + plan.memorySize()
        + "×" + plan.memorySize() + " (EG, uniform-noise baselines, batch " + plan.memoryBatch() + "); \"idle\" is the"
        + " engine and the model loaded with one forward pass. Above idle the attribution needs " + fmt(above, 2)
        + "× the raw batch. The attribution took " + fmt(msPerPoint, 1) + " ms per gradient point with glibc's default"
        + " and " + fmt(eagerMsPerPoint, 1) + " ms with the threshold fixed (a fresh mapping, zeroed by the kernel, for"
        + " every large buffer). Peak memory does not grow with the steps: paths stream.");
    if (ratio > 1.5) {
      report.note("  Not met with glibc's default allocator: the excess over the raw batch is libtorch's freed"
          + " activation buffers that glibc keeps (it raises its mmap threshold after the first frees, so later"
          + " buffers come from its heap and fragment it), not igkit's data (a batch of points and gradients and one"
          + " accumulator per baseline, in the Java heap); with MALLOC_MMAP_THRESHOLD_=131072 the ratio is "
          + fmt(eagerRatio, 2) + ".");
    }
    if (eagerRatio > 1.5) {
      report.note("  Not met even with freed buffers returned at once: the attribution holds more than half a raw"
          + " batch more: the Java heap (up to -Xmx" + plan.memoryHeapMib() + "m) and the batch's points and gradients.");
    }
  }

  // ---- 6. parallel samples ----------------------------------------------------------------

  private void parallel(BenchReport.Builder report) throws IOException {
    if (plan.parallelSettings().isEmpty()) {
      return;
    }
    Selection sel = experiment.selection();
    Selection few = new Selection(sel.offset(), plan.parallelSamples(), sel.shardIndex(), sel.shardCount());
    Path tmp = Files.createTempDirectory("igkit-bench-");
    try {
      List<int[]> settings = plan.parallelSettings();
      double[][] rates = new double[settings.size()][plan.parallelRuns()];
      int count = 0;
      java.util.Map<Integer, byte[]> byThreads = new java.util.HashMap<>();
      boolean identical = true;
      boolean acrossThreads = true;
      // round-robin over the settings, so that changing load from elsewhere hits all of them alike
      for (int r = 0; r < plan.parallelRuns(); r++) {
        for (int j = 0; j < settings.size(); j++) {
          int workers = settings.get(j)[0];
          int threads = settings.get(j)[1];
          log.println("parallel samples: " + workers + " worker(s) × " + threads + " thread(s), run " + (r + 1) + " of "
              + plan.parallelRuns() + " ...");
          log.flush();
          Path dir = tmp.resolve(workers + "x" + threads + "-" + r);
          Experiment e = experiment.withSelection(few, dir.toString()).withParallelism(workers, threads);
          long[] span = new long[2];
          ExperimentRunner.Outcome o = new ExperimentRunner(registry).run(e, dir, new ExperimentRunner.Listener() {
            @Override
            public void started(long total, long alreadyDone) {
              span[0] = System.nanoTime();
            }

            @Override
            public void finished() {
              span[1] = System.nanoTime();
            }
          });
          count = (int) (o.computed() / Math.max(1, o.cells().size()));
          rates[j][r] = count / ((span[1] - span[0]) / 1e9);
          byte[] results = Files.readAllBytes(dir.resolve(org.igkit.runner.results.ResultsCsv.RESULTS_FILE));
          byte[] same = byThreads.putIfAbsent(threads, results);
          if (same != null && !java.util.Arrays.equals(same, results)) {
            identical = false;
          }
          for (byte[] other : byThreads.values()) {
            acrossThreads &= java.util.Arrays.equals(other, results);
          }
        }
      }
      double baseline = Double.NaN;
      double best = 0;
      String bestSetting = "";
      for (int j = 0; j < settings.size(); j++) {
        int workers = settings.get(j)[0];
        int threads = settings.get(j)[1];
        double med = Stats.median(rates[j]);
        if (workers == 1 && threads == 1) {
          baseline = med;
        }
        if (med > best) {
          best = med;
          bestSetting = workers + "×" + threads;
        }
        report.row("parallel samples: " + workers + " worker(s) × " + threads + " thread(s), the experiment's "
                + experiment.methods().size() + " methods and " + experiment.metrics().size() + " metrics, " + count
                + " samples",
            fmt(med, 2) + " samples/s" + (Double.isNaN(baseline) || (workers == 1 && threads == 1) ? ""
                : " (" + fmt(med / baseline, 2) + "× 1×1)"),
            "–", Verdict.INFO);
      }
      report.note("- Parallel samples: the experiment's own attribution loop (after loading, before the summary),"
          + " wall time; workers × threads = PyTorch threads in use; fastest here: " + bestSetting + ". "
          + (identical ? "Runs with the same threads wrote the same results.csv, byte for byte, whatever the workers"
              + (acrossThreads ? ", and so did all threads settings." : "; other thread counts may round"
                  + " differently inside PyTorch.")
              : "WARNING: runs that differ only in workers wrote different results.csv files — a bug; please report it."));
    } finally {
      deleteTree(tmp);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** The model and samples both sides of every comparison use. */
  private static final class Sides {
    final DjlModelFunction model;
    final List<Sample> samples;
    final int[] targets;
    final EngineOptions options;
    final int batch;

    Sides(DjlModelFunction model, List<Sample> samples, int[] targets, List<float[]> references, int batch) {
      this.model = model;
      this.samples = samples;
      this.targets = targets;
      this.batch = batch;
      this.options = EngineOptions.batchSize(batch).withReferenceImages(references);
    }

    float[] image(int i) {
      return samples.get(i).image();
    }

    /** Attributes sample i; every method sees the same baselines for a sample (paired). */
    Attribution attribute(ModelFunction m, AttributionMethod method, int i) {
      RandomSource r = RandomSource.of(8).derive("sample:" + samples.get(i).id());
      return AttributionEngine.attribute(m, method, image(i), targets[i], r.derive("cell:" + method.name()),
          r.derive("baselines"), options);
    }

    MetricInput metricInput(ModelFunction m, int i, Attribution a) {
      return new MetricInput(m, image(i), a, samples.get(i).mask(), batch);
    }
  }

  /** Seconds per repetition of two sides, and of each side's time inside its timed model. */
  private record Paired(double[] a, double[] b, double[] aModel, double[] bModel, double[] aForward) {}

  /**
   * Times {@code a} and {@code b} on images 0…k−1, {@code repetitions} times after
   * {@code repetitions / 2 + 1} warm-up passes; within a repetition every image is run by both sides back to back, in alternating
   * order, so that load from elsewhere hits both alike. {@code timedA}/{@code timedB} (either may
   * be null) are reset at the start of each repetition.
   */
  private static Paired interleave(IntConsumer a, IntConsumer b, int k, int repetitions, TimedModel timedA,
      TimedModel timedB) {
    // warm-up, JMH-style: igkit's side is Java code that the JIT compiles over the first passes,
    // the loop's is almost all native; measuring before that would charge the JIT to igkit
    for (int w = 0; w < repetitions / 2 + 1; w++) {
      for (int i = 0; i < k; i++) {
        a.accept(i);
        b.accept(i);
      }
    }
    Paired p = new Paired(new double[repetitions], new double[repetitions], new double[repetitions],
        new double[repetitions], new double[repetitions]);
    for (int r = 0; r < repetitions; r++) {
      if (timedA != null) {
        timedA.reset();
      }
      if (timedB != null) {
        timedB.reset();
      }
      for (int i = 0; i < k; i++) {
        boolean aFirst = (r + i) % 2 == 0;
        for (int side = 0; side < 2; side++) {
          boolean isA = aFirst == (side == 0);
          long t0 = CLOCK.nanos();
          (isA ? a : b).accept(i);
          double dt = (CLOCK.nanos() - t0) / 1e9;
          if (isA) {
            p.a()[r] += dt;
          } else {
            p.b()[r] += dt;
          }
        }
      }
      p.aModel()[r] = timedA == null ? 0 : timedA.modelNanos() / 1e9;
      p.bModel()[r] = timedB == null ? 0 : timedB.modelNanos() / 1e9;
      p.aForward()[r] = timedA == null ? 0 : timedA.forwardNanos() / 1e9;
    }
    return p;
  }

  private Metric metric(String id) {
    return metricConfig(id).create(registry);
  }

  private PluginConfig metricConfig(String id) {
    return experiment.metrics().stream().filter(c -> c.type().equals(id)).findFirst()
        .orElseGet(() -> PluginConfig.defaults(registry.get(Metric.class, id)));
  }

  private org.igkit.api.path.Path straight() {
    return registry.create(org.igkit.api.path.Path.class, "straight", null);
  }

  private Aggregator uniform() {
    return registry.create(Aggregator.class, "uniform", new UniformAggregator.Spec(null, null));
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

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** max |a − b| ÷ max |a|. */
  static double maxRelativeDifference(float[] a, float[] b) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
      scale = Math.max(scale, Math.abs(a[i]));
    }
    return scale == 0 ? diff : diff / scale;
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String signed(double v, int decimals) {
    return String.format(Locale.ROOT, "%+." + decimals + "f", v);
  }

  static String sci(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
