package org.igkit.api.metric;

/**
 * A metric's number for one input, and the curve it came from when it has one.
 *
 * @param value  the metric value
 * @param curveX the curve's x values (fractions), or an empty array
 * @param curveY the curve's y values (scores), or an empty array
 */
public record MetricValue(double value, double[] curveX, double[] curveY) {

  /** Returns a value without a curve. */
  public static MetricValue of(double value) {
    return new MetricValue(value, new double[0], new double[0]);
  }
}
