package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.igkit.cli.bench.BenchPlan.Parallelism;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.Selection;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.run.ExperimentRunner;

/**
 * Parallel samples: the experiment itself, on {@link BenchPlan#parallelSamples()} samples, run by
 * {@link ExperimentRunner} with each of {@link BenchPlan#parallelSettings()} (workers × threads):
 * samples per second, on wall time; and whether the settings wrote the same results. No rows
 * without settings.
 */
final class ParallelSamplesMeasure implements BenchMeasure {

  @Override
  public String name() {
    return "parallel samples";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) throws IOException {
    BenchReport.Builder report = new BenchReport.Builder();
    if (plan.parallelSettings().isEmpty()) {
      return report.build();
    }
    Experiment experiment = context.experiment();
    Selection sel = experiment.selection();
    Selection few = new Selection(sel.offset(), plan.parallelSamples(), sel.shardIndex(), sel.shardCount());
    Path tmp = Files.createTempDirectory("igkit-bench-");
    try {
      List<Parallelism> settings = plan.parallelSettings();
      double[][] rates = new double[settings.size()][plan.parallelRuns()];
      int count = 0;
      Map<Integer, byte[]> byThreads = new HashMap<>();
      boolean identical = true;
      boolean acrossThreads = true;
      // round-robin over the settings, so that changing load from elsewhere hits all of them alike
      for (int r = 0; r < plan.parallelRuns(); r++) {
        for (int j = 0; j < settings.size(); j++) {
          int workers = settings.get(j).workers();
          int threads = settings.get(j).threads();
          context.progress("parallel samples: " + workers + " worker(s) × " + threads + " thread(s), run " + (r + 1)
              + " of " + plan.parallelRuns() + " ...");
          Path dir = tmp.resolve(workers + "x" + threads + "-" + r);
          Experiment e = experiment.withSelection(few, dir.toString()).withParallelism(workers, threads);
          long[] span = new long[2];
          ExperimentRunner.Outcome o = new ExperimentRunner(context.registry()).run(e, dir,
              new ExperimentRunner.Listener() {
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
          byte[] results = Files.readAllBytes(dir.resolve(ResultsCsv.RESULTS_FILE));
          byte[] same = byThreads.putIfAbsent(threads, results);
          if (same != null && !Arrays.equals(same, results)) {
            identical = false;
          }
          for (byte[] other : byThreads.values()) {
            acrossThreads &= Arrays.equals(other, results);
          }
        }
      }
      double baseline = Double.NaN;
      double best = 0;
      String bestSetting = "";
      for (int j = 0; j < settings.size(); j++) {
        int workers = settings.get(j).workers();
        int threads = settings.get(j).threads();
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
    return report.build();
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
