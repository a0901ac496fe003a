package org.igkit.api.path;

import org.igkit.api.model.Shape;

/**
 * An integration path γ from a start point (a baseline, or a point the path derives from the
 * input) to the input x, as in path methods of Sundararajan et al., "Axiomatic Attribution for
 * Deep Networks" (ICML 2017): the attribution of feature i is ∫₀¹ ∂f(γ(α))/∂x_i · γ_i'(α) dα.
 *
 * <p>Laws: the path starts at {@link #start} and ends at the input (γ(1) = x), so that for any
 * step rule that integrates exactly, the attributions sum to f(x) − f(γ(0)) (completeness). A path
 * that declares {@code SYMMETRIC} maps symmetric inputs and baselines to symmetric points.
 *
 * <p>Paths are stateless plugins; all per-input state lives in the {@link PathTrace} they create.
 */
public interface Path {

  /**
   * Returns where the path starts for this input and baseline; the default is the baseline.
   * Paths that need the image's shape to find their start override
   * {@link #start(float[], float[], Shape)} instead. The engine scores the start for completeness.
   */
  default float[] start(float[] input, float[] baseline) {
    return baseline;
  }

  /**
   * Returns where the path starts for this input and baseline, given the input's C×H×W shape —
   * what the engine calls. The default ignores the shape and calls {@link #start(float[], float[])};
   * paths whose start depends on the image layout (blur: the input blurred channel by channel)
   * override this one.
   */
  default float[] start(float[] input, float[] baseline, Shape shape) {
    return start(input, baseline);
  }

  /**
   * Returns whether the point this path visits at a node α depends on α alone — not on the other
   * nodes of the schedule, the model's gradients or random draws — so that two traces whose nodes
   * share an α visit the same point there. An automatic step count ({@link
   * org.igkit.api.step.AutoSteps}) reuses the gradients of earlier nodes only on such paths. The
   * default is {@code false}: safe for every path.
   */
  default boolean pointwise() {
    return false;
  }

  /** Starts tracing the path through the nodes of {@code request.schedule()}. */
  PathTrace trace(PathRequest request);
}
