package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.igkit.runner.results.ResultRow;
import org.junit.jupiter.api.Test;

/**
 * The significance table against numbers computed here: t-test p-values from the t
 * distribution, exact signed-rank p-values of all-positive differences (2 / 2ⁿ), Holm by its
 * formula, Cohen's d_z in closed form; the minimum n; failed samples left out.
 */
class ComparisonsTest {

  // per sample s0..s7: REF, A, B values of metric "m1"; "m2" = 1 − m1 + small offsets
  private static final double[] REF = {0.50, 0.40, 0.62, 0.55, 0.47, 0.58, 0.33, 0.9};
  private static final double[] A = {0.60, 0.60, 0.92, 0.95, 0.97, 1.18, 1.03, 0.1};
  private static final double[] B = {0.52, 0.37, 0.66, 0.51, 0.49, 0.57, 0.36, 0.2};

  private static List<ResultRow> rows(int samples, boolean failLast) {
    List<ResultRow> rows = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      for (String cell : List.of("REF", "A", "B")) {
        double v = cell.equals("REF") ? REF[s] : cell.equals("A") ? A[s] : B[s];
        if (failLast && s == samples - 1 && cell.equals("B")) {
          rows.add(new ResultRow("s" + s, cell, cell, ResultRow.ERROR_METRIC, Double.NaN));
          continue;
        }
        rows.add(new ResultRow("s" + s, cell, cell, "m1", v));
        rows.add(new ResultRow("s" + s, cell, cell, "m2", 1 - v + 0.01 * s * s));
        rows.add(new ResultRow("s" + s, cell, cell, "diag.completeness-gap", 0.5));
      }
    }
    return rows;
  }

  @Test
  void pairedTestsEffectSizesAndHolmAgainstIndependentValues() {
    Comparisons c = Comparisons.compute(rows(8, true), "REF", Map.of("m1", true, "m2", false));
    assertThat(c.rows()).extracting(r -> r.cell() + "/" + r.metric())
        .containsExactly("A/m1", "A/m2", "B/m1", "B/m2");
    double[] rawT = new double[4];
    int k = 0;
    for (Comparison r : c.rows()) {
      double[] d = differences(r.cell(), r.metric());
      assertThat(r.n()).isEqualTo(7); // s7 failed in B: left out of every comparison
      double mean = Arrays.stream(d).average().orElseThrow();
      double ss = 0;
      for (double v : d) {
        ss += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(ss / (d.length - 1));
      assertThat(r.meanDifference()).isCloseTo(mean, within(1e-12));
      assertThat(r.cohensDz()).isCloseTo(mean / sd, within(1e-9));
      double t = mean / (sd / Math.sqrt(d.length));
      double p = 2 * new TDistribution(d.length - 1).cumulativeProbability(-Math.abs(t));
      assertThat(r.tTestP()).isCloseTo(p, within(1e-9));
      assertThat(r.ciLower()).isLessThan(mean);
      assertThat(r.ciUpper()).isGreaterThan(mean);
      rawT[k++] = p;
    }
    // A − REF on m1: 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 — all positive, distinct: exact p = 2/2⁷
    assertThat(c.row("A", "m1").orElseThrow().wilcoxonP()).isCloseTo(2.0 / 128, within(1e-12));
    // Holm by its definition: sort, multiply by m − rank, running maximum, cap at 1
    Integer[] order = {0, 1, 2, 3};
    Arrays.sort(order, (x, y) -> Double.compare(rawT[x], rawT[y]));
    double[] expected = new double[4];
    double running = 0;
    for (int i = 0; i < 4; i++) {
      running = Math.max(running, Math.min(1, (4 - i) * rawT[order[i]]));
      expected[order[i]] = running;
    }
    for (int i = 0; i < 4; i++) {
      assertThat(c.rows().get(i).tTestHolm()).isCloseTo(expected[i], within(1e-9));
      assertThat(c.rows().get(i).tTestHolm()).isGreaterThanOrEqualTo(c.rows().get(i).tTestP());
    }
  }

  @Test
  void belowTheMinimumNThereAreNoPValuesButStillAnEffectAndAnInterval() {
    Comparisons c = Comparisons.compute(rows(5, false), "REF", Map.of());
    Comparison r = c.row("A", "m1").orElseThrow();
    assertThat(r.n()).isEqualTo(5).isLessThan(Comparisons.MIN_N);
    assertThat(r.tested()).isFalse();
    assertThat(r.tTestP()).isNaN();
    assertThat(r.wilcoxonP()).isNaN();
    assertThat(r.tTestHolm()).isNaN();
    assertThat(r.meanDifference()).isCloseTo((0.1 + 0.2 + 0.3 + 0.4 + 0.5) / 5, within(1e-12));
    assertThat(r.cohensDz()).isFinite();
    assertThat(r.ciLower()).isFinite();
    // 2 / 2⁵ = 0.0625: five pairs could never reach 0.05 in the exact signed-rank test
    assertThat(2.0 / Math.pow(2, Comparisons.MIN_N - 1)).isGreaterThan(0.05);
    assertThat(2.0 / Math.pow(2, Comparisons.MIN_N)).isLessThan(0.05);
  }

  private static double[] differences(String cell, String metric) {
    double[] x = cell.equals("A") ? A : B;
    double[] d = new double[7];
    for (int s = 0; s < 7; s++) {
      double mine = metric.equals("m1") ? x[s] : 1 - x[s] + 0.01 * s * s;
      double ref = metric.equals("m1") ? REF[s] : 1 - REF[s] + 0.01 * s * s;
      d[s] = mine - ref;
    }
    return d;
  }
}
