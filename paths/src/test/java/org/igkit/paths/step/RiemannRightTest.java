package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;
import org.igkit.paths.step.RiemannStepRule.Variant;
import org.junit.jupiter.api.Test;

/** Right Riemann sums: a first-order quadrature of IG. */
class RiemannRightTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new RiemannStepRule(steps, Variant.RIGHT);
  }

  @Override
  public int order() {
    return 1;
  }

  @Test
  void nodesAreRightEndsOfEqualIntervals() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0.25, 0.5, 0.75, 1);
    assertThat(s.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
  }
}
