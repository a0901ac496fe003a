package org.igkit.api.metric;

import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ModelFunction;

/**
 * One attributed input, as a metric sees it.
 *
 * @param model       the model
 * @param input       the input x, C×H×W
 * @param attribution the attribution of x
 * @param mask        the ground-truth H×W mask (1 inside the object), or {@code null}
 * @param batchSize   maximum points per model call
 */
public record MetricInput(ModelFunction model, float[] input, Attribution attribution, float[] mask, int batchSize) {}
