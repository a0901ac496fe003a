package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Computes one attribution: samples baselines, scores the input and the path starts, and lets the
 * method's aggregator drive batched path integration through an {@link AggregationContext}.
 *
 * <p>Randomness: the baseline sampler draws from {@code random.derive("baselines")} (or from an
 * explicit baseline source, so that methods with the same baselines can share them), the
 * aggregator from {@code random.derive("aggregator")} and path k from
 * {@code random.derive("path", k)}, where {@code random} is the source the caller derived for
 * this (sample, method).
 */
public final class AttributionEngine {

  private AttributionEngine() {}

  /**
   * Attributes {@code input} for class {@code target} with {@code method}.
   *
   * @throws AttributionException when the input has the wrong shape or the model misbehaves
   */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int target,
      RandomSource random,
      EngineOptions options) {
    return attribute(model, method, input, target, random, random.derive("baselines"), options);
  }

  /**
   * Attributes {@code input} with baselines drawn from {@code baselineRandom}: two methods given
   * the same baseline source and sampler see the same baselines (a paired comparison).
   */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int target,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options) {
    Shape shape = model.inputShape();
    if (input == null || input.length != shape.size()) {
      throw new AttributionException(
          "input has " + (input == null ? "no" : input.length) + " values, but the model expects "
              + shape + " = " + shape.size());
    }
    if (target < 0 || target >= model.numClasses()) {
      throw new AttributionException(
          "target class " + target + " is outside the model's classes 0.." + (model.numClasses() - 1));
    }
    CountingModel counted = new CountingModel(model);
    List<Baseline> baselines =
        method.baselines().sample(
            new BaselineRequest(input, shape, baselineRandom, options.referenceImages()));
    if (baselines.isEmpty()) {
      throw new AttributionException("method '" + method.name() + "': the baseline sampler gave no baselines");
    }
    List<float[]> firstPoints = new ArrayList<>(baselines.size() + 1);
    firstPoints.add(input);
    for (Baseline b : baselines) {
      shape.require("baseline '" + b.name() + "'", b.values());
      firstPoints.add(method.path().start(input, b.values(), shape));
    }
    Context ctx = new Context(counted, method, input, target, shape, baselines, random, options.batchSize());
    ctx.starts = firstPoints.subList(1, firstPoints.size()).toArray(new float[0][]);
    float[] scores = ctx.score(firstPoints.size(), firstPoints::get);
    ctx.inputScore = scores[0];
    ctx.startScores = java.util.Arrays.copyOfRange(scores, 1, scores.length);

    AggregateResult r = method.aggregator().aggregate(ctx);
    float[] values = new float[r.attribution().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.attribution()[i];
    }
    double[] start = new double[baselines.size()];
    for (int k = 0; k < start.length; k++) {
      start[k] = ctx.startScores[k];
    }
    return new Attribution(
        shape,
        values,
        target,
        ctx.inputScore,
        baselines.stream().map(Baseline::name).toList(),
        start,
        r.weights(),
        r.fitness(),
        r.skippedSteps(),
        counted.gradientPoints(),
        counted.forwardPoints(),
        r.diagnostics(),
        List.copyOf(ctx.records.values()));
  }

  /** The engine's services for one attribution. */
  private static final class Context implements AggregationContext {
    private final CountingModel model;
    private final AttributionMethod method;
    private final float[] input;
    private final int target;
    private final Shape shape;
    private final List<Baseline> baselines;
    private final RandomSource random;
    private final int batchSize;
    private float inputScore;
    private float[] startScores;
    private float[][] starts;
    /** The latest record of each integrated baseline, by baseline index. */
    private final java.util.TreeMap<Integer, PathRecord> records = new java.util.TreeMap<>();

    Context(
        CountingModel model,
        AttributionMethod method,
        float[] input,
        int target,
        Shape shape,
        List<Baseline> baselines,
        RandomSource random,
        int batchSize) {
      this.model = model;
      this.method = method;
      this.input = input;
      this.target = target;
      this.shape = shape;
      this.baselines = List.copyOf(baselines);
      this.random = random;
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
      return target;
    }

    @Override
    public List<Baseline> baselines() {
      return baselines;
    }

    @Override
    public float inputScore() {
      return inputScore;
    }

    @Override
    public float[] startScores() {
      return startScores.clone();
    }

    @Override
    public StepRule stepRule() {
      return method.stepRule();
    }

    @Override
    public int batchSize() {
      return batchSize;
    }

    @Override
    public boolean accelerated() {
      return model.accelerated();
    }

    @Override
    public RandomSource random() {
      return random.derive("aggregator");
    }

    @Override
    public List<StepResult> integrate(int[] baselineIndices, IntFunction<StepRule> rules) {
      List<PathTrace> traces = new ArrayList<>(baselineIndices.length);
      List<StepAccumulator> accs = new ArrayList<>(baselineIndices.length);
      List<PathRecorder> recorders = new ArrayList<>(baselineIndices.length);
      for (int k : baselineIndices) {
        StepRule rule = rules.apply(k);
        traces.add(
            method.path().trace(
                new PathRequest(
                    input,
                    baselines.get(k).values(),
                    shape,
                    rule.schedule(),
                    model,
                    target,
                    random.derive("path", k))));
        PathRecorder recorder = new PathRecorder(rule.start(shape, input), k, starts[k], startScores[k], inputScore);
        recorders.add(recorder);
        accs.add(recorder);
      }
      List<StepResult> results = new Integrator(model, batchSize).run(traces, accs, target);
      for (PathRecorder recorder : recorders) {
        records.put(recorder.record().baseline(), recorder.record());
      }
      return results;
    }

    @Override
    public float[] score(int count, IntFunction<float[]> pointAt) {
      float[] out = new float[count];
      List<float[]> batch = new ArrayList<>(Math.min(batchSize, count));
      for (int start = 0; start < count; start += batchSize) {
        int m = Math.min(batchSize, count - start);
        batch.clear();
        for (int i = 0; i < m; i++) {
          batch.add(pointAt.apply(start + i));
        }
        int[] targets = new int[m];
        java.util.Arrays.fill(targets, target);
        float[] s = model.scores(batch, targets);
        System.arraycopy(s, 0, out, start, m);
      }
      return out;
    }
  }
}
