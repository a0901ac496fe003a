package org.igkit.testkit;

import org.igkit.api.step.StepRule;

/** The kit's own midpoint rule keeps the step-rule contract. */
class ReferenceMidpointStepRuleTest implements StepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new ReferenceMidpointStepRule(steps);
  }
}
