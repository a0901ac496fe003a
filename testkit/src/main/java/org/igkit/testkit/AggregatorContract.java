package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of an {@link Aggregator}, run through {@link AttributionEngine#attribute}: weights
 * are non-negative and sum to 1 (equal unless {@link #weighted()}), completeness carries over —
 * Σ A ≈ f(x) − Σ_k w_k f(x'_k) ({@link Attribution#completenessGap()}) — results depend on the
 * seed only, and batch sizes 1, 7 and 256 give the same attribution. A plugin's test implements
 * this interface and supplies {@link #aggregator()} and {@link #baselines()}; the step rule and
 * path default to the test kit's midpoint rule and straight line, so the contract needs no other
 * plugin module.
 *
 * <pre>{@code
 * class UniformAggregatorTest implements AggregatorContract {
 *   public Aggregator aggregator() { return new UniformAggregator(...); }
 *   public BaselineSampler baselines() { return new UniformNoiseBaselineSampler(...); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface AggregatorContract {

  /** Returns the aggregator under test. */
  Aggregator aggregator();

  /** Returns the baselines to aggregate over. */
  BaselineSampler baselines();

  /** Returns whether the aggregator may weight baselines unequally or drop some. Default: false. */
  default boolean weighted() {
    return false;
  }

  /**
   * Returns whether the aggregator claims completeness with a complete step rule. An estimator
   * that samples one α per baseline (Expected Gradients' sampling form) does not. Default: true.
   */
  default boolean complete() {
    return true;
  }

  /** Returns the step rule of the method; default: the test kit's midpoint rule. */
  default StepRule stepRule(int steps) {
    return new ReferenceMidpointStepRule(steps);
  }

  /** Returns the path of the method; default: the test kit's straight line. */
  default Path path() {
    return new ReferenceStraightPath();
  }

  /**
   * Returns the cases to check; default: the smooth analytic cases, on which a 256-step midpoint
   * rule is accurate from any baseline (kinked cases would measure quadrature, not aggregation).
   */
  default List<AnalyticCase> cases() {
    return AnalyticModels.smooth();
  }

  /** Returns the reference images data-drawn samplers may use; default: 16 seeded noise images. */
  default List<float[]> referenceImages(Shape shape) {
    return SeededArrays.images(RandomSource.of(AnalyticModels.SEED).derive("reference"), shape, 16);
  }

  /** Returns the method under test for {@code steps} steps. */
  default AttributionMethod method(int steps) {
    return new AttributionMethod("contract", baselines(), path(), stepRule(steps), aggregator());
  }

  /** Attributes case {@code c} with seed {@code seed} and batch size {@code batchSize}. */
  default Attribution attribute(AnalyticCase c, int steps, long seed, int batchSize) {
    EngineOptions options =
        EngineOptions.batchSize(batchSize).withReferenceImages(referenceImages(c.model().inputShape()));
    return AttributionEngine.attribute(
        c.model(), method(steps), c.input(), c.target(), RandomSource.of(seed), options);
  }

  /** Weights are one per baseline, non-negative, sum to 1, and equal unless {@link #weighted()}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void weightsAreADistribution(AnalyticCase c) {
    Attribution a = attribute(c, 32, 1, 64);
    double[] w = a.weights();
    assertThat(w).as("%s: one weight per baseline %s", c, a.baselineNames())
        .hasSize(a.baselineNames().size());
    double sum = 0;
    for (int k = 0; k < w.length; k++) {
      assertThat(w[k]).as("%s: weight of baseline %s", c, a.baselineNames().get(k))
          .isGreaterThanOrEqualTo(0.0)
          .isFinite();
      sum += w[k];
    }
    assertThat(sum).as("%s: sum of weights", c).isCloseTo(1.0, offset(Tolerances.WEIGHT_SUM * w.length));
    if (!weighted()) {
      for (double wk : w) {
        assertThat(wk).as("%s: unweighted aggregator's weights", c)
            .isCloseTo(1.0 / w.length, offset(Tolerances.WEIGHT_SUM));
      }
    }
  }

  /**
   * Completeness: |Σ A − (f(x) − Σ_k w_k f(x'_k))| ≤ 1e-3 · Σ_k w_k |f(x) − f(x'_k)| with a
   * 256-step rule — each path's gap is bounded by its own score change, and weights average them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void completeWithFineRule(AnalyticCase c) {
    assumeTrue(complete(), "the aggregator does not claim completeness");
    Attribution a = attribute(c, Tolerances.COMPLETENESS_STEPS, 1, 64);
    double scale = 0;
    double magnitude = Math.abs(a.inputScore());
    for (int k = 0; k < a.weights().length; k++) {
      scale += a.weights()[k] * Math.abs(a.inputScore() - a.startScores()[k]);
      magnitude += a.weights()[k] * Math.abs(a.startScores()[k]);
    }
    double allowed = Tolerances.COMPLETENESS * scale + Tolerances.EXACT_COMPLETENESS * magnitude;
    assertThat(a.completenessGap())
        .as("%s: |ΣA − (f(x) − Σ w_k f(x'_k))|, baselines %s, weights %s", c, a.baselineNames(),
            java.util.Arrays.toString(a.weights()))
        .isLessThanOrEqualTo(allowed);
  }

  /** An aggregator that disclaims completeness must really miss it on some case. */
  @Test
  default void undeclaredCompletenessIsReallyAbsent() {
    assumeFalse(complete(), "the aggregator claims completeness");
    double worst = 0;
    for (AnalyticCase c : cases()) {
      Attribution a = attribute(c, Tolerances.COMPLETENESS_STEPS, 1, 64);
      worst = Math.max(worst, a.completenessGap() / Math.max(1e-12, Math.abs(a.expectedSum())));
    }
    assertThat(worst).as("complete on every case: declare complete()")
        .isGreaterThan(Tolerances.COMPLETENESS);
  }

  /** The same seed gives identical attributions, weights and fitness; the map is finite. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void deterministicForEqualSeeds(AnalyticCase c) {
    Attribution a = attribute(c, 16, 42, 64);
    Attribution b = attribute(c, 16, 42, 64);
    assertThat(Attributions.firstNonFinite(a.values())).as("%s: first non-finite value", c).isEqualTo(-1);
    assertThat(b.values()).as("%s: values, second run", c).containsExactly(a.values());
    assertThat(b.weights()).as("%s: weights, second run", c).containsExactly(a.weights());
    assertThat(b.baselineNames()).as("%s: baselines, second run", c).isEqualTo(a.baselineNames());
    if (a.fitness() == null) {
      assertThat(b.fitness()).as("%s: fitness, second run", c).isNull();
    } else {
      assertThat(b.fitness()).as("%s: fitness, second run", c).containsExactly(a.fitness());
    }
  }

  /** Batch sizes 1, 7 and 256 give the same attribution and weights (DESIGN.md guarantee 2). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void batchSizeChangesNothing(AnalyticCase c) {
    Attribution one = attribute(c, 19, 3, 1);
    for (int batch : new int[] {7, 256}) {
      Attribution other = attribute(c, 19, 3, batch);
      assertThat(Attributions.relativeMaxDifference(other.values(), one.values()))
          .as("%s: batch size %d vs 1", c, batch)
          .isLessThanOrEqualTo(Tolerances.BATCH_INVARIANCE);
      assertThat(Attributions.relativeMaxDifference(other.weights(), one.weights()))
          .as("%s: weights at batch size %d vs 1", c, batch)
          .isLessThanOrEqualTo(Tolerances.BATCH_INVARIANCE);
    }
  }
}
