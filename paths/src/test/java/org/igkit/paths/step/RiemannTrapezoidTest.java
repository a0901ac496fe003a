package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import org.igkit.api.path.Schedule;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.paths.step.RiemannStepRule.Variant;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trapezoid sums: second order, n + 1 nodes j/n with half weights at both ends — weights that sum
 * to 1, unlike Captum's (REFERENCE.md: step 1/n on nodes spaced 1/(n − 1), summing to 1 − 1/n).
 */
class RiemannTrapezoidTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new RiemannStepRule(steps, Variant.TRAPEZOID);
  }

  @Test
  void nodesIncludeBothEndsWithHalfWeights() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0, 0.25, 0.5, 0.75, 1);
    assertThat(s.weights()).containsExactly(0.125, 0.25, 0.25, 0.25, 0.125);
  }

  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {2, 3, 7, 50, 1000})
  void weightsSumToOneNotCaptumsOneMinusOneOverN(int n) {
    assertThat(stepRule(n).schedule().weightSum()).isCloseTo(1.0, offset(Tolerances.WEIGHT_SUM));
    assertThat(captumTrapezoid(n).schedule().weightSum()).isCloseTo(1.0 - 1.0 / n, offset(1e-12));
  }

  /** Captum's weights lose 1/n of the attribution on the linear model; igkit's lose nothing. */
  @Test
  void captumsWeightsWouldBreakCompletenessByOneOverN() {
    AnalyticCase c = AnalyticModels.linear();
    int n = 50;
    StepResult ours = IG.compute(c, new StraightPath(), stepRule(n), 64);
    StepResult captum = IG.compute(c, new StraightPath(), captumTrapezoid(n), 64);
    double change = c.scoreChange();
    assertThat(Attributions.sum(ours.attribution()))
        .isCloseTo(change, offset(Tolerances.CLOSED_FORM * Math.abs(change)));
    assertThat(Attributions.sum(captum.attribution()))
        .isCloseTo(change * (1 - 1.0 / n), offset(Tolerances.CLOSED_FORM * Math.abs(change)));
  }

  /**
   * Captum's trapezoid rule as REFERENCE.md describes it, as a counter-example: n nodes
   * linspace(0, 1, n), weights 1/n halved at both ends (n ≥ 2).
   */
  private static NodesStepRule captumTrapezoid(int n) {
    double[] alphas = new double[n];
    double[] weights = new double[n];
    for (int j = 0; j < n; j++) {
      alphas[j] = (double) j / (n - 1);
    }
    Arrays.fill(weights, 1.0 / n);
    weights[0] = weights[n - 1] = 0.5 / n;
    return new NodesStepRule(alphas, weights);
  }
}
