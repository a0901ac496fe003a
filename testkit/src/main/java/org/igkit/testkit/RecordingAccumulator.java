package org.igkit.testkit;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.path.PathPoint;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;

/**
 * Watches the points a path hands to a step accumulator: counts them, keeps copies of the first
 * and last positions, the indices and alphas, and records every non-finite number and wrongly
 * sized array it sees. Forwards everything to the wrapped accumulator.
 */
final class RecordingAccumulator implements StepAccumulator {

  private final StepAccumulator delegate;
  private final int size;
  private final List<Integer> indices = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private float[] first;
  private float[] last;

  RecordingAccumulator(StepAccumulator delegate, int size) {
    this.delegate = delegate;
    this.size = size;
  }

  @Override
  public void accept(PathPoint point, float score, float[] gradient) {
    int n = indices.size();
    indices.add(point.index());
    check(n, "position", point.position());
    check(n, "tangent", point.tangent());
    check(n, "gradient", gradient);
    if (!Double.isFinite(point.weight())) {
      problems.add("point " + n + ": weight is " + point.weight());
    }
    if (!Double.isFinite(point.alpha())) {
      problems.add("point " + n + ": alpha is " + point.alpha());
    }
    if (!Float.isFinite(score)) {
      problems.add("point " + n + ": score is " + score);
    }
    if (first == null) {
      first = point.position().clone();
    }
    last = point.position().clone();
    delegate.accept(point, score, gradient);
  }

  private void check(int n, String what, float[] values) {
    if (values == null) {
      problems.add("point " + n + ": " + what + " is null");
    } else if (values.length != size) {
      problems.add("point " + n + ": " + what + " has " + values.length + " values, expected " + size);
    } else {
      int bad = Attributions.firstNonFinite(values);
      if (bad >= 0) {
        problems.add("point " + n + ": " + what + "[" + bad + "] is " + values[bad]);
      }
    }
  }

  @Override
  public StepResult finish() {
    return delegate.finish();
  }

  int count() {
    return indices.size();
  }

  List<Integer> indices() {
    return indices;
  }

  List<String> problems() {
    return problems;
  }

  float[] first() {
    return first;
  }

  float[] last() {
    return last;
  }
}
