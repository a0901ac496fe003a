package org.igkit.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What an executor computed for one (sample, cell): the group of rows for {@code results.csv} and
 * the files the local runner would have written into the output folder (attribution maps when
 * {@code saveAttributions}, the report's data for the first samples), by path relative to it.
 *
 * @param index  the sample's index in the data set
 * @param sample the sample id
 * @param cell   the cell id
 * @param rows   the group, in the local runner's order
 * @param files  relative path → bytes, written by the driver before the group is appended
 * @param faultKind   the {@link org.igkit.runner.run.SampleFaults.Kind} name when the sample failed, else null
 * @param faultReason the fault's reason, else null
 * @param backend     the compute backend of the executor that computed it
 */
record SparkUnit(int index, String sample, String cell, List<SparkRow> rows, Map<String, byte[]> files,
    String faultKind, String faultReason, String backend) implements Serializable {

  private static final long serialVersionUID = 1L;
}
