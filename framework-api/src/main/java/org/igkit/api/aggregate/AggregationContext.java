package org.igkit.api.aggregate;

import java.util.List;
import java.util.function.IntFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * What an {@link Aggregator} works with for one input: the baselines, the scores already known,
 * and the engine's batched services — path integration and forward scoring. Every model call goes
 * through these services, so the engine batches it and counts it.
 */
public interface AggregationContext {

  /** Returns the input x being explained. */
  float[] input();

  /** Returns the input's shape. */
  Shape shape();

  /** Returns the explained class c. */
  int target();

  /** Returns the baselines, in sampler order. */
  List<Baseline> baselines();

  /** Returns f_c(x). */
  float inputScore();

  /** Returns f_c(γ_k(0)) for each baseline k: the score where its path starts. */
  float[] startScores();

  /** Returns the method's configured step rule. */
  StepRule stepRule();

  /** Returns the maximum number of points per model call. */
  int batchSize();

  /** Returns the seeded source for this (sample, method). */
  RandomSource random();

  /**
   * Integrates the paths of the given baselines, batching points across steps and baselines — or,
   * on a pointwise path whose rule has at least {@link #batchSize()} nodes per baseline, each
   * baseline's points on their own, so that its result does not depend on the other baselines.
   *
   * @param baselineIndices which baselines, by index into {@link #baselines()}
   * @param rules           the step rule for each baseline index
   * @return one result per listed baseline, in the order given
   */
  List<StepResult> integrate(int[] baselineIndices, IntFunction<StepRule> rules);

  /** Integrates the given baselines' paths with one rule for all. */
  default List<StepResult> integrate(int[] baselineIndices, StepRule rule) {
    return integrate(baselineIndices, k -> rule);
  }

  /**
   * Returns f_c at {@code count} points built on demand by {@code pointAt}, evaluated forward-only
   * in batches of at most {@link #batchSize()}; at most one batch of points exists at a time.
   * {@code pointAt} is called on the calling thread, once per point, in ascending order, so it
   * may build each point from the one before.
   */
  float[] score(int count, IntFunction<float[]> pointAt);

  /**
   * Returns whether the model runs on an accelerator ({@link
   * org.igkit.api.model.ModelFunction#accelerated()}), for aggregators that choose how many points
   * to score at once; the default says no.
   */
  default boolean accelerated() {
    return false;
  }
}
