package org.igkit.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One sample to compute on an executor: its index in the data set and the ids of the cells still
 * missing from the output (in the experiment's cell order).
 *
 * @param index  the sample's index in the data set
 * @param cells  the cell ids to compute, not empty
 * @param report whether the sample is one of the HTML report's
 */
record SparkWork(int index, List<String> cells, boolean report) implements Serializable {

  private static final long serialVersionUID = 1L;
}
