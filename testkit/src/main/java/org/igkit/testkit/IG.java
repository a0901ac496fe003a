package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.engine.Integrator;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * One-line path integrals for tests, through the engine's own {@link Integrator} (batched across
 * steps and baselines, every answer checked for NaN by {@link CountingModel}) or through the
 * whole {@link AttributionEngine}. Path k draws from {@code RandomSource.of(SEED).derive("path", k)}.
 */
public final class IG {

  /** The seed of the random source paths receive. */
  public static final long SEED = 1L;

  private IG() {}

  /** Returns the attribution of one path from {@code baseline} to {@code input}. */
  public static StepResult compute(
      ModelFunction model, Path path, StepRule rule, float[] input, float[] baseline, int target, int batchSize) {
    return computeAll(model, path, rule, input, List.of(baseline), target, batchSize).get(0);
  }

  /** Returns the attribution of {@code c}'s path. */
  public static StepResult compute(AnalyticCase c, Path path, StepRule rule, int batchSize) {
    return compute(c.model(), path, rule, c.input(), c.baseline(), c.target(), batchSize);
  }

  /**
   * Returns one attribution per baseline, integrating all paths in one run whose model calls mix
   * points of different paths (cross-baseline batching).
   */
  public static List<StepResult> computeAll(
      ModelFunction model,
      Path path,
      StepRule rule,
      float[] input,
      List<float[]> baselines,
      int target,
      int batchSize) {
    return integrate(model, path, rule, input, baselines, target, batchSize, UnaryOperator.identity());
  }

  /**
   * Like {@link #computeAll}, with each path's accumulator passed through {@code decorate} — for
   * checks that watch what an accumulator receives.
   */
  public static List<StepResult> integrate(
      ModelFunction model,
      Path path,
      StepRule rule,
      float[] input,
      List<float[]> baselines,
      int target,
      int batchSize,
      UnaryOperator<StepAccumulator> decorate) {
    Shape shape = model.inputShape();
    RandomSource random = RandomSource.of(SEED);
    List<PathTrace> traces = new ArrayList<>(baselines.size());
    List<StepAccumulator> accumulators = new ArrayList<>(baselines.size());
    for (int k = 0; k < baselines.size(); k++) {
      traces.add(
          path.trace(
              new PathRequest(
                  input, baselines.get(k), shape, rule.schedule(), model, target, random.derive("path", k))));
      accumulators.add(decorate.apply(rule.start(shape, input)));
    }
    return new Integrator(new CountingModel(model), batchSize).run(traces, accumulators, target);
  }

  /**
   * Returns the engine's attribution of {@code input} with one given baseline, {@code path},
   * {@code rule} and equal weights.
   */
  public static Attribution attribute(
      ModelFunction model, Path path, StepRule rule, float[] input, float[] baseline, int target, int batchSize) {
    AttributionMethod method =
        new AttributionMethod(
            "ig", FixedBaselineSampler.of(baseline), path, rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(
        model, method, input, target, RandomSource.of(SEED), EngineOptions.batchSize(batchSize));
  }
}
