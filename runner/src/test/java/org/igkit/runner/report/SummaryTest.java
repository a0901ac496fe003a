package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary table against numbers worked out by hand. Values are multiples of 1/32, so every
 * difference is exact and ties in the signed-rank test are real ties.
 */
class SummaryTest {

  private static final String WG = "WG[alpha=0.5]";
  private static final Map<String, Boolean> HIGHER_IS_BETTER =
      Map.of("deletion-auc", false, "insertion-auc", true);

  // per cell: deletion and insertion values of samples s0..s4, in 32nds (null: missing)
  private static final Map<String, Integer[][]> DATA = new LinkedHashMap<>();

  static {
    DATA.put("EG", new Integer[][] {{10, 8, 13, 11, 6}, {16, 19, 18, 14, 13}});
    DATA.put(WG, new Integer[][] {{6, 7, 10, 9, 3}, {15, 20, 16, 15, 12}});
    DATA.put("Copy", new Integer[][] {{10, 8, 13, 11, 6}, {16, 19, 18, 14, 13}});
    DATA.put("IG", new Integer[][] {{12, 10, 15, 9, null}, {18, 21, 20, 16, 15}});
  }

  @TempDir Path tmp;
  private Path results;

  @BeforeEach
  void writeResults() throws IOException {
    Path dir = tmp.resolve("run");
    try (ResultStore store = ResultStore.open(dir)) {
      for (int s = 0; s < 5; s++) {
        for (Map.Entry<String, Integer[][]> e : DATA.entrySet()) {
          String cell = e.getKey();
          String method = cell.equals(WG) ? "WG" : cell;
          List<ResultRow> group = new ArrayList<>();
          if (e.getValue()[0][s] != null) {
            group.add(new ResultRow("s" + s, cell, method, "deletion-auc",
                e.getValue()[0][s] / 32.0));
          }
          group.add(new ResultRow("s" + s, cell, method, "insertion-auc",
              e.getValue()[1][s] / 32.0));
          group.add(new ResultRow("s" + s, cell, method, "diag.completeness-gap", 1e-6 * s));
          store.append(group);
        }
      }
    }
    results = dir.resolve("results.csv");
  }

  private Summary summary() throws IOException {
    return Summary.compute(results, "EG", HIGHER_IS_BETTER);
  }

  @Test
  void meanAndSampleStd() throws IOException {
    SummaryRow eg = summary().row("EG", "deletion-auc").orElseThrow();
    assertThat(eg.n()).isEqualTo(5);
    assertThat(eg.mean()).isCloseTo(9.6 / 32, within(1e-15));
    // deviations (in 32nds) 0.4, -1.6, 3.4, 1.4, -3.6: sum of squares 29.2, / (n - 1) = 7.3
    assertThat(eg.std()).isCloseTo(Math.sqrt(7.3) / 32, within(1e-15));
    SummaryRow ig = summary().row("IG", "deletion-auc").orElseThrow();
    assertThat(ig.n()).isEqualTo(4);
    assertThat(ig.mean()).isEqualTo(46.0 / 128);
  }

  @Test
  void relativeImprovementIsPositiveWhenBetterInEitherDirection() throws IOException {
    Summary s = summary();
    // deletion: lower is better; WG 7/32 vs EG 9.6/32
    assertThat(s.row(WG, "deletion-auc").orElseThrow().relativeImprovement())
        .isCloseTo((9.6 - 7.0) / 9.6, within(1e-12));
    // insertion: higher is better; WG 15.6/32 vs EG 16/32
    assertThat(s.row(WG, "insertion-auc").orElseThrow().relativeImprovement())
        .isCloseTo(-0.025, within(1e-12));
    assertThat(s.row("IG", "deletion-auc").orElseThrow().relativeImprovement())
        .isCloseTo(-(11.5 - 9.6) / 9.6, within(1e-12));
    assertThat(s.row("IG", "insertion-auc").orElseThrow().relativeImprovement())
        .isCloseTo(0.125, within(1e-12));
    assertThat(s.row("EG", "deletion-auc").orElseThrow().relativeImprovement()).isZero();
    assertThat(s.row(WG, "diag.completeness-gap").orElseThrow().relativeImprovement()).isNaN();
  }

  @Test
  void pairedTTestMatchesTheTStatistic() throws IOException {
    Summary s = summary();
    // WG - EG deletion, in 32nds: -4, -1, -3, -2, -3
    assertThat(s.row(WG, "deletion-auc").orElseThrow().tTestP())
        .isCloseTo(tTestP(new double[] {-4, -1, -3, -2, -3}), within(1e-12));
    // IG - EG deletion on the 4 samples both have: 2, 2, 2, -2
    SummaryRow ig = s.row("IG", "deletion-auc").orElseThrow();
    assertThat(ig.pairedN()).isEqualTo(4);
    assertThat(ig.tTestP()).isCloseTo(tTestP(new double[] {2, 2, 2, -2}), within(1e-12));
    // WG - EG insertion: -1, 1, -2, 1, -1; scipy.stats.ttest_rel agrees to 1e-12
    assertThat(s.row(WG, "insertion-auc").orElseThrow().tTestP())
        .isCloseTo(tTestP(new double[] {-1, 1, -2, 1, -1}), within(1e-12));
  }

  /** p = 2 (1 − F_{n−1}(|t|)), t = mean(d) / (sd(d) / √n). */
  private static double tTestP(double[] d) {
    int n = d.length;
    double mean = 0;
    for (double x : d) {
      mean += x / n;
    }
    double ss = 0;
    for (double x : d) {
      ss += (x - mean) * (x - mean);
    }
    double t = mean / (Math.sqrt(ss / (n - 1)) / Math.sqrt(n));
    return 2 * (1 - new TDistribution(n - 1).cumulativeProbability(Math.abs(t)));
  }

  @Test
  void wilcoxonExactPValues() throws IOException {
    Summary s = summary();
    // five differences of one sign: 2/32
    assertThat(s.row(WG, "deletion-auc").orElseThrow().wilcoxonP()).isEqualTo(0.0625);
    // |d| = 1,1,2,1,1: W+ = 2.5 + 2.5, p = 2 * 12/32
    assertThat(s.row(WG, "insertion-auc").orElseThrow().wilcoxonP()).isEqualTo(0.75);
    // four tied |d|, three positive: P(W+ >= 7.5) = 5/16
    assertThat(s.row("IG", "deletion-auc").orElseThrow().wilcoxonP()).isEqualTo(0.625);
  }

  @Test
  void undefinedTestsAreNaN() throws IOException {
    Summary s = summary();
    SummaryRow copy = s.row("Copy", "deletion-auc").orElseThrow();
    assertThat(copy.tTestP()).isNaN(); // all differences 0
    assertThat(copy.wilcoxonP()).isNaN();
    SummaryRow ig = s.row("IG", "insertion-auc").orElseThrow();
    assertThat(ig.tTestP()).isNaN(); // all differences 2/32: zero variance
    assertThat(ig.wilcoxonP()).isEqualTo(0.0625);
    SummaryRow ref = s.row("EG", "insertion-auc").orElseThrow();
    assertThat(ref.tTestP()).isNaN();
    assertThat(ref.wilcoxonP()).isNaN();
  }

  @Test
  void bestMeanPerMetricRespectsTheDirection() throws IOException {
    Summary s = summary();
    assertThat(s.rows()).filteredOn(SummaryRow::best)
        .extracting(r -> r.cell() + "/" + r.metric())
        .containsExactly(WG + "/deletion-auc", "IG/insertion-auc");
    Summary flipped = Summary.compute(results, "EG",
        Map.of("deletion-auc", true, "insertion-auc", false));
    assertThat(flipped.rows()).filteredOn(SummaryRow::best)
        .extracting(r -> r.cell() + "/" + r.metric())
        .containsExactly(WG + "/insertion-auc", "IG/deletion-auc");
  }

  @Test
  void markdownHasTheShapeOfTable1() throws IOException {
    String md = summary().toMarkdown();
    assertThat(md).contains("Reference: EG. n = 4 to 5 samples per cell and metric");
    assertThat(md).contains("| cell | deletion-auc ↓ | insertion-auc ↑ |\n|:--|--:|--:|\n");
    // std in 32nds: EG deletion sqrt(7.3), insertion sqrt(6.5); WG sqrt(7.5), sqrt(8.3);
    // IG deletion sqrt(21 / 3), insertion = EG's + 2, same spread
    assertThat(md).contains("| EG (reference) | 0.3000 ± 0.08443 | 0.5000 ± 0.07967 |");
    assertThat(md).contains("| WG[alpha=0.5] | **0.2188 ± 0.08558** | 0.4875 ± 0.09003 |");
    assertThat(md).contains("| IG | 0.3594 ± 0.08268 | **0.5625 ± 0.07967** |");
    assertThat(md).contains("## Relative improvement over EG");
    assertThat(md).contains("| WG[alpha=0.5] | +27.08 % | -2.500 % |");
    assertThat(md).contains("| IG | -19.79 % | +12.50 % |");
    assertThat(md).contains("| Copy | +0.000 % | +0.000 % |");
    assertThat(md).contains("| Copy | – / – (n = 5) | – / – (n = 5) |");
    // IG deletion: d = 2, 2, 2, -2 (32nds): t = 1 with 3 degrees of freedom, p = 0.3910
    assertThat(md).contains("| IG | 0.3910 / 0.6250 (n = 4) | – / 0.06250 (n = 5) |");
    assertThat(md).contains("| WG[alpha=0.5] | 0.006987 / 0.06250 (n = 5) | 0.5415 / 0.7500 (n = 5) |");
    assertThat(md).contains("## Diagnostics");
    assertThat(md).contains("| cell | diag.completeness-gap |");
  }

  @Test
  void csvHoldsEveryNumberAtFullPrecision() throws IOException {
    String csv = summary().toCsv();
    List<Csv.Record> records = Csv.parse("summary.csv", csv);
    assertThat(String.join(",", records.get(0).fields())).isEqualTo("cell,method,metric,"
        + "direction,n,mean,std,relative_improvement,paired_n,t_test_p,wilcoxon_p,best");
    List<String> wg = records.stream().map(Csv.Record::fields)
        .filter(f -> f.get(0).equals(WG) && f.get(2).equals("deletion-auc")).findFirst()
        .orElseThrow();
    assertThat(wg.subList(0, 6))
        .containsExactly(WG, "WG", "deletion-auc", "lower", "5", "0.21875");
    assertThat(Double.parseDouble(wg.get(7))).isCloseTo(2.6 / 9.6, within(1e-15));
    assertThat(wg.subList(8, 12)).element(0).isEqualTo("5");
    assertThat(wg.get(10)).isEqualTo("0.0625");
    assertThat(wg.get(11)).isEqualTo("true");
    List<String> ref = records.get(1).fields();
    assertThat(ref.subList(0, 3)).containsExactly("EG", "EG", "deletion-auc");
    assertThat(ref.get(7)).isEqualTo("0.0");
    assertThat(ref.get(9)).isEmpty();
    assertThat(ref.get(10)).isEmpty();
    assertThat(records).hasSize(1 + 4 * 3);
  }

  @Test
  void writesByteIdenticalFilesForIdenticalResults() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    summary().write(a);
    summary().write(b);
    for (String f : List.of(Summary.CSV_FILE, Summary.MARKDOWN_FILE)) {
      assertThat(Files.readAllBytes(a.resolve(f))).isEqualTo(Files.readAllBytes(b.resolve(f)));
    }
  }

  @Test
  void theReferenceCanBeNamedByItsMethodWhenItHasOneCell() throws IOException {
    assertThat(Summary.compute(results, "WG", HIGHER_IS_BETTER).referenceCell()).isEqualTo(WG);
    assertThatThrownBy(() -> Summary.compute(results, "Wg", HIGHER_IS_BETTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reference: 'Wg' is neither a cell nor a method of these results; cells: "
            + "[EG, WG[alpha=0.5], Copy, IG]");
  }

  @Test
  void aSampleThatFailedInOneCellIsLeftOutOfEveryCell() {
    // s2 failed for B only: were it kept in A, A's mean would be over other samples than B's
    List<ResultRow> rows = List.of(
        new ResultRow("s0", "A", "A", "m", 1), new ResultRow("s0", "B", "B", "m", 2),
        new ResultRow("s1", "A", "A", "m", 3), new ResultRow("s1", "B", "B", "m", 4),
        new ResultRow("s2", "A", "A", "m", 100), new ResultRow("s2", "B", "B", ResultRow.ERROR_METRIC, Double.NaN));
    Summary s = Summary.compute(rows, "A", Map.of("m", true));
    assertThat(s.row("A", "m").orElseThrow().n()).isEqualTo(2);
    assertThat(s.row("A", "m").orElseThrow().mean()).isEqualTo(2.0);
    assertThat(s.row("B", "m").orElseThrow().mean()).isEqualTo(3.0);
    assertThat(s.row("B", "m").orElseThrow().relativeImprovement()).isEqualTo(0.5);
    assertThat(s.skippedSamples()).isEqualTo(1);
    assertThat(s.skippedUnits()).isEqualTo(1);
    assertThat(s.metrics()).containsExactly("m");
    assertThat(s.toMarkdown()).contains("Skipped: 1 sample(s) failed in 1 (sample, cell) unit(s)");
  }

  @Test
  void duplicateValuesAreAnError() {
    List<ResultRow> rows = List.of(new ResultRow("s", "EG", "EG", "m", 1),
        new ResultRow("s", "EG", "EG", "m", 2));
    assertThatThrownBy(() -> Summary.compute(rows, "EG", Map.of()))
        .hasMessage("results hold two values of metric m for sample s and cell EG");
  }
}
