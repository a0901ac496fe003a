package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;
import static org.igkit.cli.bench.BenchFormat.pct;
import static org.igkit.cli.bench.BenchFormat.sci;

import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.random.RandomSource;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.paths.step.RiemannStepRule;

/**
 * Pipeline overhead: IG (black baseline, midpoint rule) through igkit's engine against
 * {@link RawIntegratedGradients}, a minimal loop written directly against DJL, on the same images,
 * steps and batch size; gradient points per second of igkit ÷ of the loop. The two maps are
 * compared too, to show they are the same computation.
 */
final class IgThroughputMeasure implements BenchMeasure {

  @Override
  public String name() {
    return "pipeline overhead";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) {
    context.progress("pipeline overhead: igkit IG vs a hand-written DJL loop ...");
    BenchSamples s = context.samples();
    int steps = plan.igSteps();
    AttributionMethod ig = new AttributionMethod("IG",
        context.registry().create(BaselineSampler.class, "black", null), context.straight(),
        new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT), context.uniform());
    RawIntegratedGradients raw = new RawIntegratedGradients(s.model);
    float[] black = new float[s.model.inputShape().size()];
    int k = Math.min(plan.timingImages(), s.size());
    TimedModel timed = new TimedModel(s.model);
    PairedTiming t = PairedTiming.interleave(context.clock(),
        i -> AttributionEngine.attribute(timed, ig, s.image(i), s.targets[i], RandomSource.of(i), s.options),
        i -> raw.attribute(s.image(i), black, s.targets[i], steps, s.batch),
        k, plan.repetitions(), timed, null);
    double[] ratio = new double[t.repetitions()];
    double[] outside = new double[t.repetitions()];
    double[] forward = new double[t.repetitions()];
    double[] gradientCalls = new double[t.repetitions()];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = t.b()[r] / t.a()[r]; // throughput ratio = time(loop) / time(igkit)
      outside[r] = 1 - t.aModel()[r] / t.a()[r];
      forward[r] = t.aForward()[r] / t.a()[r];
      gradientCalls[r] = (t.aModel()[r] - t.aForward()[r]) / t.b()[r];
    }
    double med = Stats.median(ratio);
    double points = (double) k * steps;
    double igkitRate = points / Stats.median(t.a());
    double loopRate = points / Stats.median(t.b());
    double javaShare = Stats.median(outside);
    float[] a = AttributionEngine.attribute(s.model, ig, s.image(0), s.targets[0], RandomSource.of(0), s.options).values();
    float[] b = raw.attribute(s.image(0), black, s.targets[0], steps, s.batch);
    double diff = maxRelativeDifference(a, b);

    BenchReport.Builder report = new BenchReport.Builder();
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
    return report.build();
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
}
