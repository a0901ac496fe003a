package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.metrics.information.AicMetric;
import org.igkit.metrics.information.SicMetric;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-set metrics in summaries: SIC and AIC with B = 4 bins (centres 1/8, 3/8, 5/8, 7/8) are
 * aggregated from per-sample curves written to and read back from a results folder, and land in
 * their own table and files. Curves and expected numbers are worked out by hand.
 */
class DatasetSummaryTest {

  private static final SicMetric.Spec FOUR_BINS = new SicMetric.Spec(null, null, null, null, null, 4, null, null, null);
  private static final Map<String, DatasetMetric> METRICS =
      Map.of("sic", new SicMetric(FOUR_BINS), "aic", new AicMetric(FOUR_BINS));

  /** Per-sample curves (x = level, y): their values at the four centres in the comments. */
  private static final double[][][] EG = {
    {{0, 0.5, 1, 1}, {0, 1, 1, 1}},          // 0.25, 0.75, 1, 1
    {{0, 1, 1, 1}, {0.5, 1, 1, 1}},          // 0.5625, 0.6875, 0.8125, 0.9375
    {{0, 0.75, 0.25, 1}, {0, 0, 1, 1}},      // 0.5, 0.75, 0.25, 0.5
  };
  /** WG: every sample the straight line from (0, 0) to (1, 1): 1/8, 3/8, 5/8, 7/8. */
  private static final double[][] LINE = {{0, 1, 1, 1}, {0, 1, 1, 1}};

  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void writeResults() throws IOException {
    dir = tmp.resolve("run");
    try (ResultStore store = ResultStore.open(dir)) {
      for (int s = 0; s < 4; s++) {
        // EG: samples 0–2 scored, sample 3 not (NaN, no curve)
        store.append(List.of(
            s < 3 ? curveRow("s" + s, "EG", "sic", EG[s]) : new ResultRow("s3", "EG", "EG", "sic", Double.NaN),
            s < 3 ? curveRow("s" + s, "EG", "aic", EG[s]) : new ResultRow("s3", "EG", "EG", "aic", Double.NaN),
            new ResultRow("s" + s, "EG", "EG", "deletion-auc", 0.25 * s)));
        store.append(List.of(
            curveRow("s" + s, "WG", "sic", LINE),
            curveRow("s" + s, "WG", "aic", LINE),
            new ResultRow("s" + s, "WG", "WG", "deletion-auc", 0.125 * s)));
      }
    }
  }

  private static ResultRow curveRow(String sample, String cell, String metric, double[][] xy) {
    return new ResultRow(sample, cell, cell, metric, 0.5, xy[0], xy[1]);
  }

  private Summary summary() throws IOException {
    Summary s = Summary.compute(dir.resolve(ResultsCsv.RESULTS_FILE), "EG",
        Map.of("sic", true, "aic", true, "deletion-auc", false));
    return s.withDatasetRows(DatasetSummary.compute(ResultsCsv.read(dir), s.referenceCell(), METRICS));
  }

  @Test
  void aggregatesEachCellFromItsStoredCurves() throws IOException {
    Summary s = summary();
    // EG SIC: medians 0.5, 0.75, 0.8125, 0.9375 → 0.75; AIC: means → (1.3125 + 2.1875 + 2.0625 + 2.4375)/12
    DatasetRow sic = s.datasetRow("EG", "sic").orElseThrow();
    assertThat(sic.n()).isEqualTo(3);
    assertThat(sic.value()).isEqualTo(0.75);
    assertThat(sic.curveX()).containsExactly(0.125, 0.375, 0.625, 0.875);
    assertThat(sic.curveY()).containsExactly(0.5, 0.75, 0.8125, 0.9375);
    assertThat(s.datasetRow("EG", "aic").orElseThrow().value()).isEqualTo(8.0 / 12);
    // WG: the line, 0.5 for both, from 4 samples
    DatasetRow wg = s.datasetRow("WG", "sic").orElseThrow();
    assertThat(wg.n()).isEqualTo(4);
    assertThat(wg.value()).isEqualTo(0.5);
    assertThat(wg.relativeImprovement()).isEqualTo(-1.0 / 3);
    // (0.5 − 2/3)/(2/3) = −1/4, to rounding
    assertThat(s.datasetRow("WG", "aic").orElseThrow().relativeImprovement())
        .isCloseTo(-0.25, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(s.datasetRows()).filteredOn(DatasetRow::best).extracting(r -> r.cell() + "/" + r.metric())
        .containsExactlyInAnyOrder("EG/sic", "EG/aic");
  }

  @Test
  void unscoredSamplesAreLeftOutOfThePerSampleTableToo() throws IOException {
    Summary s = summary();
    assertThat(s.row("EG", "sic").orElseThrow().n()).isEqualTo(3);
    assertThat(s.row("EG", "sic").orElseThrow().mean()).isEqualTo(0.5);
    assertThat(s.row("WG", "sic").orElseThrow().pairedN()).isEqualTo(3);
    assertThat(s.row("EG", "deletion-auc").orElseThrow().n()).isEqualTo(4);
  }

  @Test
  void markdownHasADataSetTable() throws IOException {
    String md = summary().toMarkdown();
    assertThat(md).contains("## Data-set metrics\n\n");
    assertThat(md).contains("| cell | sic ↑ | aic ↑ |\n|:--|--:|--:|\n"
        + "| EG (reference) | **0.7500** (n = 3) | **0.6667** (n = 3) |\n"
        + "| WG | 0.5000 (n = 4, -33.33 %) | 0.5000 (n = 4, -25.00 %) |\n");
  }

  @Test
  void filesHoldEveryValueAndCurvePoint() throws IOException {
    summary().write(dir);
    assertThat(Files.readString(dir.resolve(Summary.DATASET_CSV_FILE))).isEqualTo(
        "cell,method,metric,direction,n,value,relative_improvement,best\n"
            + "EG,EG,sic,higher,3,0.75,0.0,true\n"
            + "EG,EG,aic,higher,3,0.6666666666666666,0.0,true\n"
            + "WG,WG,sic,higher,4,0.5,-0.3333333333333333,false\n"
            + "WG,WG,aic,higher,4,0.5,-0.24999999999999994,false\n");
    List<String> curves = Files.readAllLines(dir.resolve(Summary.DATASET_CURVES_FILE));
    assertThat(curves).hasSize(1 + 4 * 4);
    assertThat(curves.get(0)).isEqualTo("cell,metric,x,y");
    assertThat(curves.subList(1, 5)).containsExactly(
        "EG,sic,0.125,0.5", "EG,sic,0.375,0.75", "EG,sic,0.625,0.8125", "EG,sic,0.875,0.9375");
  }

  @Test
  void withoutDataSetMetricsNothingChanges() throws IOException {
    Summary plain = Summary.compute(dir.resolve(ResultsCsv.RESULTS_FILE), "EG", Map.of("deletion-auc", false));
    assertThat(plain.datasetRows()).isEmpty();
    assertThat(plain.toMarkdown()).doesNotContain("Data-set metrics");
    plain.write(dir);
    assertThat(dir.resolve(Summary.DATASET_CSV_FILE)).doesNotExist();
  }

  @Test
  void curvesThatCannotBeAggregatedAreNamed() throws IOException {
    Path other = tmp.resolve("other");
    try (ResultStore store = ResultStore.open(other)) {
      store.append(List.of(new ResultRow("s0", "EG", "EG", "sic", 0.5, new double[] {0, 1}, new double[] {0, 1})));
      store.append(List.of(new ResultRow("s1", "EG", "EG", "sic", 0.5, new double[] {0, 0.5, 1}, new double[] {0, 1, 1})));
    }
    assertThatThrownBy(() -> DatasetSummary.compute(ResultsCsv.read(other), "EG", METRICS))
        .hasMessageStartingWith("cell EG, metric sic: cannot aggregate: sic: per-sample curves differ in length");
  }
}
