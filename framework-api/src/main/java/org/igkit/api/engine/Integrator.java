package org.igkit.api.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathTrace;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;

/**
 * Drives several path traces at once and feeds their step accumulators, batching points across
 * steps <em>and</em> paths so that each model call carries up to {@code batchSize} points.
 *
 * <p>Batches are filled round-robin, one point per path per pass, respecting each trace's
 * {@link PathTrace#lookahead()}. Every accumulator receives its path's points in path order, so
 * its result depends on the batch size only through the model's float rounding. At most
 * {@code batchSize} points and gradients are alive at any time, plus one accumulator per path.
 */
public final class Integrator {

  private final ModelFunction model;
  private final int batchSize;

  /**
   * @param model     the model (wrap it in {@link CountingModel} to count evaluations)
   * @param batchSize maximum points per model call, ≥ 1
   */
  public Integrator(ModelFunction model, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: must be ≥ 1, was " + batchSize);
    }
    this.model = model;
    this.batchSize = batchSize;
  }

  /**
   * Runs every trace to its end and returns each accumulator's result.
   *
   * @param traces       one trace per path
   * @param accumulators one accumulator per trace, same order
   * @param target       the explained class
   */
  public List<StepResult> run(List<PathTrace> traces, List<StepAccumulator> accumulators, int target) {
    return runTargets(traces, List.of(accumulators), new int[] {target}).get(0);
  }

  /**
   * Runs every trace to its end once and feeds the accumulators of several classes from the same
   * points, batched exactly as {@link #run} batches them: each model call asks
   * {@link ModelFunction#scoresAndGradientsForEach} for every class at once (one call of
   * {@link ModelFunction#scoresAndGradients} when there is one class). For traces whose points do
   * not depend on the class (a {@link org.igkit.api.path.Path#pointwise() pointwise} path), class
   * t's accumulators receive what {@code run(traces, accumulators.get(t), targets[t])} would feed
   * them; {@link PathTrace#observe} is told the first class's answer.
   *
   * @param traces       one trace per path
   * @param accumulators per class, one accumulator per trace, same order
   * @param targets      the classes, one per list of accumulators
   * @return per class, each accumulator's result
   */
  public List<List<StepResult>> runTargets(List<PathTrace> traces, List<List<StepAccumulator>> accumulators,
      int[] targets) {
    int n = traces.size();
    int classes = targets.length;
    if (accumulators.size() != classes || classes == 0) {
      throw new IllegalArgumentException(classes + " classes but " + accumulators.size() + " lists of accumulators");
    }
    for (List<StepAccumulator> accs : accumulators) {
      if (accs.size() != n) {
        throw new IllegalArgumentException(n + " traces but " + accs.size() + " accumulators");
      }
    }
    List<ArrayDeque<PathPoint>> outstanding = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      outstanding.add(new ArrayDeque<>());
    }
    // Sized by what can be outstanding, not by batchSize (which may be huge).
    int capacity = (int) Math.min(batchSize, 4096L);
    List<float[]> points = new ArrayList<>(capacity);
    int[] owner = new int[capacity];
    while (true) {
      points.clear();
      boolean added = true;
      while (points.size() < batchSize && added) {
        added = false;
        for (int k = 0; k < n && points.size() < batchSize; k++) {
          PathTrace t = traces.get(k);
          if (t.hasNext() && outstanding.get(k).size() < t.lookahead()) {
            PathPoint p = t.next();
            outstanding.get(k).addLast(p);
            if (points.size() == owner.length) {
              owner = java.util.Arrays.copyOf(owner, (int) Math.min(batchSize, 2L * owner.length));
            }
            owner[points.size()] = k;
            points.add(p.position());
            added = true;
          }
        }
      }
      if (points.isEmpty()) {
        break;
      }
      int m = points.size();
      List<ScoresAndGradients> answers;
      if (classes == 1) {
        int[] batchTargets = new int[m];
        java.util.Arrays.fill(batchTargets, targets[0]);
        answers = List.of(model.scoresAndGradients(points, batchTargets));
      } else {
        answers = model.scoresAndGradientsForEach(points, targets);
      }
      ScoresAndGradients first = answers.get(0);
      for (int i = 0; i < m; i++) {
        int k = owner[i];
        PathPoint p = outstanding.get(k).removeFirst();
        PathPoint seen = traces.get(k).observe(p, first.scores()[i], first.gradients().get(i));
        for (int c = 0; c < classes; c++) {
          ScoresAndGradients sg = answers.get(c);
          accumulators.get(c).get(k).accept(seen, sg.scores()[i], sg.gradients().get(i));
        }
      }
    }
    List<List<StepResult>> results = new ArrayList<>(classes);
    for (List<StepAccumulator> accs : accumulators) {
      List<StepResult> r = new ArrayList<>(n);
      for (StepAccumulator a : accs) {
        r.add(a.finish());
      }
      results.add(r);
    }
    return results;
  }
}
