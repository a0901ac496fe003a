package org.igkit.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.CountingComputeBackend;
import org.igkit.api.compute.CountingComputeBackend.Count;
import org.igkit.api.compute.JavaComputeBackend;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.Selection;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.RunPlan;

/**
 * Which Java-side kernels a real run calls, and what share of its time they take: the experiment
 * run by {@link ExperimentRunner} (one worker, so every unit runs on the calling thread) with a
 * {@link CountingComputeBackend} over the Java backend installed as the process's backend. Every
 * kernel call of the run goes through it, so the census is complete by construction. It says it
 * offloads, so the callers make the calls an offloading backend (TornadoVM) receives — the
 * perturbation curves' batched composites instead of their incremental host loop — while the Java
 * kernels run them, with the same numbers. The run's
 * time is the calling thread's CPU time from the first unit to the last (attribution, metrics and
 * writing the results); a kernel's share is its CPU time inside the calls ÷ that.
 */
final class KernelCensus {

  private KernelCensus() {}

  /**
   * One experiment's census.
   *
   * @param experiment the experiment's name
   * @param counts     per kernel called: calls, elements, CPU time
   * @param runNanos   the run's CPU time, first unit to last
   */
  record Run(String experiment, Map<String, Count> counts, long runNanos) {
    Run {
      counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** Returns the CPU time inside kernel calls, nanoseconds. */
    long kernelNanos() {
      return counts.values().stream().mapToLong(Count::cpuNanos).sum();
    }

    /** Returns the kernels' share of the run's time. */
    double share() {
      return runNanos <= 0 ? 0 : (double) kernelNanos() / runNanos;
    }
  }

  /**
   * Runs {@code experiment} on its first {@code limit} samples into {@code dir}, counting the
   * kernels.
   *
   * @param models the model loader, or null for the experiment's own model
   */
  static Run run(Experiment experiment, PluginRegistry registry, ExperimentRunner.ModelLoader models, int limit,
      Path dir) throws IOException {
    Selection sel = experiment.selection();
    Experiment few = experiment.withSelection(new Selection(sel.offset(), limit, sel.shardIndex(), sel.shardCount()),
        dir.toString()).withParallelism(1, experiment.threads());
    CountingComputeBackend counting = new CountingComputeBackend(new JavaComputeBackend(), true);
    long[] span = new long[2];
    ExperimentRunner runner = new ExperimentRunner(registry, models == null ? RunPlan.formatLoader(registry) : models);
    try (ComputeBackends.Installed ignored = ComputeBackends.install(counting)) {
      runner.run(few, dir, new ExperimentRunner.Listener() {
        @Override
        public void started(long total, long alreadyDone) {
          counting.reset(); // only the units' kernels, not those of opening the run
          span[0] = CountingComputeBackend.threadCpuNanos();
        }

        @Override
        public void finished() {
          span[1] = CountingComputeBackend.threadCpuNanos();
        }
      });
    }
    return new Run(experiment.name(), counting.counts(), span[1] - span[0]);
  }

  /** Returns the counts of several runs added per kernel, in the order of {@link CountingComputeBackend#OPERATIONS}. */
  static Map<String, Count> total(List<Run> runs) {
    Map<String, Count> out = new LinkedHashMap<>();
    for (String op : CountingComputeBackend.OPERATIONS) {
      long calls = 0;
      long elements = 0;
      long nanos = 0;
      for (Run r : runs) {
        Count c = r.counts().get(op);
        if (c != null) {
          calls += c.calls();
          elements += c.elements();
          nanos += c.cpuNanos();
        }
      }
      if (calls > 0) {
        out.put(op, new Count(calls, elements, nanos));
      }
    }
    return out;
  }

  /** Returns the runs' CPU time added, nanoseconds. */
  static long runNanos(List<Run> runs) {
    return runs.stream().mapToLong(Run::runNanos).sum();
  }
}
