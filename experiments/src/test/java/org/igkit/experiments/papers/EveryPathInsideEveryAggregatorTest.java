package org.igkit.experiments.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.igkit.runner.Experiments;
import org.igkit.runner.report.SummaryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path plugin composes with every aggregator and step rule from YAML on the benchmark CNN:
 * Guided IG inside WG, geodesic inside filtered WG, spectral with IDGI inside EG, blur on its own.
 * IDGI cells are complete to float rounding; the others have a finite completeness gap.
 */
class EveryPathInsideEveryAggregatorTest {

  @TempDir Path dir;

  @Test
  void pathsAggregatorsAndStepRulesCompose() throws Exception {
    String model = Path.of("models/shapes-small-cnn.params").toAbsolutePath().toString().replace('\\', '/');
    String yaml = """
        name: compose
        seed: 3
        model: {path: "%s", format: djl-block, architecture: small-cnn, width: 16, inputShape: [3, 32, 32], numClasses: 4}
        dataset: {type: shapes, count: 10, limit: 3, referenceCount: 4}
        methods:
          - {name: guided-WG, baselines: [black, {type: uniform-noise, count: 2}], path: guided, stepRule: {type: riemann, steps: 8}, aggregator: fitness}
          - {name: guided-WG-IDGI, baselines: [black, {type: uniform-noise, count: 2}], path: guided, stepRule: {type: idgi, steps: 8}, aggregator: fitness}
          - {name: geodesic-filtered, baselines: [black, white, gray], path: {type: geodesic-knn, weights: euclidean}, stepRule: {type: gauss-legendre, steps: 8}, aggregator: {type: filtered, rule: drop-lowest, twoStage: true, cheapSteps: 4}}
          - {name: spectral-EG-IDGI, baselines: [black, {type: dataset, count: 2}], path: spectral, stepRule: {type: idgi, steps: 8}}
          - {name: blur-IDGI, path: {type: blur, maxSigma: 5}, stepRule: {type: idgi, steps: 8}}
          - {name: power-WG, baselines: [black, white], path: power, stepRule: {type: riemann, steps: 8}, aggregator: fitness}
        metrics: [completeness-gap, insertion-auc]
        batchSize: 16
        """.formatted(model);
    Path file = dir.resolve("compose.yaml");
    Files.writeString(file, yaml);
    Experiments.Result r = Experiments.run(file, dir.resolve("out"));
    assertThat(r.cells()).hasSize(6);
    for (var cell : r.cells()) {
      SummaryRow gap = r.summary().row(cell.id(), "completeness-gap").orElseThrow();
      assertThat(gap.n()).as(cell.id()).isEqualTo(3);
      assertThat(gap.mean()).as(cell.id()).isFinite();
      if (cell.id().endsWith("IDGI")) {
        assertThat(gap.mean()).as("%s is exactly complete", cell.id()).isLessThan(1e-4);
      }
    }
  }
}
