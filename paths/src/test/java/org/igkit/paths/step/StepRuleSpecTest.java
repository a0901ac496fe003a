package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.igkit.paths.step.RiemannStepRule.Variant;
import org.junit.jupiter.api.Test;

/** Spec defaults and validation messages of the step-rule plugins (STYLE.md rules 1 and 3). */
class StepRuleSpecTest {

  @Test
  void stepsBelowOneAreRejectedWithTheFieldValueAndBound() {
    String message = "steps: must be ≥ 1, was 0";
    assertThatThrownBy(() -> new RiemannStepRule.Spec(0, null)).hasMessage(message);
    assertThatThrownBy(() -> new GaussLegendreStepRule.Spec(0)).hasMessage(message);
    assertThatThrownBy(() -> new IdgiStepRule.Spec(0)).hasMessage(message);
    assertThatThrownBy(() -> new RiemannStepRule(0, Variant.LEFT)).hasMessage(message);
    assertThatThrownBy(() -> new GaussLegendreStepRule(0)).hasMessage(message);
    assertThatThrownBy(() -> new IdgiStepRule(0)).hasMessage(message);
    assertThatThrownBy(() -> new IdgiStepRule(5).withSteps(-3)).hasMessage("steps: must be ≥ 1, was -3");
  }

  @Test
  void unknownVariantListsTheVariantsAndSuggestsTheClosest() {
    assertThatThrownBy(() -> new RiemannStepRule.Spec(10, "midpiont"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "variant: must be one of [left, right, midpoint, trapezoid], was 'midpiont', did you mean 'midpoint'?");
    assertThatThrownBy(() -> new RiemannStepRule.Spec(10, "simpson"))
        .hasMessageStartingWith("variant: must be one of [left, right, midpoint, trapezoid], was 'simpson'")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void defaultsFillNulls() {
    assertThat(new RiemannStepRule.Spec(null, null)).isEqualTo(new RiemannStepRule.Spec(50, "midpoint"));
    assertThat(new GaussLegendreStepRule.Spec(null).steps()).isEqualTo(50);
    assertThat(new IdgiStepRule.Spec(null).steps()).isEqualTo(50);
    assertThat(RiemannStepRule.TYPE.defaultSpec()).isEqualTo(new RiemannStepRule.Spec(50, "midpoint"));
  }

  @Test
  void variantIsKebabCaseInTheSpecAndParsedIntoTheRule() {
    assertThat(new RiemannStepRule.Spec(4, "trapezoid").variant()).isEqualTo("trapezoid");
    RiemannStepRule rule = (RiemannStepRule) RiemannStepRule.TYPE.create(new RiemannStepRule.Spec(4, "left"));
    assertThat(rule.variant()).isEqualTo(Variant.LEFT);
    assertThat(rule.steps()).isEqualTo(4);
  }
}
