package org.igkit.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.igkit.runner.Experiments;
import org.igkit.runner.report.DatasetRow;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new metrics through the experiment runner, from YAML to summary: SIC and AIC are aggregated
 * per cell into the data-set table and files, stability re-runs each attribution with the
 * runner's re-attribution (IG from a black baseline is deterministic and scores exactly 0; EG and
 * WG over random-noise baselines do not), and a second run gives byte-identical files.
 */
class DatasetMetricsRunTest {

  static final String YAML = """
      name: dataset-metrics
      seed: 5
      model:
        path: '%s'
        format: djl-block
        architecture: small-cnn
        width: 16
        inputShape: [3, 32, 32]
        numClasses: 4
      dataset: {type: shapes, split: test, count: 64, referenceCount: 4, limit: 6}
      methods:
        - name: IG
          baselines: black
          stepRule: {type: riemann, steps: 8}
        - name: EG
          baselines: {type: uniform-noise, count: 3}
          stepRule: {type: riemann, steps: 8}
        - name: WG
          baselines: {type: uniform-noise, count: 3}
          stepRule: {type: riemann, steps: 8}
          aggregator: fitness
      metrics:
        - sic
        - {type: aic, information: ms-ssim}
        - localization
        - localization-f1
        - localization-mae
        - sparsity
        - {type: stability, draws: 3}
      reference: EG
      batchSize: 16
      """;

  @TempDir static Path tmp;
  static Experiments.Result run;

  @BeforeAll
  static void runIt() throws Exception {
    Path yaml = tmp.resolve("run.yaml");
    Files.writeString(yaml, YAML.formatted(ShapesModelMetricsTest.MODEL.toAbsolutePath().toString().replace("'", "''")));
    run = Experiments.run(yaml, tmp.resolve("out"));
  }

  @Test
  void dataSetMetricsAreAggregatedPerCell() throws Exception {
    Summary s = run.summary();
    assertThat(s.datasetRows()).extracting(r -> r.cell() + "/" + r.metric())
        .containsExactly("IG/sic", "IG/aic", "EG/sic", "EG/aic", "WG/sic", "WG/aic");
    for (DatasetRow r : s.datasetRows()) {
      assertThat(r.n()).as("%s", r).isEqualTo(6);
      assertThat(r.value()).as("%s", r).isBetween(0.0, 2.0);
      assertThat(r.curveX()).hasSize(100);
    }
    String md = Files.readString(run.output().resolve(Summary.MARKDOWN_FILE));
    assertThat(md).contains("## Data-set metrics").contains("| cell | sic ↑ | aic ↑ |");
    assertThat(run.output().resolve("report.html")).as("the HTML report copes with information curves").exists();
    assertThat(Files.readAllLines(run.output().resolve(Summary.DATASET_CSV_FILE))).hasSize(7);
    assertThat(Files.readAllLines(run.output().resolve(Summary.DATASET_CURVES_FILE))).hasSize(1 + 6 * 100);
    // per-sample rows keep the 25-point curves the aggregate was computed from
    List<ResultRow> rows = ResultsCsv.read(run.output());
    assertThat(rows).filteredOn(r -> r.metric().equals("sic")).hasSize(18)
        .allSatisfy(r -> assertThat(r.curveX()).hasSize(25));
  }

  @Test
  void stabilityIsZeroForADeterministicMethodAndPositiveOverRandomBaselines() throws Exception {
    Map<String, List<Double>> byCell = ResultsCsv.read(run.output()).stream()
        .filter(r -> r.metric().equals("stability"))
        .collect(Collectors.groupingBy(ResultRow::cell, Collectors.mapping(ResultRow::value, Collectors.toList())));
    assertThat(byCell.get("IG")).hasSize(6).containsOnly(0.0);
    assertThat(byCell.get("EG")).hasSize(6).allSatisfy(v -> assertThat(v).isPositive());
    assertThat(byCell.get("WG")).hasSize(6).allSatisfy(v -> assertThat(v).isPositive());
  }

  @Test
  void aSecondRunWritesIdenticalFiles() throws Exception {
    Path yaml = tmp.resolve("run.yaml");
    Experiments.Result again = Experiments.run(yaml, tmp.resolve("again"));
    for (String f : new String[] {ResultsCsv.RESULTS_FILE, ResultsCsv.CURVES_FILE, Summary.DATASET_CSV_FILE,
        Summary.DATASET_CURVES_FILE, Summary.MARKDOWN_FILE}) {
      assertThat(Files.readString(again.output().resolve(f))).as(f).isEqualTo(Files.readString(run.output().resolve(f)));
    }
  }
}
