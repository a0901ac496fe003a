package org.igkit.experiments.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.Reports;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed reproduction results ({@code papers/results/<name>/}) are what their experiment
 * files produce: rebuilding the summary from the committed results gives the committed
 * {@code summary.md} and {@code summary.csv} byte for byte.
 */
class CommittedReproductionsTest {

  @TempDir Path tmp;

  static Stream<String> reproductions() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("papers/results"))) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
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
