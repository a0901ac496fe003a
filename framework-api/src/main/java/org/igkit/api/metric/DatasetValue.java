package org.igkit.api.metric;

/**
 * The value of a {@link DatasetMetric} over a data set, with the aggregated curve it is the area
 * of.
 *
 * @param value  the data-set value (NaN when no sample could be scored)
 * @param n      the number of samples that entered the aggregate
 * @param curveX the aggregated curve's x values, or an empty array
 * @param curveY the aggregated curve's y values, as many as {@code curveX}
 */
public record DatasetValue(double value, int n, double[] curveX, double[] curveY) {

  /** Checks the counts and copies the curve. */
  public DatasetValue {
    if (n < 0) {
      throw new IllegalArgumentException("n: must be ≥ 0, was " + n);
    }
    curveX = curveX == null ? new double[0] : curveX.clone();
    curveY = curveY == null ? new double[0] : curveY.clone();
    if (curveX.length != curveY.length) {
      throw new IllegalArgumentException(
          "curve has " + curveX.length + " x values but " + curveY.length + " y values");
    }
  }

  /** Returns a copy of the aggregated curve's x values. */
  @Override
  public double[] curveX() {
    return curveX.clone();
  }

  /** Returns a copy of the aggregated curve's y values. */
  @Override
  public double[] curveY() {
    return curveY.clone();
  }
}
