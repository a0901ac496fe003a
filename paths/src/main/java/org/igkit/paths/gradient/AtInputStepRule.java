package org.igkit.paths.gradient;

import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;

/**
 * What the single-gradient step rules share: one node, α = 1 with weight 1, whatever step count
 * is asked for ({@link #withSteps} returns the rule unchanged).
 */
abstract class AtInputStepRule implements StepRule {

  private static final Schedule AT_INPUT = new Schedule(new double[] {1.0}, new double[] {1.0});

  @Override
  public final int steps() {
    return 1;
  }

  @Override
  public final StepRule withSteps(int steps) {
    return this;
  }

  @Override
  public final Schedule schedule() {
    return AT_INPUT;
  }
}
