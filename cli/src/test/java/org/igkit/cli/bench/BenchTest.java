package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.cli.bench.BenchReport.Row;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.cli.Igkit;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole bench on a tiny experiment (a random 12×12 CNN, four images in a folder) with a tiny
 * plan: every measure gets its row, the deterministic verdicts are right, and every goal not met
 * comes with its reason. No timing is asserted.
 */
class BenchTest {

  @TempDir Path dir;

  @Test
  void everyMeasureHasARowAndEveryGoalNotMetItsReason() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Experiment e = new ExperimentLoader(registry).load(TinyBench.experiment(dir));
    StringWriter progress = new StringWriter();

    BenchReport report = new Bench(e, registry, TinyBench.PLAN, "igkit bench (test)", new PrintWriter(progress, true)).run();

    List<String> measures = report.rows().stream().map(Row::measure).toList();
    assertThat(measures).hasSize(17);
    assertThat(measures.get(0)).startsWith("pipeline overhead: igkit IG throughput ÷ hand-written DJL loop (8 steps, batch 8");
    assertThat(measures.get(1)).startsWith("WG cost ÷ EG cost (6 baselines × 8 steps");
    assertThat(measures.get(2)).startsWith("WG cost ÷ EG cost at 16×16 (a random small-cnn of width 2");
    assertThat(measures.get(3)).startsWith("fitness search: forward batches (rounds) per baseline, max over 3 samples");
    assertThat(measures.get(4)).startsWith("two-stage filtered WG gradient evaluations ÷ EG's (drop-lowest 3 of 6, cheapSteps 2");
    assertThat(measures.get(5)).startsWith("deletion AUC (lower is better) of filtered WG vs WG, 3 samples");
    assertThat(measures.get(6)).contains("the experiment's settings: deletion-auc replacement blur, insertion-auc start zero;"
        + " the 12×12 model, 3 maps");
    assertThat(measures.get(7)).contains("default settings: zero replacement and start; the 12×12 model");
    assertThat(measures.get(8)).contains("replacement blur").contains("a random 16×16 small-cnn of width 2 (random maps), 12 maps");
    assertThat(measures.get(9)).contains("default settings").contains("a random 16×16 small-cnn");
    assertThat(measures.get(10)).startsWith("memory: peak RSS of a 16×16 attribution, 3 steps × 2 baselines");
    assertThat(measures.get(11)).startsWith("memory, the same with MALLOC_MMAP_THRESHOLD_=131072");
    assertThat(measures.get(12)).startsWith("parallel samples: 1 worker(s) × 1 thread(s)");
    assertThat(measures.get(13)).startsWith("parallel samples: 2 worker(s) × 1 thread(s)");
    assertThat(measures.get(14)).startsWith("Java-side kernels: share of run time at the experiments' sizes (12×12");
    assertThat(measures.get(15)).startsWith("Java-side kernels: share of run time at 16×16");
    assertThat(measures.get(16)).startsWith("Java-side kernels called");

    Row rounds = report.rows().get(3);
    assertThat(rounds.goal()).isEqualTo("≤ ⌈log_4(144)⌉ + 1 = 5"); // 4 candidates per round on a CPU
    assertThat(rounds.verdict()).isEqualTo(Verdict.MET);
    // (6·2 + 3·8) / (6·8) = 0.75: counted, not timed
    Row filtered = report.rows().get(4);
    assertThat(filtered.measured()).startsWith("0.7500 (36 vs 48 per image)");
    assertThat(filtered.verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(report.rows().subList(12, 14)).allSatisfy(r -> {
      assertThat(r.verdict()).isEqualTo(Verdict.INFO);
      assertThat(r.measured()).matches("\\d+\\.\\d\\d samples/s.*");
    });

    long reasons = report.notes().stream().filter(n -> n.toLowerCase(Locale.ROOT).contains("not met")).count();
    assertThat(reasons).as("one reason per goal not met; %s", report.table()).isEqualTo(report.unmet().size());
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("Not met: with these settings the cheap stage"));
    assertThat(report.notes()).anySatisfy(n -> assertThat(n)
        .contains("Runs with the same threads wrote the same results.csv, byte for byte, whatever the workers"));
    assertThat(report.table()).startsWith("igkit bench (test): model small-cnn width 4 (3×12×12, 2 classes, cpu), 3 samples"
        + " of image-folder, batch 8");
    assertThat(progress.toString()).contains("memory: child JVMs").contains("parallel samples: 2 worker(s)");
  }

  @Test
  void theCommandIsRegisteredAndRefusesAMissingExperimentFileAndAnUnknownMeasure() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("bench", "--help")).isZero();
    assertThat(out.toString()).contains("--quick").contains("--experiment").contains("experiments/quickstart")
        .contains("--only").contains("shared-integration");
    assertThat(cl.execute("bench", "--experiment", dir.resolve("none.yaml").toString())).isEqualTo(Igkit.CONFIG_ERROR);
    assertThat(err.toString()).contains("no experiment file").contains("none.yaml");
    assertThat(cl.execute("bench", "--only", "memory,sharing", "--experiment", TinyBench.experiment(dir).toString()))
        .isEqualTo(Igkit.CONFIG_ERROR);
    assertThat(err.toString()).contains("--only: no measure 'sharing'; the measures are pipeline-overhead");
  }

  @Test
  void onlyRunsTheChosenMeasuresAndNamesTheMeasuresForAnUnknownOne() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Experiment e = new ExperimentLoader(registry).load(TinyBench.experiment(dir));
    StringWriter progress = new StringWriter();
    Bench bench = new Bench(e, registry, TinyBench.PLAN, "igkit bench (test)", new PrintWriter(progress, true));

    BenchReport report = bench.only(List.of("Two-Stage Filtering", "memory")).run();

    assertThat(report.rows()).extracting(Row::measure).satisfiesExactly(
        m -> assertThat(m).startsWith("two-stage filtered WG gradient evaluations ÷ EG's"),
        m -> assertThat(m).startsWith("deletion AUC (lower is better) of filtered WG vs WG"),
        m -> assertThat(m).startsWith("memory: peak RSS"),
        m -> assertThat(m).startsWith("memory, the same with MALLOC_MMAP_THRESHOLD_"));
    assertThat(Bench.ids()).contains("pipeline-overhead", "wg-cost-eg-cost", "shared-integration", "parallel-samples");
    assertThatThrownBy(() -> bench.only(List.of("memory", "sharing"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--only: no measure 'sharing'").hasMessageContaining("shared-integration");
  }
}
