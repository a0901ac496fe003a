package org.igkit.experiments.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.Experiments;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.config.Selection;
import org.igkit.runner.run.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed reproduction results ({@code papers/results/<name>/}) are what their experiment
 * files produce: running an experiment file again recomputes its committed rows (checked on the
 * first samples of the cheapest reproduction), and rebuilding the summary from the committed
 * results gives the committed {@code summary.md} and {@code summary.csv} byte for byte.
 */
class CommittedReproductionsTest {

  @TempDir Path tmp;

  static Stream<String> reproductions() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("papers/results"))) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** The reproduction re-run: two methods on the small shapes CNN, the cheapest per sample. */
  static final String RERUN = "wg-table1-small-cnn";
  /** Samples re-run: the first of the committed selection. */
  static final int RERUN_SAMPLES = 2;
  /**
   * Tolerance on every recomputed number, absolute or relative: the committed results may have
   * been produced on another CPU, whose float arithmetic (vector widths, fused multiply-add,
   * summation order in the engine's kernels) can differ in the last bits.
   */
  static final double TOLERANCE = 1e-5;

  /**
   * Runs {@code papers/wg-table1-small-cnn.yaml} through the real run path (plugin registry,
   * experiment loader, runner, result store) on the first two samples of its selection and
   * compares the rows it writes with the committed {@code results.csv} rows of those samples:
   * the same (sample, cell, method, metric) keys in the same order, each value within
   * {@value #TOLERANCE} of the committed one.
   */
  @Test
  void rerunningTheFirstSamplesReproducesTheirCommittedRows() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment full = loader.load(Path.of("papers", RERUN + ".yaml"));
    Selection s = full.selection();
    assertThat(s.offset()).isZero();
    Path out = tmp.resolve("rerun");
    Experiment firstSamples = full.withSelection(new Selection(0, RERUN_SAMPLES, s.shardIndex(), s.shardCount()),
        out.toString());
    Experiments.run(firstSamples, out, registry);

    List<String[]> committed = rows(Path.of("papers/results", RERUN, "results.csv"));
    List<String[]> recomputed = rows(out.resolve("results.csv"));
    List<String> samples = committed.stream().map(r -> r[0]).distinct().limit(RERUN_SAMPLES).toList();
    assertThat(samples).containsExactly("test-0000", "test-0001");
    List<String[]> expected = committed.stream().filter(r -> samples.contains(r[0])).toList();
    // both methods, at least deletion-auc and overlap-auc for each, per sample
    assertThat(expected.size()).isGreaterThanOrEqualTo(RERUN_SAMPLES * 2 * 2);
    assertThat(recomputed.stream().map(CommittedReproductionsTest::key).toList())
        .as("recomputed (sample, cell, method, metric) keys, in order")
        .containsExactlyElementsOf(expected.stream().map(CommittedReproductionsTest::key).toList());
    for (int i = 0; i < expected.size(); i++) {
      double want = Double.parseDouble(expected.get(i)[4]);
      double got = Double.parseDouble(recomputed.get(i)[4]);
      assertThat(got).as("%s: recomputed %s, committed %s", key(expected.get(i)), got, want)
          .isCloseTo(want, within(TOLERANCE * Math.max(1, Math.abs(want))));
    }
  }

  /** The data rows of a results.csv ({@code sample,cell,method,metric,value}), split. */
  private static List<String[]> rows(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("sample,cell,method,metric,value");
    return lines.stream().skip(1).map(l -> l.split(",", -1)).peek(f -> assertThat(f).hasSize(5)).toList();
  }

  private static String key(String[] row) {
    return String.join(",", row[0], row[1], row[2], row[3]);
  }

  @ParameterizedTest
  @MethodSource("reproductions")
  void summaryRebuildsFromTheCommittedResults(String name) throws Exception {
    Path committed = Path.of("papers/results", name);
    Path copy = tmp.resolve(name);
    Files.createDirectories(copy);
    for (String f : List.of("results.csv", "curves.csv", "done.csv")) {
      if (Files.exists(committed.resolve(f))) {
        Files.copy(committed.resolve(f), copy.resolve(f));
      }
    }
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment e = loader.load(Path.of("papers", name + ".yaml"));
    Reports.write(copy, e, loader.cells(e), registry);
    assertThat(copy.resolve("summary.md")).hasSameBinaryContentAs(committed.resolve("summary.md"));
    assertThat(copy.resolve("summary.csv")).hasSameBinaryContentAs(committed.resolve("summary.csv"));
  }
}
