package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;
import org.igkit.paths.step.RiemannStepRule.Variant;
import org.junit.jupiter.api.Test;

/** Left Riemann sums: a first-order quadrature of IG. */
class RiemannLeftTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new RiemannStepRule(steps, Variant.LEFT);
  }

  @Override
  public int order() {
    return 1;
  }

  @Test
  void nodesAreLeftEndsOfEqualIntervals() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0, 0.25, 0.5, 0.75);
    assertThat(s.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
  }
}
