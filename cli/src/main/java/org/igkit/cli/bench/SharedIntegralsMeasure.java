package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.SharedIntegrals;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.MethodConfig;
import org.igkit.runner.config.Selection;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.MethodFactory;
import org.igkit.runner.run.RunPlan;
import org.igkit.runner.run.UnitComputation;

/**
 * Shared integration: the experiment's methods that integrate the same baselines along the same
 * path with the same step rule (the quick start's EG, WG and filtered WG), run by the experiment
 * runner on {@link BenchPlan#samples()} samples with sharing and without ({@link
 * SharedIntegrals#PROPERTY}); the gradient points the model computed (counted, not timed), their
 * ratio, and whether both runs wrote the same {@code results.csv} and {@code curves.csv}.
 */
final class SharedIntegralsMeasure implements BenchMeasure {

  static final double GOAL = 0.4;

  @Override
  public String name() {
    return "shared integration";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) throws IOException {
    BenchReport.Builder report = new BenchReport.Builder();
    Experiment experiment = context.experiment();
    List<MethodConfig> group = sharingGroup(experiment.methods());
    if (group.isEmpty()) {
      report.note("- Shared integration: no two methods of the experiment integrate the same baselines along the"
          + " same path with the same step rule; nothing to share, no row.");
      return report.build();
    }
    Selection sel = experiment.selection();
    Selection some = new Selection(sel.offset(), plan.samples(), sel.shardIndex(), sel.shardCount());
    String reference = group.stream().anyMatch(m -> m.name().equals(experiment.reference()))
        ? experiment.reference() : group.get(0).name();
    Path tmp = Files.createTempDirectory("igkit-bench-shared-");
    try {
      long[] points = new long[2];
      byte[][] results = new byte[2][];
      byte[][] curves = new byte[2][];
      long count = 0;
      for (int on = 0; on < 2; on++) {
        Path dir = tmp.resolve(on == 1 ? "shared" : "alone");
        Experiment e = new Experiment(experiment.name(), experiment.seed(), experiment.model(), experiment.dataset(),
            some, group, experiment.metrics(), Map.of(), reference, experiment.target(), experiment.batchSize(), 1, 1,
            dir.toString(), false, experiment.source());
        context.progress("shared integration: " + group.size() + " methods " + (on == 1 ? "with" : "without")
            + " sharing ...");
        List<CountingModel> models = new ArrayList<>();
        String before = System.getProperty(SharedIntegrals.PROPERTY);
        System.setProperty(SharedIntegrals.PROPERTY, on == 1 ? "true" : "false");
        try {
          ExperimentRunner.Outcome o = new ExperimentRunner(context.registry(), spec -> {
            CountingModel m = new CountingModel(RunPlan.formatLoader(context.registry()).load(spec));
            models.add(m);
            return m;
          }).run(e, dir, new ExperimentRunner.Listener() {});
          count = o.computed() / Math.max(1, o.cells().size());
        } finally {
          if (before == null) {
            System.clearProperty(SharedIntegrals.PROPERTY);
          } else {
            System.setProperty(SharedIntegrals.PROPERTY, before);
          }
        }
        points[on] = models.stream().mapToLong(CountingModel::gradientPoints).sum();
        results[on] = Files.readAllBytes(dir.resolve(ResultsCsv.RESULTS_FILE));
        Path c = dir.resolve("curves.csv");
        curves[on] = Files.exists(c) ? Files.readAllBytes(c) : new byte[0];
      }
      double ratio = (double) points[1] / points[0];
      boolean identical = Arrays.equals(results[0], results[1]) && Arrays.equals(curves[0], curves[1]);
      String names = String.join(" + ", group.stream().map(MethodConfig::name).toList());
      report.row("shared integration: gradient evaluations of " + names + " with sharing ÷ without (" + count
              + " samples); results.csv and curves.csv byte-identical",
          fmt(ratio, 4) + " (" + fmt((double) points[1] / count, 0) + " vs " + fmt((double) points[0] / count, 0)
              + " per sample); " + (identical ? "identical" : "DIFFERENT"),
          "≤ " + GOAL + ", identical", Verdict.of(ratio <= GOAL && identical));
      report.note("- Shared integration: within one sample, a method reuses another's integrals when both integrate"
          + " the same baselines (by value) along the same path with the same step rule (their resolved configuration)"
          + " and the path drew no randomness. On a pointwise path (straight) whose rule has at least a batch of nodes"
          + " the engine batches each baseline's points on their own, so each baseline is reused by itself, whatever"
          + " other baselines either call held (two-stage filtering's survivors reuse EG's integrals), and a nested"
          + " rule (Riemann left, right, trapezoid) is integrated in stages from ≥ 8 steps, so a two-stage filter's"
          + " cheap pass at a count of that chain is a stage of EG's integrals; otherwise"
          + " batches mix the baselines of a call, a model's float rounding may depend on a point's batch, and only a"
          + " call of the same baselines is reused. Counted: gradient points the model computed, in a CountingModel"
          + " around each run's model.");
      if (!identical) {
        report.note("  WARNING: the runs with and without sharing wrote different files — a bug; please report it.");
      }
      if (ratio > GOAL) {
        report.note("  Not met: " + fmt(ratio, 3) + ". With sharing the model computes one method's full integrals"
            + " and what no other method computes: a two-stage filter's cheap pass when its count is not a stage of"
            + " the rule (a midpoint rule, whose nodes at c steps are none of those at 2c, or a count outside the"
            + " rule's chain of halvings down to 8 steps), and"
            + " integrals of a path that is not pointwise or of fewer nodes than a batch when their calls hold other"
            + " sets of baselines.");
      }
    } finally {
      deleteTree(tmp);
    }
    return report.build();
  }

  /** Returns the methods whose baselines, path and step rule are configured like another method's. */
  static List<MethodConfig> sharingGroup(List<MethodConfig> methods) {
    Map<String, Integer> count = new HashMap<>();
    for (MethodConfig m : methods) {
      count.merge(key(m), 1, Integer::sum);
    }
    return methods.stream().filter(m -> count.get(key(m)) > 1).toList();
  }

  private static String key(MethodConfig m) {
    return MethodFactory.baselineKey(m) + "|" + UnitComputation.integralKey(m);
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
