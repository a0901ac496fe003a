package org.igkit.runner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.stat.inference.TTest;
import org.igkit.api.stats.Moments;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;

/**
 * The table a paper needs, computed from {@code results.csv}: per cell and metric the mean ±
 * sample std over samples, the relative improvement over a reference cell, and paired
 * significance tests against it — the shape of Table 1 of the WG paper (mean ± std per method,
 * relative improvement, paired t-test p-value), plus the Wilcoxon signed-rank test, which does
 * not assume normal differences.
 *
 * <p>Protocol. For each cell and metric: n samples, mean, sample std (n − 1; NaN for n &lt; 2).
 * Relative improvement (m − m_ref) / |m_ref|, negated when lower is better, so positive always
 * means better than the reference. The tests pair the values of the samples both cells have
 * (d = cell − reference): the two-sided paired t-test of Commons Math ({@link TTest#pairedTTest})
 * and the two-sided {@link WilcoxonSignedRank} test (exact for n ≤ 30). Undefined numbers (n &lt;
 * 2, differences of zero variance for the t-test, all differences zero for Wilcoxon, a reference
 * mean of 0) are NaN: empty in {@code summary.csv}, "–" in {@code summary.md}. The best mean per
 * metric of known direction is marked (all cells when tied).
 *
 * <p>A per-sample value of NaN means the metric could not score that sample (SIC/AIC on an image
 * whose blurred version compresses no smaller, sparsity of an all-zero map); it is left out, so
 * n counts the samples with a number.
 *
 * <p>Data-set metrics ({@link org.igkit.api.metric.DatasetMetric}: SIC, AIC) also get one value
 * per cell aggregated over its samples ({@link DatasetSummary}); {@link #withDatasetRows} adds
 * them, and they go to their own table in {@code summary.md} and to {@value #DATASET_CSV_FILE}
 * and {@value #DATASET_CURVES_FILE}.
 *
 * <p>Order: cells and metrics in order of first appearance in {@code results.csv}; output is a
 * function of the rows only, with {@link java.util.Locale#ROOT} formatting, so equal results give
 * byte-identical summaries. Diagnostics ({@code diag.*} rows) go to their own table.
 */
public final class Summary {

  /** File name of the machine-readable summary. */
  public static final String CSV_FILE = "summary.csv";
  /** File name of the Markdown summary. */
  public static final String MARKDOWN_FILE = "summary.md";
  /** File name of the data-set metric values (written only when there are any). */
  public static final String DATASET_CSV_FILE = "dataset-metrics.csv";
  /** File name of the data-set metrics' aggregated curves (written only when there are any). */
  public static final String DATASET_CURVES_FILE = "dataset-curves.csv";

  private final String referenceCell;
  private final List<SummaryRow> rows;
  private final List<String> cells;
  private final List<String> metrics;
  private final List<DatasetRow> datasetRows;
  private final long skippedUnits;
  private final int skippedSamples;

  private Summary(String referenceCell, List<SummaryRow> rows, List<String> cells,
      List<String> metrics, List<DatasetRow> datasetRows, long skippedUnits, int skippedSamples) {
    this.skippedUnits = skippedUnits;
    this.skippedSamples = skippedSamples;
    this.referenceCell = referenceCell;
    this.rows = List.copyOf(rows);
    this.cells = List.copyOf(cells);
    this.metrics = List.copyOf(metrics);
    this.datasetRows = List.copyOf(datasetRows);
  }

  /**
   * Summarises the committed rows of a {@code results.csv}.
   *
   * @param resultsCsv     the results file (its folder's journal, if any, bounds what is read)
   * @param reference      the reference cell's name, or the name of a method that has exactly
   *                       one cell
   * @param higherIsBetter per metric id, whether higher values are better; metrics not in the
   *                       map have no direction (no improvement, no best)
   * @throws IOException              when the file cannot be read
   * @throws IllegalArgumentException when the reference names no cell, or a (sample, cell,
   *                                  metric) has two values
   */
  public static Summary compute(Path resultsCsv, String reference,
      Map<String, Boolean> higherIsBetter) throws IOException {
    return compute(ResultsCsv.readResults(resultsCsv), reference, higherIsBetter);
  }

  /** Summarises {@code results}; see {@link #compute(Path, String, Map)}. */
  public static Summary compute(List<ResultRow> results, String reference,
      Map<String, Boolean> higherIsBetter) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("there are no results to summarise yet");
    }
    Map<String, Boolean> directions = higherIsBetter == null ? Map.of() : higherIsBetter;
    Map<String, String> methodOf = new LinkedHashMap<>();
    Set<String> metricOrder = new LinkedHashSet<>();
    // cell → metric → sample → value, in order of appearance
    Map<String, Map<String, Map<String, Double>>> values = new LinkedHashMap<>();
    Set<List<String>> seen = new java.util.HashSet<>();
    // A sample that failed in any cell is left out of every cell, so all cells are compared over
    // the same samples (a method that fails on hard samples must not look better for it).
    long skippedUnits = results.stream().filter(ResultRow::isError).count();
    Set<String> skippedSamples = new java.util.HashSet<>();
    results.stream().filter(ResultRow::isError).forEach(r -> skippedSamples.add(r.sample()));
    for (ResultRow r : results) {
      methodOf.putIfAbsent(r.cell(), r.method());
      if (r.isError() || skippedSamples.contains(r.sample())) {
        continue;
      }
      metricOrder.add(r.metric());
      if (!seen.add(List.of(r.cell(), r.metric(), r.sample()))) {
        throw new IllegalArgumentException("results hold two values of metric " + r.metric()
            + " for sample " + r.sample() + " and cell " + r.cell());
      }
      if (Double.isNaN(r.value())) {
        continue; // the metric could not score this sample
      }
      values.computeIfAbsent(r.cell(), c -> new LinkedHashMap<>())
          .computeIfAbsent(r.metric(), m -> new LinkedHashMap<>())
          .put(r.sample(), r.value());
    }
    String ref = resolveReference(reference, methodOf);
    Map<String, Map<String, Double>> refValues = values.getOrDefault(ref, Map.of());
    List<SummaryRow> rows = new ArrayList<>();
    for (String cell : methodOf.keySet()) {
      for (String metric : metricOrder) {
        Map<String, Double> mine = values.getOrDefault(cell, Map.of()).get(metric);
        if (mine == null) {
          continue;
        }
        rows.add(row(cell, methodOf.get(cell), metric,
            SummaryRow.Direction.of(directions.get(metric)), mine, refValues.get(metric),
            cell.equals(ref)));
      }
    }
    return new Summary(ref, markBest(rows), new ArrayList<>(methodOf.keySet()),
        new ArrayList<>(metricOrder), List.of(), skippedUnits, skippedSamples.size());
  }

  /**
   * Returns this summary with the data-set metric values {@code datasetRows} (from {@link
   * DatasetSummary#compute}) added; they replace any added before.
   */
  public Summary withDatasetRows(List<DatasetRow> datasetRows) {
    return new Summary(referenceCell, rows, cells, metrics, datasetRows, skippedUnits, skippedSamples);
  }

  /**
   * Returns the number of (sample, cell) units whose sample failed (recorded as {@code error}
   * rows, reasons in {@code errors.csv}); a sample that failed in any cell is left out of every
   * cell's means and tests.
   */
  public long skippedUnits() {
    return skippedUnits;
  }

  /** Returns the number of distinct samples with at least one failed unit. */
  public int skippedSamples() {
    return skippedSamples;
  }

  /** Returns the sentence that reports skipped samples, or an empty string when none were. */
  public String skippedSentence() {
    if (skippedUnits == 0) {
      return "";
    }
    return "Skipped: " + skippedSamples + " sample(s) failed in " + skippedUnits
        + " (sample, cell) unit(s) and are left out of every cell's means and tests; the reasons are in errors.csv.";
  }

  /** Returns the data-set metric values, cells outer, metrics inner; empty when there are none. */
  public List<DatasetRow> datasetRows() {
    return datasetRows;
  }

  /** Returns the data-set row of (cell, metric), if there is one. */
  public Optional<DatasetRow> datasetRow(String cell, String metric) {
    return datasetRows.stream().filter(r -> r.cell().equals(cell) && r.metric().equals(metric))
        .findFirst();
  }

  private static String resolveReference(String reference, Map<String, String> methodOf) {
    if (methodOf.containsKey(reference)) {
      return reference;
    }
    List<String> ofMethod = methodOf.entrySet().stream()
        .filter(e -> e.getValue().equals(reference)).map(Map.Entry::getKey).toList();
    if (ofMethod.size() == 1) {
      return ofMethod.get(0);
    }
    if (ofMethod.isEmpty()) {
      throw new IllegalArgumentException("reference: '" + reference
          + "' is neither a cell nor a method of these results; cells: " + methodOf.keySet());
    }
    throw new IllegalArgumentException("reference: method '" + reference + "' has "
        + ofMethod.size() + " cells " + ofMethod + "; name one of them");
  }

  private static SummaryRow row(String cell, String method, String metric,
      SummaryRow.Direction direction, Map<String, Double> mine, Map<String, Double> ref,
      boolean isReference) {
    double[] x = mine.values().stream().mapToDouble(Double::doubleValue).toArray();
    int n = x.length;
    double mean = Moments.mean(x);
    double std = Moments.sampleStd(x, mean);
    if (isReference) {
      double rel = direction == SummaryRow.Direction.UNKNOWN ? Double.NaN : 0.0;
      return new SummaryRow(cell, method, metric, direction, n, mean, std, rel, n, Double.NaN,
          Double.NaN, false);
    }
    double rel = Double.NaN;
    List<double[]> pairs = new ArrayList<>();
    if (ref != null) {
      double refMean = Moments.mean(ref.values().stream().mapToDouble(Double::doubleValue).toArray());
      if (direction != SummaryRow.Direction.UNKNOWN && refMean != 0) {
        rel = (mean - refMean) / Math.abs(refMean);
        if (direction == SummaryRow.Direction.LOWER) {
          rel = -rel;
        }
      }
      for (Map.Entry<String, Double> e : mine.entrySet()) {
        Double other = ref.get(e.getKey());
        if (other != null) {
          pairs.add(new double[] {e.getValue(), other});
        }
      }
    }
    double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
    return new SummaryRow(cell, method, metric, direction, n, mean, std, rel, pairs.size(),
        pairedTTestP(a, b), wilcoxonP(a, b), false);
  }

  /** Two-sided paired t-test p, or NaN when undefined (n &lt; 2, zero variance, non-finite). */
  static double pairedTTestP(double[] a, double[] b) {
    if (a.length < 2) {
      return Double.NaN;
    }
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
      if (!Double.isFinite(d[i])) {
        return Double.NaN;
      }
    }
    if (!(Moments.sumOfSquares(d, Moments.mean(d)) > 0)) {
      return Double.NaN;
    }
    return new TTest().pairedTTest(a, b);
  }

  private static double wilcoxonP(double[] a, double[] b) {
    if (a.length < 2) {
      return Double.NaN;
    }
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    return WilcoxonSignedRank.twoSidedP(d);
  }

  private static List<SummaryRow> markBest(List<SummaryRow> rows) {
    Map<String, Double> best = new LinkedHashMap<>();
    for (SummaryRow r : rows) {
      if (r.direction() == SummaryRow.Direction.UNKNOWN || !Double.isFinite(r.mean())) {
        continue;
      }
      boolean higher = r.direction() == SummaryRow.Direction.HIGHER;
      best.merge(r.metric(), r.mean(), (x, y) -> higher ? Math.max(x, y) : Math.min(x, y));
    }
    List<SummaryRow> out = new ArrayList<>(rows.size());
    for (SummaryRow r : rows) {
      Double b = best.get(r.metric());
      boolean isBest = b != null && r.direction() != SummaryRow.Direction.UNKNOWN
          && r.mean() == b;
      out.add(new SummaryRow(r.cell(), r.method(), r.metric(), r.direction(), r.n(), r.mean(),
          r.std(), r.relativeImprovement(), r.pairedN(), r.tTestP(), r.wilcoxonP(), isBest));
    }
    return out;
  }

  /** Returns the reference cell the comparisons are against. */
  public String referenceCell() {
    return referenceCell;
  }

  /** Returns the cells in order of first appearance. */
  public List<String> cells() {
    return cells;
  }

  /** Returns the metric and diagnostic names in order of first appearance. */
  public List<String> metrics() {
    return metrics;
  }

  /** Returns one row per (cell, metric) present, cells outer, metrics inner. */
  public List<SummaryRow> rows() {
    return rows;
  }

  /** Returns the row of (cell, metric), if the cell has values of the metric. */
  public Optional<SummaryRow> row(String cell, String metric) {
    return rows.stream().filter(r -> r.cell().equals(cell) && r.metric().equals(metric))
        .findFirst();
  }

  /** Returns the text of {@value #CSV_FILE}. */
  public String toCsv() {
    return SummaryFiles.csv(this);
  }

  /** Returns the text of {@value #MARKDOWN_FILE}. */
  public String toMarkdown() {
    return SummaryFiles.markdown(this);
  }

  /**
   * Writes {@value #CSV_FILE} and {@value #MARKDOWN_FILE} into {@code dir}, each atomically, and
   * {@value #DATASET_CSV_FILE} and {@value #DATASET_CURVES_FILE} when there are data-set metrics.
   */
  public void write(Path dir) throws IOException {
    AtomicFiles.write(dir.resolve(CSV_FILE), toCsv().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(MARKDOWN_FILE), toMarkdown().getBytes(StandardCharsets.UTF_8));
    if (!datasetRows.isEmpty()) {
      AtomicFiles.write(dir.resolve(DATASET_CSV_FILE),
          SummaryFiles.datasetCsv(this).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(dir.resolve(DATASET_CURVES_FILE),
          SummaryFiles.datasetCurvesCsv(this).getBytes(StandardCharsets.UTF_8));
    }
  }
}
