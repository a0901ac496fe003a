package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;
import static org.igkit.cli.bench.BenchFormat.signed;

import org.igkit.api.metric.Metric;
import org.igkit.cli.bench.BenchReport.Verdict;

/**
 * Two-stage filtering: {@code filtered} with {@code drop-lowest} of half the baselines,
 * {@code twoStage: true} and {@link BenchPlan#cheapSteps()} steps for the fitness
 * ({@link MethodComparison}): its gradient evaluations ÷ EG's, and its deletion AUC (the
 * experiment's {@code deletion-auc} settings) against WG's on every sample, as mean ± std and as a
 * paired difference.
 */
final class TwoStageFilteringMeasure implements BenchMeasure {

  @Override
  public String name() {
    return "two-stage filtering";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) {
    BenchSamples s = context.samples();
    MethodComparison m = context.comparison(plan);
    Metric deletion = context.metric("deletion-auc");
    int n = s.size();
    double[] egPoints = new double[n];
    double[] filteredPoints = new double[n];
    double[] wgAuc = new double[n];
    double[] filteredAuc = new double[n];
    for (int i = 0; i < n; i++) {
      egPoints[i] = m.egMaps().get(i).gradientPoints();
      filteredPoints[i] = m.filteredMaps().get(i).gradientPoints();
      wgAuc[i] = deletion.evaluate(s.metricInput(s.model, i, m.wgMaps().get(i))).value();
      filteredAuc[i] = deletion.evaluate(s.metricInput(s.model, i, m.filteredMaps().get(i))).value();
    }
    double ratio = Stats.mean(filteredPoints) / Stats.mean(egPoints);
    BenchReport.Builder report = new BenchReport.Builder();
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
    return report.build();
  }
}
