package org.igkit.runner.config;

import org.igkit.api.spec.Checks;

/**
 * Which samples of a data set an experiment attributes: first {@code offset} and {@code limit}
 * cut a window of consecutive indices, then the window is split into {@code shardCount} contiguous
 * shards of sizes differing by at most one, and shard {@code shardIndex} is kept. The same YAML on
 * n machines with shards {@code 0/n … (n−1)/n} covers the window exactly once.
 *
 * @param offset     the first index of the window (default 0)
 * @param limit      the window's length, or {@code null} for "to the end"
 * @param shardIndex which shard, 0 ≤ shardIndex &lt; shardCount (default 0)
 * @param shardCount how many shards (default 1)
 */
public record Selection(int offset, Integer limit, int shardIndex, int shardCount) {

  /** Every sample. */
  public static final Selection ALL = new Selection(0, null, 0, 1);

  /** Validates. */
  public Selection {
    Checks.atLeast("offset", 0, offset);
    if (limit != null) {
      Checks.atLeast("limit", 1, limit);
    }
    Checks.atLeast("shard", 1, shardCount);
    if (shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard: must be 'i/n' with 0 ≤ i < n, was '" + shardIndex + "/" + shardCount + "'");
    }
  }

  /** Returns the shard as written in YAML, {@code "i/n"}. */
  public String shard() {
    return shardIndex + "/" + shardCount;
  }

  /** Returns the selected indices of a data set of {@code datasetSize} samples, ascending. */
  public int[] select(int datasetSize) {
    Checks.atLeast("datasetSize", 0, datasetSize);
    long start = Math.min(offset, datasetSize);
    long end = limit == null ? datasetSize : Math.min(datasetSize, start + limit);
    long window = end - start;
    long from = start + window * shardIndex / shardCount;
    long to = start + window * (shardIndex + 1) / shardCount;
    int[] out = new int[(int) (to - from)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) (from + i);
    }
    return out;
  }
}
