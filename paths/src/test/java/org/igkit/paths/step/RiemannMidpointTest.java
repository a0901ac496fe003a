package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;
import org.igkit.paths.step.RiemannStepRule.Variant;
import org.junit.jupiter.api.Test;

/** Midpoint Riemann sums (the plugin's default variant): second order. */
class RiemannMidpointTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new RiemannStepRule(steps, Variant.MIDPOINT);
  }

  @Test
  void nodesAreMidpointsOfEqualIntervals() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0.125, 0.375, 0.625, 0.875);
    assertThat(s.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
  }

  @Test
  void isTheDefaultVariant() {
    RiemannStepRule rule = (RiemannStepRule) RiemannStepRule.TYPE.createDefault();
    assertThat(rule.variant()).isEqualTo(Variant.MIDPOINT);
    assertThat(rule.steps()).isEqualTo(50);
  }
}
