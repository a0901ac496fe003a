package org.igkit.runner.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.igkit.runner.results.ResultRow;

/**
 * Every cell against one other cell on every metric, corrected for multiple comparisons: the
 * statistics of the report's significance table.
 *
 * <p>Protocol. Samples that failed in any cell are left out (as in {@link Summary}); per (cell,
 * metric) the differences d_i = cell_i − other_i are taken over the samples both have a finite
 * value for. Reported: n, d̄, Cohen's d_z and the bootstrap 95 % CI of d̄ ({@link PairedEffect});
 * when n ≥ {@value #MIN_N} the two-sided paired t-test and Wilcoxon signed-rank p-values, each
 * Holm-adjusted ({@link Holm}) over all (cell, metric) comparisons of the table — one family per
 * test. Diagnostics ({@code diag.*}) are not compared.
 *
 * <p>Why a minimum n: with 5 pairs the exact two-sided signed-rank test cannot go below
 * 2 / 2⁵ = 0.0625, so no difference could be significant at 0.05 whatever the data, and the
 * t-test's normality cannot be judged from so few differences; a p-value there would only invite
 * over-reading.
 */
public final class Comparisons {

  /** The fewest pairs for which p-values are computed. */
  public static final int MIN_N = 6;

  private final String against;
  private final List<Comparison> rows;

  private Comparisons(String against, List<Comparison> rows) {
    this.against = against;
    this.rows = List.copyOf(rows);
  }

  /**
   * Compares every cell of {@code results} but {@code against} with it.
   *
   * @param higherIsBetter per metric id, its direction (absent: unknown)
   */
  public static Comparisons compute(List<ResultRow> results, String against,
      Map<String, Boolean> higherIsBetter) {
    Set<String> failed = new HashSet<>();
    results.stream().filter(ResultRow::isError).forEach(r -> failed.add(r.sample()));
    Map<String, String> methodOf = new LinkedHashMap<>();
    Set<String> metrics = new LinkedHashSet<>();
    Map<String, Map<String, Map<String, Double>>> values = new LinkedHashMap<>();
    for (ResultRow r : results) {
      methodOf.putIfAbsent(r.cell(), r.method());
      if (r.isError() || r.isDiagnostic() || failed.contains(r.sample())
          || !Double.isFinite(r.value())) {
        continue;
      }
      metrics.add(r.metric());
      values.computeIfAbsent(r.cell(), c -> new LinkedHashMap<>())
          .computeIfAbsent(r.metric(), m -> new LinkedHashMap<>()).put(r.sample(), r.value());
    }
    Map<String, Map<String, Double>> other = values.getOrDefault(against, Map.of());
    List<Comparison> raw = new ArrayList<>();
    for (String cell : methodOf.keySet()) {
      if (cell.equals(against)) {
        continue;
      }
      for (String metric : metrics) {
        Map<String, Double> mine = values.getOrDefault(cell, Map.of()).get(metric);
        Map<String, Double> theirs = other.get(metric);
        if (mine == null || theirs == null) {
          continue;
        }
        List<double[]> pairs = new ArrayList<>();
        mine.forEach((s, v) -> {
          Double o = theirs.get(s);
          if (o != null) {
            pairs.add(new double[] {v, o});
          }
        });
        raw.add(compare(cell, methodOf.get(cell), metric,
            SummaryRow.Direction.of(higherIsBetter == null ? null : higherIsBetter.get(metric)),
            pairs));
      }
    }
    double[] t = raw.stream().mapToDouble(Comparison::tTestP).toArray();
    double[] w = raw.stream().mapToDouble(Comparison::wilcoxonP).toArray();
    double[] th = Holm.adjust(t);
    double[] wh = Holm.adjust(w);
    List<Comparison> rows = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Comparison c = raw.get(i);
      rows.add(new Comparison(c.cell(), c.method(), c.metric(), c.direction(), c.n(),
          c.meanDifference(), c.cohensDz(), c.ciLower(), c.ciUpper(), c.tTestP(), c.wilcoxonP(),
          th[i], wh[i]));
    }
    return new Comparisons(against, rows);
  }

  private static Comparison compare(String cell, String method, String metric,
      SummaryRow.Direction direction, List<double[]> pairs) {
    int n = pairs.size();
    double[] a = new double[n];
    double[] b = new double[n];
    double[] d = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      a[i] = pairs.get(i)[0];
      b[i] = pairs.get(i)[1];
      d[i] = a[i] - b[i];
      sum += d[i];
    }
    double[] ci = PairedEffect.bootstrapCi(d);
    double t = Double.NaN;
    double w = Double.NaN;
    if (n >= MIN_N) {
      t = Summary.pairedTTestP(a, b);
      w = WilcoxonSignedRank.twoSidedP(d);
    }
    return new Comparison(cell, method, metric, direction, n, n == 0 ? Double.NaN : sum / n,
        PairedEffect.cohensDz(d), ci[0], ci[1], t, w, Double.NaN, Double.NaN);
  }

  /** Returns the cell every other cell is compared with. */
  public String against() {
    return against;
  }

  /** Returns the comparisons, cells outer (in order of appearance), metrics inner. */
  public List<Comparison> rows() {
    return rows;
  }

  /** Returns the comparison of (cell, metric), if there is one. */
  public Optional<Comparison> row(String cell, String metric) {
    return rows.stream().filter(r -> r.cell().equals(cell) && r.metric().equals(metric))
        .findFirst();
  }
}
