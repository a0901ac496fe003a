package org.igkit.testkit;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.igkit.api.path.PathPoint;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;

/**
 * Checks that a step accumulator streams: after each {@code accept}, every gradient array older
 * than the last {@code keep} is overwritten with NaN. An accumulator that kept references to old
 * gradients (storing the path instead of accumulating it) reads the NaNs and its result changes.
 */
final class RetentionCheckingAccumulator implements StepAccumulator {

  private final StepAccumulator delegate;
  private final int keep;
  private final ArrayDeque<float[]> seen = new ArrayDeque<>();

  RetentionCheckingAccumulator(StepAccumulator delegate, int keep) {
    this.delegate = delegate;
    this.keep = keep;
  }

  @Override
  public void accept(PathPoint point, float score, float[] gradient) {
    delegate.accept(point, score, gradient);
    seen.addLast(gradient);
    while (seen.size() > keep) {
      Arrays.fill(seen.removeFirst(), Float.NaN);
    }
  }

  @Override
  public StepResult finish() {
    return delegate.finish();
  }
}
