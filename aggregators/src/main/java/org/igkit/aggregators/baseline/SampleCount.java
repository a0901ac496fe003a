package org.igkit.aggregators.baseline;

/**
 * The bound on how many baselines one sampler draws per sample. Each baseline is one more path the
 * engine integrates for every sample and cell, so a count in the millions is a typing error that
 * would only show as a run that never ends or runs out of memory.
 */
final class SampleCount {

  /** The most baselines one sampler may draw per sample. */
  static final int MAX = 4096;

  private SampleCount() {}

  /** Returns {@code count} (or {@code fallback} when absent), or throws naming the bounds. */
  static int check(Integer count, int fallback) {
    int c = count == null ? fallback : count;
    if (c < 1 || c > MAX) {
      throw new IllegalArgumentException("count: must be between 1 and " + MAX + " (baselines per sample), was " + c);
    }
    return c;
  }
}
