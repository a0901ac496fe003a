package org.igkit.spark;

import java.io.Serializable;
import org.igkit.runner.results.ResultRow;

/**
 * A {@link ResultRow} as it travels from an executor to the driver (Java serialisation).
 *
 * @param sample the sample id
 * @param cell   the cell id
 * @param method the method name
 * @param metric the metric id or diagnostic name
 * @param value  the number
 * @param curveX the curve's x values, possibly empty
 * @param curveY the curve's y values
 */
record SparkRow(String sample, String cell, String method, String metric, double value,
    double[] curveX, double[] curveY) implements Serializable {

  private static final long serialVersionUID = 1L;

  static SparkRow of(ResultRow r) {
    return new SparkRow(r.sample(), r.cell(), r.method(), r.metric(), r.value(), r.curveX(), r.curveY());
  }

  ResultRow toRow() {
    return new ResultRow(sample, cell, method, metric, value, curveX, curveY);
  }
}
