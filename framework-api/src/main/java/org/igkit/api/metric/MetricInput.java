package org.igkit.api.metric;

import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.random.RandomSource;

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
 * @param random        the source of a stochastic metric's draws (noise of an imputation), or
 *                      {@code null} when the caller gives none. The runner derives it from the
 *                      experiment seed and the sample id only ({@code seed → sample → metrics}),
 *                      so every method scored on one sample sees the same draws (a paired
 *                      comparison); a metric derives its own child by name from it
 */
public record MetricInput(
    ModelFunction model,
    float[] input,
    Attribution attribution,
    float[] mask,
    int batchSize,
    Reattribution reattribution,
    RandomSource random) {

  /** Returns an input without a {@link Reattribution} or {@link RandomSource}. */
  public MetricInput(ModelFunction model, float[] input, Attribution attribution, float[] mask, int batchSize) {
    this(model, input, attribution, mask, batchSize, null, null);
  }

  /** Returns an input without a {@link RandomSource}. */
  public MetricInput(ModelFunction model, float[] input, Attribution attribution, float[] mask, int batchSize,
      Reattribution reattribution) {
    this(model, input, attribution, mask, batchSize, reattribution, null);
  }

  /** Returns this input with {@code reattribution} attached. */
  public MetricInput withReattribution(Reattribution reattribution) {
    return new MetricInput(model, input, attribution, mask, batchSize, reattribution, random);
  }

  /** Returns this input with {@code random} as the source of stochastic metrics' draws. */
  public MetricInput withRandom(RandomSource random) {
    return new MetricInput(model, input, attribution, mask, batchSize, reattribution, random);
  }
}
