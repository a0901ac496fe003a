package org.igkit.api.plugin;

/**
 * What a plugin claims about itself. Contract tests check every declared capability; reports and
 * {@code igkit list-plugins} show them.
 */
public enum Capability {
  /** Attributions sum to f(x) − f(x') (exactly, or in the limit of many steps). */
  COMPLETE,
  /** Completeness holds exactly at every step count, not only in the limit. */
  EXACTLY_COMPLETE,
  /** Features that are symmetric in the model and equal in input and baseline get equal credit. */
  SYMMETRIC,
  /** The path places each point using the gradient at the previous one. */
  ADAPTIVE,
  /** The path starts at a baseline that a sampler provides. */
  NEEDS_BASELINE,
  /** Results depend on the random source (still reproducible from the seed). */
  STOCHASTIC,
  /** The aggregator weights baselines unequally or drops some. */
  WEIGHTED,
  /**
   * The metric compares a map with the sample's ground-truth object mask, so it needs a data set
   * with masks; experiments check this before they run.
   */
  NEEDS_MASKS,
  /**
   * The metric reads the within-feature cancellation sums of the attribution's path records, which
   * the engine keeps only when asked ({@code EngineOptions.cancellationSums}); a run asks for them
   * when one of its metrics has this capability.
   */
  NEEDS_CANCELLATION_SUMS
}
