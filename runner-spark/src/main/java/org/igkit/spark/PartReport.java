package org.igkit.spark;

import java.io.Serializable;

/**
 * What a partition's task tells the driver: only how it went, never what it computed (that is in
 * its committed part, {@link SparkParts}).
 *
 * @param partition the partition
 * @param groups    the (sample, cell) groups this attempt computed (0 when it found its part
 *                  committed already and computed nothing)
 * @param committed whether this attempt's folder became the part (false when another attempt had
 *                  committed it first)
 */
record PartReport(int partition, long groups, boolean committed) implements Serializable {

  private static final long serialVersionUID = 1L;
}
