package org.igkit.api.aggregate;

import java.util.List;

/**
 * Produces the baselines x'₁ … x'ₙ of one attribution: constant images (black, white, gray),
 * seeded noise, a blurred copy of the input, or training-set images (the reference distribution
 * of Expected Gradients, Erion et al. 2021).
 *
 * <p>Laws: deterministic given the request's {@link org.igkit.api.random.RandomSource}; every
 * baseline has the input's shape; never returns an empty list.
 */
public interface BaselineSampler {

  /** Returns the baselines for one input. */
  List<Baseline> sample(BaselineRequest request);
}
