package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;
import static org.igkit.cli.bench.BenchFormat.pct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.models.DjlModelFunction;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.runner.run.CompositeBaselineSampler;

/**
 * WG ÷ EG: time of WG ({@code fitness}, {@code search: fast} at the device's width) ÷ EG
 * ({@code uniform}) with the same baselines and steps ({@link MethodComparison}), and where WG's
 * extra time goes: the fitness search's forward calls and its Java-side work. The same ratio at
 * {@link BenchPlan#memorySize()}² on a random CNN (as {@link MetricShareMeasure}'s large case),
 * where a forward pass costs more against the Java-side work.
 */
final class WgCostMeasure implements BenchMeasure {

  /** Random images of the large case per repetition. */
  private static final int BIG_IMAGES = 2;

  /** The large case's goal on a CPU (its few candidates per round keep the search's images few). */
  private static final double BIG_GOAL = 1.15;

  @Override
  public String name() {
    return "WG cost ÷ EG cost";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) {
    BenchSamples s = context.samples();
    MethodComparison m = context.comparison(plan);
    context.progress("WG vs EG timing ...");
    int k = Math.min(plan.timingImages(), s.size());
    TimedModel wgModel = new TimedModel(s.model);
    TimedModel egModel = new TimedModel(s.model);
    PairedTiming t = PairedTiming.interleave(context.clock(), i -> s.attribute(wgModel, m.wg(), i),
        i -> s.attribute(egModel, m.eg(), i), k, plan.repetitions(), wgModel, egModel);
    double[] ratio = new double[t.repetitions()];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = t.a()[r] / t.b()[r];
    }
    double med = Stats.median(ratio);
    BenchReport.Builder report = new BenchReport.Builder();
    report.row("WG cost ÷ EG cost (" + m.count() + " baselines × " + plan.methodSteps() + " steps, batch " + s.batch
            + ", " + k + " images per repetition)",
        fmt(med, 3) + " (" + fmt(1000 * Stats.median(t.a()) / k, 1) + " vs " + fmt(1000 * Stats.median(t.b()) / k, 1)
            + " ms per image)",
        "≤ 1.25", Verdict.of(med <= 1.25));

    // the reason, from the last repetition's counters (the same in every repetition)
    double fwdCalls = (double) wgModel.forwardCalls() / k;
    double fwdPoints = (double) wgModel.forwardPoints() / k;
    double gradCalls = (double) egModel.gradientCalls() / k;
    double fwdCallMs = 1e-6 * wgModel.forwardNanos() / Math.max(1, wgModel.forwardCalls());
    double gradCallMs = 1e-6 * egModel.gradientNanos() / Math.max(1, egModel.gradientCalls());
    double fwdPointMs = 1e-6 * wgModel.forwardNanos() / Math.max(1, wgModel.forwardPoints());
    double gradPointMs = 1e-6 * egModel.gradientNanos() / Math.max(1, egModel.gradientPoints());
    double[] javaExtra = new double[t.repetitions()];
    for (int r = 0; r < javaExtra.length; r++) {
      javaExtra[r] = 1000 * ((t.a()[r] - t.aModel()[r]) - (t.b()[r] - t.bModel()[r])) / k;
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
    large(plan, context, report);
    return report.build();
  }

  /** WG ÷ EG on random images of a random {@link BenchPlan#memorySize()}² CNN, 6 baselines. */
  private static void large(BenchPlan plan, BenchContext context, BenchReport.Builder report) {
    int size = plan.memorySize();
    Shape big = Shape.of(3, size, size);
    context.progress("WG vs EG timing at " + size + "×" + size + " ...");
    PluginRegistry registry = context.registry();
    BaselineSampler baselines = new CompositeBaselineSampler(List.of(
        registry.create(BaselineSampler.class, "black", null),
        registry.create(BaselineSampler.class, "white", null),
        registry.create(BaselineSampler.class, "gray", null),
        registry.create(BaselineSampler.class, "uniform-noise", new UniformNoiseBaselineSampler.Spec(3, null, null))));
    RiemannStepRule rule = new RiemannStepRule(plan.methodSteps(), RiemannStepRule.Variant.MIDPOINT);
    AttributionMethod eg = new AttributionMethod("EG", baselines, context.straight(), rule, context.uniform());
    AttributionMethod wg = new AttributionMethod("WG", baselines, context.straight(), rule,
        registry.create(Aggregator.class, "fitness", MethodComparison.FITNESS));
    EngineOptions options = EngineOptions.batchSize(plan.memoryBatch());
    try (DjlModelFunction model = MemoryProbe.randomCnn(big, plan.memoryWidth())) {
      SplittableRandom random = new SplittableRandom(12);
      List<float[]> images = new ArrayList<>();
      int[] targets = new int[BIG_IMAGES];
      for (int i = 0; i < BIG_IMAGES; i++) {
        float[] x = new float[big.size()];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) random.nextDouble();
        }
        images.add(x);
        targets[i] = Argmax.of(model.outputs(List.of(x))[0]);
      }
      TimedModel wgModel = new TimedModel(model);
      TimedModel egModel = new TimedModel(model);
      Attribution[] last = new Attribution[BIG_IMAGES];
      PairedTiming t = PairedTiming.interleave(context.clock(),
          i -> last[i] = attribute(wgModel, wg, images.get(i), targets[i], options),
          i -> attribute(egModel, eg, images.get(i), targets[i], options), BIG_IMAGES, plan.repetitions(), wgModel,
          egModel);
      double[] ratio = new double[t.repetitions()];
      for (int r = 0; r < ratio.length; r++) {
        ratio[r] = t.a()[r] / t.b()[r];
      }
      double med = Stats.median(ratio);
      int b = MethodComparison.FITNESS.width(model.accelerated());
      String device = model.accelerated() ? "a GPU" : "a CPU";
      report.row("WG cost ÷ EG cost at " + size + "×" + size + " (a random small-cnn of width " + plan.memoryWidth()
              + ", random images; 6 baselines × " + plan.methodSteps() + " steps, batch " + plan.memoryBatch() + ", B = "
              + b + " candidates per round on " + device + ", " + BIG_IMAGES + " images per repetition)",
          fmt(med, 3) + " (" + fmt(1000 * Stats.median(t.a()) / BIG_IMAGES, 1) + " vs "
              + fmt(1000 * Stats.median(t.b()) / BIG_IMAGES, 1) + " ms per image)",
          "≤ " + fmt(BIG_GOAL, 2) + " on a CPU", Verdict.of(model.accelerated() || med <= BIG_GOAL));
      double[] d = Arrays.stream(last).flatMapToDouble(a -> Arrays.stream(a.fitness())).sorted().toArray();
      report.note("- WG ÷ EG at " + size + "×" + size + ": per image WG made "
          + fmt((double) wgModel.forwardPoints() / BIG_IMAGES, 0) + " forward points (the search's masked images and the"
          + " start scores) in "
          + fmt(Arrays.stream(last).mapToDouble(a -> a.diagnostics().getOrDefault("fitnessRounds", 0.0)).average()
              .orElse(0), 1) + " search rounds, against EG's " + 6 * plan.methodSteps() + " gradient points; D_α per baseline"
          + " from " + fmt(d[0], 0) + " to " + fmt(d[d.length - 1], 0) + " of " + big.pixels() + " (the exact scan would"
          + " score about that many masked images per baseline). The width is the device's: " + "few on a CPU (" + org.igkit.aggregators.fitness.FitnessSpec.CPU_WIDTH + "), where every masked image costs the same, wide on a GPU ("
          + org.igkit.aggregators.fitness.FitnessSpec.ACCELERATOR_WIDTH + ")"
          + ".");
      if (!model.accelerated() && med > BIG_GOAL) {
        report.note("  Not met: at this size the search's masked images cost " + pct(med - 1) + " of EG's time; fewer"
            + " candidates per round (candidatesPerRound) score fewer images per round, more steps make EG's share larger.");
      }
    }
  }

  private static Attribution attribute(TimedModel model, AttributionMethod method, float[] image, int target,
      EngineOptions options) {
    RandomSource r = RandomSource.of(8).derive("large");
    return AttributionEngine.attribute(model, method, image, target, r.derive("cell:" + method.name()),
        r.derive("baselines"), options);
  }
}
