package org.igkit.api.metric;

import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ModelFunction;

/**
 * One attributed input, as a metric sees it.
 *
 * @param model         the model
 * @param input         the input x, C×H×W
 * @param attribution   the attribution of x
 * @param mask          the ground-truth H×W mask (1 inside the object), or {@code null}
 * @param batchSize     maximum points per model call
 * @param reattribution attributes x again with fresh randomness (for stability metrics), or
 *                      {@code null} when the caller cannot
 */
public record MetricInput(
    ModelFunction model,
    float[] input,
    Attribution attribution,
    float[] mask,
    int batchSize,
    Reattribution reattribution) {

  /** Returns an input without a {@link Reattribution}. */
  public MetricInput(ModelFunction model, float[] input, Attribution attribution, float[] mask, int batchSize) {
    this(model, input, attribution, mask, batchSize, null);
  }

  /** Returns this input with {@code reattribution} attached. */
  public MetricInput withReattribution(Reattribution reattribution) {
    return new MetricInput(model, input, attribution, mask, batchSize, reattribution);
  }
}
