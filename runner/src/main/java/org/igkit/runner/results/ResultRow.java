package org.igkit.runner.results;

import java.util.Arrays;
import java.util.Objects;
import org.igkit.api.metric.MetricValue;

/**
 * One number of an experiment: the value of one metric for one sample under one cell (a method
 * with one point of the ablation grid), optionally with the curve it was computed from.
 *
 * <p>In {@code results.csv} a row is {@code sample,cell,method,metric,value}; its curve, when it
 * has one, goes to {@code curves.csv} as one {@code sample,cell,metric,x,y} line per point (see
 * {@link ResultsCsv}). Per-attribution diagnostics (completeness gap, model calls, …) are rows too,
 * with metric names starting with {@link #DIAGNOSTIC_PREFIX} (see {@link AttributionDiagnostics}).
 *
 * @param sample the sample id, not empty
 * @param cell   the cell name, e.g. {@code WG[stepRule.steps=16]}, not empty
 * @param method the method's name, e.g. {@code WG}, not empty
 * @param metric the metric id, or a diagnostic name ({@code diag.…}), not empty
 * @param value  the number
 * @param curveX the curve's x values, or an empty array (never {@code null})
 * @param curveY the curve's y values, as many as {@code curveX}
 */
public record ResultRow(
    String sample, String cell, String method, String metric, double value,
    double[] curveX, double[] curveY) {

  /** Metric names starting with this are per-attribution diagnostics, not metrics. */
  public static final String DIAGNOSTIC_PREFIX = "diag.";

  /**
   * The metric name of the one row (value NaN) that records a (sample, cell) whose sample failed;
   * the reason is in {@code errors.csv}.
   */
  public static final String ERROR_METRIC = "error";

  private static final double[] NONE = new double[0];

  /** Validates the ids and copies the curve. */
  public ResultRow {
    requireId("sample", sample);
    requireId("cell", cell);
    requireId("method", method);
    requireId("metric", metric);
    curveX = curveX == null ? NONE : curveX.clone();
    curveY = curveY == null ? NONE : curveY.clone();
    if (curveX.length != curveY.length) {
      throw new IllegalArgumentException("curve of " + metric + " for sample " + sample + ", cell "
          + cell + ": " + curveX.length + " x values but " + curveY.length + " y values");
    }
  }

  /** Returns a row without a curve. */
  public ResultRow(String sample, String cell, String method, String metric, double value) {
    this(sample, cell, method, metric, value, NONE, NONE);
  }

  /** Returns the row of a metric's value, with its curve when it has one. */
  public static ResultRow of(
      String sample, String cell, String method, String metric, MetricValue value) {
    return new ResultRow(sample, cell, method, metric, value.value(), value.curveX(), value.curveY());
  }

  /** Returns the (sample, cell) this row belongs to; rows are stored in groups by it. */
  public ResultStore.Key key() {
    return new ResultStore.Key(sample, cell);
  }

  /** Returns whether the row has a curve with at least one point. */
  public boolean hasCurve() {
    return curveX.length > 0;
  }

  /** Returns whether this row records a failed (sample, cell) ({@link #ERROR_METRIC}). */
  public boolean isError() {
    return ERROR_METRIC.equals(metric);
  }

  /** Returns whether the metric name is a diagnostic's ({@link #DIAGNOSTIC_PREFIX}). */
  public boolean isDiagnostic() {
    return metric.startsWith(DIAGNOSTIC_PREFIX);
  }

  /** Returns a copy of the curve's x values. */
  @Override
  public double[] curveX() {
    return curveX.clone();
  }

  /** Returns a copy of the curve's y values. */
  @Override
  public double[] curveY() {
    return curveY.clone();
  }

  /** Compares all fields; values are equal when their bits are ({@code NaN} equals {@code NaN}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ResultRow r
        && sample.equals(r.sample) && cell.equals(r.cell) && method.equals(r.method)
        && metric.equals(r.metric) && Double.compare(value, r.value) == 0
        && Arrays.equals(curveX, r.curveX) && Arrays.equals(curveY, r.curveY);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sample, cell, method, metric, value, Arrays.hashCode(curveX),
        Arrays.hashCode(curveY));
  }

  @Override
  public String toString() {
    return "ResultRow[" + sample + ", " + cell + ", " + method + ", " + metric + " = "
        + DoubleText.format(value) + (hasCurve() ? ", curve of " + curveX.length + " points" : "")
        + "]";
  }

  private static void requireId(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + ": must be a non-empty string, was "
          + (value == null ? "null" : "''"));
    }
  }
}
