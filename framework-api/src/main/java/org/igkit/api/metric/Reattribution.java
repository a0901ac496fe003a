package org.igkit.api.metric;

import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ModelFunction;

/**
 * Attributes the same input again with fresh randomness, for metrics that measure how much an
 * attribution depends on its random draws (sampled baselines, noisy or random paths, seeds of a
 * search) — the "variance" of the Weighted Integrated Gradients paper (Tuan et al., §5.4,
 * Theorem 4: Var(WG_i) ≤ Var(EG_i)). The runner provides one with every {@link MetricInput}; from
 * Java, attach one with {@link MetricInput#withReattribution}.
 *
 * <p>Laws: {@code attribute(d)} for a draw number d ≥ 1 returns the attribution of the same
 * input, target class and method, with every random draw (baselines, path, aggregator) seeded
 * from the sample and d instead of from the original seed; equal d give equal attributions
 * (deterministic); methods with equal baseline configuration see equal baselines at equal d, so
 * comparisons between them stay paired. The original attribution is draw 0 and is not asked for.
 */
@FunctionalInterface
public interface Reattribution {

  /**
   * Returns the attribution of draw {@code draw}.
   *
   * @param draw the draw number, ≥ 1
   */
  Attribution attribute(int draw);

  /**
   * Returns the attribution of the same input by the same method (draw 0's seeds) on another
   * model or for another class — the re-attributions of sanity checks (parameter randomisation,
   * a random logit). Laws: {@code attribute(input.model(), attribution.target())} equals the
   * original attribution.
   *
   * @throws UnsupportedOperationException when the caller cannot re-attribute this way
   */
  default Attribution attribute(ModelFunction model, int target) {
    throw new UnsupportedOperationException(
        "this re-attribution cannot attribute on another model or class; the runner's can");
  }
}
