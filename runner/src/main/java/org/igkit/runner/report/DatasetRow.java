package org.igkit.runner.report;

/**
 * The value of one data-set metric ({@link org.igkit.api.metric.DatasetMetric}: SIC, AIC) under
 * one cell, aggregated over the cell's samples, with the aggregated curve it is the area of.
 *
 * @param cell                the cell
 * @param method              the cell's method
 * @param metric              the metric id
 * @param direction           whether higher or lower values are better
 * @param n                   number of samples that entered the aggregate (samples the metric
 *                            could not score, stored as NaN, are left out)
 * @param value               the data-set value; NaN when no sample could be scored
 * @param relativeImprovement (value − value_ref) / |value_ref|, sign-flipped when lower is
 *                            better; 0 for the reference, NaN when undefined
 * @param curveX              the aggregated curve's x values (bin centres)
 * @param curveY              the aggregated curve's y values
 * @param best                whether this cell has the best value of the metric (ties: all)
 */
public record DatasetRow(
    String cell,
    String method,
    String metric,
    SummaryRow.Direction direction,
    int n,
    double value,
    double relativeImprovement,
    double[] curveX,
    double[] curveY,
    boolean best) {

  /** Copies the curve. */
  public DatasetRow {
    curveX = curveX.clone();
    curveY = curveY.clone();
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
}
