package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;

import java.util.Arrays;
import org.igkit.aggregators.fitness.FitnessSearch;
import org.igkit.cli.bench.BenchReport.Verdict;

/**
 * The fitness search's rounds — each one forward batch over all baselines — in WG's maps of the
 * samples ({@link MethodComparison}), against the bound ⌈log_B(H·W)⌉ + 1
 * ({@link FitnessSearch#roundBound}). Counted, not timed.
 */
final class FitnessRoundsMeasure implements BenchMeasure {

  @Override
  public String name() {
    return "fitness search rounds";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) {
    int pixels = context.samples().model.inputShape().pixels();
    int b = MethodComparison.FITNESS.width(context.samples().model.accelerated());
    int bound = FitnessSearch.roundBound(pixels, b);
    double[] rounds = context.comparison(plan).wgMaps().stream()
        .mapToDouble(a -> a.diagnostics().getOrDefault("fitnessRounds", Double.NaN)).toArray();
    double max = Arrays.stream(rounds).max().orElse(Double.NaN);
    return new BenchReport.Builder()
        .row("fitness search: forward batches (rounds) per baseline, max over " + rounds.length + " samples (B = " + b
                + " candidates per round, H·W = " + pixels + ")",
            fmt(max, 0) + " (median " + fmt(Stats.median(rounds), 0) + ")",
            "≤ ⌈log_" + b + "(" + pixels + ")⌉ + 1 = " + bound, Verdict.of(max <= bound))
        .build();
  }
}
