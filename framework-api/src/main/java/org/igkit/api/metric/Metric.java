package org.igkit.api.metric;

/**
 * Scores an attribution of one input: deletion and insertion curves, overlap with a ground-truth
 * mask, completeness gap, … Each metric documents its protocol precisely enough to
 * re-implement, and whether higher is better.
 *
 * <p>Laws: deterministic; model calls go through {@link MetricInput#model()} in batches of at most
 * {@link MetricInput#batchSize()}; the value never depends on the batch size beyond float rounding.
 */
public interface Metric {

  /** Returns whether a higher value means a better attribution. */
  boolean higherIsBetter();

  /** Evaluates the metric for one (input, attribution). */
  MetricValue evaluate(MetricInput input);
}
