package org.igkit.api.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;
import org.junit.jupiter.api.Test;

/** The generic quadrature rule: its schedule is its nodes function at its step count. */
class QuadratureStepRuleTest {

  /** Left Riemann nodes j/n with weights 1/n, written out here. */
  private static Schedule left(int n) {
    double[] a = new double[n];
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = (double) j / n;
      w[j] = 1.0 / n;
    }
    return new Schedule(a, w);
  }

  @Test
  void scheduleIsTheNodesFunctionAtTheStepCountAndWithStepsOnlyChangesTheCount() {
    QuadratureStepRule rule = new QuadratureStepRule("left", null, 4, QuadratureStepRuleTest::left);
    assertThat(rule.steps()).isEqualTo(4);
    assertThat(rule.schedule()).isEqualTo(left(4));
    for (int n : new int[] {1, 3, 17}) {
      StepRule other = rule.withSteps(n);
      assertThat(other.steps()).isEqualTo(n);
      assertThat(other.schedule()).isEqualTo(left(n));
      assertThat(other).hasToString("left(" + n + ")");
    }
    assertThat(new QuadratureStepRule("rule", "left-end", 2, QuadratureStepRuleTest::left).withSteps(5))
        .hasToString("rule(5, left-end)");
    assertThat(rule.start(Shape.of(1, 1, 3))).isInstanceOf(QuadratureAccumulator.class);
  }

  @Test
  void stepsBelowOneAreRejected() {
    assertThatThrownBy(() -> new QuadratureStepRule("left", null, 0, QuadratureStepRuleTest::left))
        .hasMessage("steps: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new QuadratureStepRule("left", null, 2, QuadratureStepRuleTest::left).withSteps(-1))
        .hasMessage("steps: must be ≥ 1, was -1");
  }
}
