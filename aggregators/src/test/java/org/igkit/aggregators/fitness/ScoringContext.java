package org.igkit.aggregators.fitness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/** An aggregation context that only scores: enough for the fitness search. Counts calls. */
final class ScoringContext implements AggregationContext {

  private final float[] input;
  private final Shape shape;
  private final ToDoubleFunction<float[]> f;
  private final int batchSize;
  boolean accelerated;
  int scoreCalls;
  int batches;

  ScoringContext(float[] input, Shape shape, ToDoubleFunction<float[]> f, int batchSize) {
    this.input = input;
    this.shape = shape;
    this.f = f;
    this.batchSize = batchSize;
  }

  @Override
  public float[] input() {
    return input;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public int target() {
    return 0;
  }

  @Override
  public List<Baseline> baselines() {
    return List.of();
  }

  @Override
  public float inputScore() {
    return (float) f.applyAsDouble(input);
  }

  @Override
  public float[] startScores() {
    return new float[0];
  }

  @Override
  public StepRule stepRule() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public boolean accelerated() {
    return accelerated;
  }

  @Override
  public RandomSource random() {
    return RandomSource.of(1);
  }

  @Override
  public List<StepResult> integrate(int[] baselineIndices, IntFunction<StepRule> rules) {
    throw new UnsupportedOperationException();
  }

  @Override
  public float[] score(int count, IntFunction<float[]> pointAt) {
    scoreCalls++;
    List<float[]> pending = new ArrayList<>();
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      pending.add(pointAt.apply(i));
      if (pending.size() == batchSize || i == count - 1) {
        batches++;
        for (int j = 0; j < pending.size(); j++) {
          out[i - pending.size() + 1 + j] = (float) f.applyAsDouble(pending.get(j));
        }
        pending.clear();
      }
    }
    return out;
  }
}
