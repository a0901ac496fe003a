package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Attributes one input for several classes with one method, sharing the path's points and the
 * model's forward passes between the classes where the method allows it.
 *
 * <p>When it applies ({@link #applies}): the path is {@link org.igkit.api.path.Path#pointwise()
 * pointwise} (its points depend on α alone, not on the class, the model or random draws), the
 * aggregator {@link org.igkit.api.aggregate.Aggregator#integratesAllBaselinesFirst() integrates
 * all baselines first} with the method's own step rule, and that rule has a fixed step count.
 * Then the integral of every baseline is computed once for all classes
 * ({@link Integrator#runTargets}: per batch one {@link ModelFunction#scoresAndGradientsForEach}
 * call, which a model may answer with one forward pass and one backward pass per class) and
 * handed to each class's attribution through a {@link SharedIntegrals} entry under the key that
 * attribution's own integrate call looks up — the scores of the input and the path starts for
 * that class included. Each class's attribution is then the engine's ordinary single-class
 * attribution, its aggregator (a fitness search, the weights) running for its class alone; it
 * takes the integral from the entry when the keys agree and computes it itself otherwise, and
 * reports the gradient points the integral costs alone. Results therefore equal separate
 * single-class runs as far as the model's {@code scoresAndGradientsForEach} equals its
 * single-class answers (bit for bit for the analytic models and, on a CPU, for
 * {@code DjlModelFunction}).
 *
 * <p>Otherwise — an adaptive path (guided, geodesic), a path that draws randomness, an
 * aggregator whose integrals depend on the class (two-stage filtering) or draw their own rules
 * (sampling), an automatic step count, one distinct class — every class is attributed on its own.
 */
final class TargetSharing {

  private TargetSharing() {}

  /** Returns whether the classes of one input can share {@code method}'s integrals. */
  static boolean applies(AttributionMethod method) {
    return method.path().pointwise()
        && method.aggregator().integratesAllBaselinesFirst()
        && !(method.stepRule() instanceof AutoSteps);
  }

  /** See {@link AttributionEngine#attributeTargets}. */
  static List<Attribution> attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int[] targets,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options,
      SharedIntegrals shared,
      String methodKey) {
    SharedIntegrals store = shared;
    String key = methodKey;
    int[] distinct = distinct(targets);
    if (distinct.length > 1 && applies(method) && valid(model, input, distinct)) {
      if (store == null || key == null) {
        store = new SharedIntegrals();
        key = "targets:" + method.name();
      }
      prefill(model, method, input, distinct, random, baselineRandom, options, store, key);
    }
    List<Attribution> out = new ArrayList<>(targets.length);
    for (int t : targets) {
      out.add(AttributionEngine.attribute(model, method, input, t, random, baselineRandom, options, store, key));
    }
    return out;
  }

  /**
   * Computes the integrals of every baseline for every class over one set of points and stores
   * them under each class's key; stores nothing when the path drew randomness, and nothing at all
   * when anything fails (each class then computes, and fails, on its own). Only the first classes
   * whose integrals the store has room for are computed ahead, none when that is fewer than two:
   * an integral the store cannot keep would be computed again by its class, so that computing
   * ahead would cost more gradients than attributing each class alone.
   */
  private static void prefill(ModelFunction model, AttributionMethod method, float[] input, int[] wanted,
      RandomSource random, RandomSource baselineRandom, EngineOptions options, SharedIntegrals store, String key) {
    try {
      Shape shape = model.inputShape();
      CountingModel counted = new CountingModel(model);
      List<Baseline> baselines =
          method.baselines().sample(new BaselineRequest(input, shape, baselineRandom, options.referenceImages()));
      int n = baselines.size();
      if (n == 0) {
        return;
      }
      StepRule rule = method.stepRule();
      int[] counts = alone(method, rule, options.batchSize()) ? Stages.counts(rule, rule) : null;
      // the values of one class's entries: a result and a map per baseline, or one array per stage
      long perClass = (counts == null ? 2L : counts.length) * n * shape.size();
      int[] classes = java.util.Arrays.copyOf(wanted, (int) Math.min(wanted.length, store.room() / perClass));
      if (classes.length < 2) {
        return;
      }
      List<float[]> firstPoints = new ArrayList<>(n + 1);
      firstPoints.add(input);
      float[][] starts = new float[n][];
      float[][] values = new float[n][];
      int[] all = new int[n];
      for (int k = 0; k < n; k++) {
        values[k] = baselines.get(k).values();
        shape.require("baseline '" + baselines.get(k).name() + "'", values[k]);
        starts[k] = method.path().start(input, values[k], shape);
        firstPoints.add(starts[k]);
        all[k] = k;
      }
      float[][] scores = scores(counted, firstPoints, classes, options.batchSize());
      AtomicBoolean drawn = new AtomicBoolean();
      String storeKey = key + (options.cancellationSums() ? ";cancellationSums" : "");
      if (counts != null) {
        // a nested rule: in the engine's stages, each a pass of the baseline's points alone, every
        // stage stored under the key the engine looks it up by (a two-stage filter's cheap pass too)
        Integrator integrator = new Integrator(counted, options.batchSize());
        for (int k = 0; k < n; k++) {
          int b = k;
          RandomSource pathRandom = random.derive("path", k).watched(drawn);
          Stages.climb(rule, counts, 0, null, classes,
              nodes -> method.path().trace(new PathRequest(input, values[b], shape, nodes, counted, classes[0],
                  pathRandom)),
              (c, pass) -> new PathRecorder(pass.start(shape, input), b, starts[b], scores[c][b + 1], scores[c][0],
                  options.cancellationSums()),
              integrator, counted, (i, made) -> {
                for (int c = 0; c < classes.length && !drawn.get(); c++) {
                  Stages.Stage s = made[c];
                  store.put(Stages.key(storeKey, rule.steps(), counts[i], classes[c], options.batchSize(), input,
                          values[b], scores[c][0], scores[c][b + 1]),
                      Stages.entry(s, s.partial().toRecord(b, starts[b], scores[c][b + 1], scores[c][0],
                          s.result().attribution())));
                }
              });
          if (drawn.get()) {
            return;
          }
        }
        return;
      }
      List<PathTrace> traces = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        traces.add(method.path().trace(new PathRequest(input, values[k], shape, rule.schedule(), counted,
            classes[0], random.derive("path", k).watched(drawn))));
      }
      List<List<StepAccumulator>> accs = new ArrayList<>(classes.length);
      List<List<PathRecorder>> recorders = new ArrayList<>(classes.length);
      for (int c = 0; c < classes.length; c++) {
        List<StepAccumulator> a = new ArrayList<>(n);
        List<PathRecorder> r = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          PathRecorder recorder = new PathRecorder(rule.start(shape, input), k, starts[k], scores[c][k + 1],
              scores[c][0], options.cancellationSums());
          a.add(recorder);
          r.add(recorder);
        }
        accs.add(a);
        recorders.add(r);
      }
      if (alone(method, rule, options.batchSize())) {
        // The engine integrates each baseline in batches of its own points and shares it by its
        // value (AttributionEngine's integrate where batchedAlone holds): the same batches here, stored the same way.
        Integrator integrator = new Integrator(counted, options.batchSize());
        for (int k = 0; k < n; k++) {
          List<List<StepAccumulator>> one = new ArrayList<>(classes.length);
          for (int c = 0; c < classes.length; c++) {
            one.add(List.of(accs.get(c).get(k)));
          }
          long gradientBefore = counted.gradientPoints();
          long forwardBefore = counted.forwardPoints();
          List<List<StepResult>> results = integrator.runTargets(List.of(traces.get(k)), one, classes);
          if (drawn.get()) {
            return;
          }
          long gradientPoints = (counted.gradientPoints() - gradientBefore) / classes.length;
          long forwardPoints = counted.forwardPoints() - forwardBefore;
          for (int c = 0; c < classes.length; c++) {
            PathRecord record = recorders.get(c).get(k).record();
            double[] map = results.get(c).get(0).attribution().clone();
            store.put(new SharedIntegrals.Key(storeKey, classes[c], options.batchSize(), new int[0], input,
                    new float[][] {values[k]}, new float[] {scores[c][0], scores[c][k + 1]}),
                new SharedIntegrals.Entry(SharedIntegrals.copy(results.get(c)), List.of(record), List.of(map),
                    gradientPoints, forwardPoints));
          }
        }
        return;
      }
      long gradientBefore = counted.gradientPoints();
      long forwardBefore = counted.forwardPoints();
      List<List<StepResult>> results = new Integrator(counted, options.batchSize()).runTargets(traces, accs, classes);
      if (drawn.get()) {
        return;
      }
      long gradientPoints = (counted.gradientPoints() - gradientBefore) / classes.length;
      long forwardPoints = counted.forwardPoints() - forwardBefore;
      for (int c = 0; c < classes.length; c++) {
        List<PathRecord> made = new ArrayList<>(n);
        List<double[]> maps = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          made.add(recorders.get(c).get(k).record());
          maps.add(results.get(c).get(k).attribution().clone());
        }
        store.put(new SharedIntegrals.Key(storeKey, classes[c], options.batchSize(), all, input, values, scores[c]),
            new SharedIntegrals.Entry(SharedIntegrals.copy(results.get(c)), List.copyOf(made), List.copyOf(maps),
                gradientPoints, forwardPoints));
      }
    } catch (RuntimeException e) {
      // Nothing stored: every class attributes (and reports its fault) on its own.
    }
  }

  /**
   * The scores of {@code points} for each class, from one {@link ModelFunction#outputs} call per
   * batch of the engine's size. A model whose {@code outputs} and {@code scores} differ in their
   * bits gives keys that the attributions do not look up: they then compute their integrals
   * themselves (correct, without the saving).
   */
  private static float[][] scores(ModelFunction model, List<float[]> points, int[] classes, int batchSize) {
    int count = points.size();
    float[][] out = new float[classes.length][count];
    for (int start = 0; start < count; start += batchSize) {
      int m = Math.min(batchSize, count - start);
      float[][] rows = model.outputs(points.subList(start, start + m));
      for (int i = 0; i < m; i++) {
        for (int c = 0; c < classes.length; c++) {
          out[c][start + i] = rows[i][classes[c]];
        }
      }
    }
    return out;
  }

  /**
   * Whether the engine integrates each baseline of {@code method} in batches of its own points
   * (as its context's {@code batchedAlone} decides for the method's own rule): a pointwise path
   * and a rule with at least {@code batchSize} nodes.
   */
  private static boolean alone(AttributionMethod method, StepRule rule, int batchSize) {
    return method.path().pointwise() && rule.schedule().alphas().length >= batchSize;
  }

  /** Whether the input and classes are ones the engine accepts (else it reports them itself). */
  private static boolean valid(ModelFunction model, float[] input, int[] classes) {
    if (input == null || input.length != model.inputShape().size()) {
      return false;
    }
    for (int c : classes) {
      if (c < 0 || c >= model.numClasses()) {
        return false;
      }
    }
    return true;
  }

  /** The distinct classes of {@code targets}, in first-seen order. */
  private static int[] distinct(int[] targets) {
    Set<Integer> seen = new LinkedHashSet<>();
    for (int t : targets) {
      seen.add(t);
    }
    return seen.stream().mapToInt(Integer::intValue).toArray();
  }
}
