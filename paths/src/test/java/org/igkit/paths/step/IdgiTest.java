package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.engine.Attribution;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.IgPaperReluModel;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IDGI (Yang et al., CVPR 2023): exactly complete at every step count as long as no step is
 * skipped, not a quadrature of IG, and never NaN where the gradient vanishes.
 */
class IdgiTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new IdgiStepRule(steps);
  }

  @Override
  public boolean exactlyComplete() {
    return IdgiStepRule.TYPE.has(Capability.EXACTLY_COMPLETE);
  }

  @Override
  public boolean reproducesIntegratedGradients() {
    return false;
  }

  @Test
  void visitsBothEndsWithZeroWeights() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0, 0.25, 0.5, 0.75, 1);
    assertThat(s.weights()).containsOnly(0.0);
  }

  /** On a linear model the gradient is w everywhere, so A_i = w_i² (f(x) − f(x')) / ‖w‖². */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 8, 256})
  void linearModelGetsItsClosedForm(int steps) {
    AnalyticCase c = AnalyticModels.linear();
    double[] w = ((LinearModel) c.model()).weights();
    double norm = 0;
    for (double wi : w) {
      norm += wi * wi;
    }
    double[] expected = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      expected[i] = w[i] * w[i] * c.scoreChange() / norm;
    }
    double[] a = IG.compute(c, new StraightPath(), stepRule(steps), 64).attribution();
    assertThat(Attributions.relativeMaxDifference(a, expected)).isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS);
  }

  /**
   * The IG paper's ReLU example from (0, 0) to (3, 1) with 8 steps: the gradient is zero at the
   * nodes 0, 1/8 and 2/8 (x₁ ≤ 1), so 3 steps are skipped and counted — never divided 0 by 0. The
   * step from 2/8 to 3/8 crosses the kink, and its score change f(3/8) = 0.125 is what skipping
   * loses: the sum is 1 − 0.125.
   */
  @Test
  void zeroGradientStepsAreSkippedCountedAndNeverNaN() {
    AnalyticCase c = AnalyticModels.igPaperRelu();
    StepResult r = IG.compute(c, new StraightPath(), stepRule(8), 4);
    assertThat(r.skippedSteps()).isEqualTo(3);
    assertThat(Attributions.firstNonFinite(r.attribution())).isEqualTo(-1);
    assertThat(Attributions.sum(r.attribution())).isCloseTo(c.scoreChange() - 0.125, offset(1e-6));

    Attribution viaEngine =
        IG.attribute(c.model(), new StraightPath(), stepRule(8), c.input(), c.baseline(), 0, 3);
    assertThat(viaEngine.skippedSteps()).isEqualTo(3);
    assertThat(Attributions.firstNonFinite(viaEngine.values())).isEqualTo(-1);
  }

  /** Where the gradient is zero all along, every step is skipped and the attribution is 0. */
  @Test
  void pathInTheFlatRegionGivesZeroAndSkipsEveryStep() {
    IgPaperReluModel model = new IgPaperReluModel();
    StepResult r =
        IG.compute(model, new StraightPath(), stepRule(16), new float[] {0.5f, 0}, new float[] {0, 0}, 0, 5);
    assertThat(r.skippedSteps()).isEqualTo(16);
    assertThat(r.attribution()).containsOnly(0.0);
  }
}
