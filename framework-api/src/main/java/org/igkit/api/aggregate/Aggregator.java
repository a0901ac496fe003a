package org.igkit.api.aggregate;

/**
 * Combines the per-baseline attributions A_k into A = Σ w_k A_k, and decides which baselines are
 * integrated at all. Uniform weights give Expected Gradients (Erion et al., 2021); fitness weights
 * w_k ∝ 1/D_α(x'_k) give Weighted Integrated Gradients (Tuan et al.); filtered WG drops baselines
 * of low fitness.
 *
 * <p>Laws: weights are non-negative and sum to 1, so completeness carries over from the step
 * rule: Σ A ≈ f(x) − Σ w_k f(x'_k). Deterministic given the context's random source. All model
 * access goes through the context, so batching never changes the result.
 */
public interface Aggregator {

  /** Computes the aggregated attribution of one input. */
  AggregateResult aggregate(AggregationContext context);

  /**
   * Returns whether every {@link #aggregate} call starts by integrating all baselines, in index
   * order, in one {@link AggregationContext#integrate} call with the method's own step rule,
   * whatever the explained class. The engine may then compute that integral ahead for several
   * classes of one input over the same points
   * ({@link org.igkit.api.engine.AttributionEngine#attributeTargets}); what the aggregator does
   * afterwards (a fitness search scoring masked inputs for its class) stays its own. The default
   * is {@code false}: safe for every aggregator (each class is then attributed on its own).
   */
  default boolean integratesAllBaselinesFirst() {
    return false;
  }
}
