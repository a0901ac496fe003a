package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.NestedSteps;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * How the engine integrates one baseline with a nested step rule ({@link NestedSteps}) where it
 * batches each baseline's points on their own: coarse to fine, in stages. The rule at n steps is
 * integrated at c₀ = n/2^k steps — the fewest of n, n/2, n/4, … that is still at least
 * {@value NestedSteps#COARSEST_STAGE} — and doubled k times, each doubling evaluating only the nodes it adds and
 * forming A_2c = ½ (A_c + R_c) ({@link NestedSteps#refinement}). Each stage is one batched pass of
 * that baseline's points alone, so A_c is the same bits whichever method or pass asks for it: a
 * two-stage filter's cheap pass at c steps is a stage of the full integral, its survivors' full
 * integrals add only the finer nodes, and another method's integrals of the same baselines (EG's,
 * WG's) contain both.
 */
final class Stages {

  private Stages() {}

  /**
   * Returns the step counts c₀ &lt; 2c₀ &lt; … &lt; n at which the engine integrates {@code rule}
   * when it is {@code own} (a method's step rule) at n = {@code rule.steps()} steps and {@code own}
   * nests ({@link NestedSteps#stages}); null otherwise (integrated in one pass).
   */
  static int[] counts(StepRule own, StepRule rule) {
    if (!(own instanceof NestedSteps) || own instanceof AutoSteps || rule instanceof NodesStepRule) {
      return null;
    }
    // the same rule at another count: same class, same nodes and weights (the stages are computed
    // with own's accumulators, so a rule that only shares the nodes must not be taken for it)
    if (rule != own && (rule.getClass() != own.getClass()
        || !own.withSteps(rule.steps()).schedule().equals(rule.schedule()))) {
      return null;
    }
    return NestedSteps.stages(rule);
  }

  /**
   * Returns the shared-integrals key of one baseline's stage at {@code steps} steps of a rule whose
   * own count is {@code ownSteps}: at the own count the key of the baseline's whole integral (what
   * an unstaged integral would be stored under), otherwise marked with the stage's count.
   *
   * @param methodKey the method's key with its cancellation-sums mark
   */
  static SharedIntegrals.Key key(String methodKey, int ownSteps, int steps, int target, int batchSize, float[] input,
      float[] baseline, float inputScore, float startScore) {
    return new SharedIntegrals.Key(steps == ownSteps ? methodKey : methodKey + ";stage " + steps, target, batchSize,
        new int[0], input, new float[][] {baseline}, new float[] {inputScore, startScore});
  }

  /** Returns an entry holding stage {@code s} with {@code record} (its map is its result's array). */
  static SharedIntegrals.Entry entry(Stage s, PathRecord record) {
    double[] map = s.result().attribution().clone();
    return new SharedIntegrals.Entry(List.of(new StepResult(map, s.result().skippedSteps())), List.of(record),
        List.of(map), s.gradientPoints(), s.forwardPoints(), List.of(s.partial()));
  }

  /**
   * One stage's integral (the rule at {@code steps} steps) of one baseline for one class and what
   * it cost from nothing: the gradient and forward points of all stages up to it.
   */
  record Stage(int steps, StepResult result, PathPartial partial, long gradientPoints, long forwardPoints) {}

  /** Makes the recorder of one class around an accumulator of a pass's rule. */
  interface Recorders {
    PathRecorder make(int classIndex, StepRule pass);
  }

  /** Told each stage's integrals, per class, as they are made. */
  interface Sink {
    void stage(int index, Stage[] perClass);
  }

  /**
   * Returns A_2c = ½ (A_c + R_c) of a nested rule: the integral at c steps and the sum over the
   * nodes the doubling adds (a new array).
   */
  static double[] doubled(double[] coarse, double[] added) {
    double[] sum = new double[coarse.length];
    for (int j = 0; j < sum.length; j++) {
      sum[j] = 0.5 * (coarse[j] + added[j]);
    }
    return sum;
  }

  /**
   * Integrates stages {@code from} … {@code counts.length − 1} of one baseline for each class of
   * {@code classes} (sharing each pass's points: {@link Integrator#runTargets}), starting from the
   * stages {@code have} (per class; null when {@code from} is 0) and telling {@code sink} each.
   *
   * @param trace the baseline's path trace over a schedule's nodes
   * @return the last stage per class
   */
  static Stage[] climb(StepRule own, int[] counts, int from, Stage[] have, int[] classes,
      Function<Schedule, PathTrace> trace, Recorders recorders, Integrator integrator, CountingModel counted,
      Sink sink) {
    int m = classes.length;
    Stage[] at = have == null ? new Stage[m] : have.clone();
    for (int i = from; i < counts.length; i++) {
      StepRule pass;
      if (i == 0) {
        pass = own.withSteps(counts[0]);
      } else {
        Schedule added = ((NestedSteps) own).refinement(counts[i - 1]);
        pass = new NodesStepRule(added.alphas(), added.weights());
      }
      List<List<StepAccumulator>> accs = new ArrayList<>(m);
      List<PathRecorder> made = new ArrayList<>(m);
      for (int c = 0; c < m; c++) {
        PathRecorder r = recorders.make(c, pass);
        made.add(r);
        accs.add(List.of(r));
      }
      long gradientBefore = counted.gradientPoints();
      long forwardBefore = counted.forwardPoints();
      List<List<StepResult>> results = integrator.runTargets(List.of(trace.apply(pass.schedule())), accs, classes);
      long gradient = (counted.gradientPoints() - gradientBefore) / m;
      long forward = counted.forwardPoints() - forwardBefore;
      for (int c = 0; c < m; c++) {
        StepResult r = results.get(c).get(0);
        PathPartial partial = made.get(c).partial();
        if (i == 0) {
          at[c] = new Stage(counts[i], r, partial, gradient, forward);
        } else {
          double[] sum = doubled(at[c].result().attribution(), r.attribution());
          at[c] = new Stage(counts[i], new StepResult(sum, at[c].result().skippedSteps() + r.skippedSteps()),
              PathPartial.merge(at[c].partial(), 0.5, partial, 0.5), at[c].gradientPoints() + gradient,
              at[c].forwardPoints() + forward);
        }
      }
      sink.stage(i, at.clone());
    }
    return at;
  }
}
