package org.igkit.api.engine;

import java.util.Arrays;
import org.igkit.api.path.PathPoint;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;

/**
 * Wraps a step rule's accumulator and records, next to it, what a {@link PathRecord} holds: the
 * scores in path order and the running sums of |c_ij| and |Σ_i c_ij|. O(points) memory besides
 * the wrapped accumulator. The two sums take one more pass over each gradient and are kept only
 * when asked for ({@link EngineOptions#cancellationSums()}); otherwise they are NaN.
 */
final class PathRecorder implements StepAccumulator {

  private final StepAccumulator inner;
  private final int baseline;
  private final float[] start;
  private final double startScore;
  private final double inputScore;
  private final boolean sums;
  private double[] alphas = new double[16];
  private double[] scores = new double[16];
  private int count;
  private double contributionL1;
  private double stepL1;
  private boolean weighted;
  private PathPartial partial;
  private PathRecord record;

  PathRecorder(StepAccumulator inner, int baseline, float[] start, double startScore, double inputScore,
      boolean sums) {
    this.inner = inner;
    this.sums = sums;
    this.baseline = baseline;
    this.start = start;
    this.startScore = startScore;
    this.inputScore = inputScore;
  }

  @Override
  public void accept(PathPoint point, float score, float[] gradient) {
    inner.accept(point, score, gradient);
    if (count == scores.length) {
      scores = Arrays.copyOf(scores, 2 * count);
      alphas = Arrays.copyOf(alphas, 2 * count);
    }
    alphas[count] = point.alpha();
    scores[count++] = score;
    double w = point.weight();
    if (sums && w != 0) {
      weighted = true;
      float[] t = point.tangent();
      double sum = 0;
      double abs = 0;
      for (int i = 0; i < gradient.length; i++) {
        double c = w * ((double) gradient[i] * t[i]);
        sum += c;
        abs += Math.abs(c);
      }
      stepL1 += Math.abs(sum);
      contributionL1 += abs;
    }
  }

  @Override
  public StepResult finish() {
    StepResult r = inner.finish();
    partial = new PathPartial(Arrays.copyOf(alphas, count), Arrays.copyOf(scores, count), contributionL1, stepL1,
        weighted);
    record = partial.toRecord(baseline, start, startScore, inputScore, r.attribution());
    return r;
  }

  /** Returns the record, once {@link #finish()} has run. */
  PathRecord record() {
    return record;
  }

  /** Returns what was seen at the fed points, once {@link #finish()} has run. */
  PathPartial partial() {
    return partial;
  }
}
