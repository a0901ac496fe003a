package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gauss–Legendre quadrature on [0, 1]: nodes, weights and polynomial exactness. */
class GaussLegendreTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new GaussLegendreStepRule(steps);
  }

  @Test
  void oneNodeIsTheMidpoint() {
    Schedule s = stepRule(1).schedule();
    assertThat(s.alphas()).containsExactly(new double[] {0.5}, offset(1e-15));
    assertThat(s.weights()).containsExactly(new double[] {1}, offset(1e-15));
  }

  @Test
  void twoNodesAreHalfMinusAndPlusHalfOverRootThree() {
    Schedule s = stepRule(2).schedule();
    double d = 0.5 / Math.sqrt(3);
    assertThat(s.alphas()).containsExactly(new double[] {0.5 - d, 0.5 + d}, offset(1e-15));
    assertThat(s.weights()).containsExactly(new double[] {0.5, 0.5}, offset(1e-15));
  }

  @Test
  void threeNodesMatchTheTable() {
    Schedule s = stepRule(3).schedule();
    double d = 0.5 * Math.sqrt(0.6);
    assertThat(s.alphas()).containsExactly(new double[] {0.5 - d, 0.5, 0.5 + d}, offset(1e-15));
    // 1e-14, not 1e-15: the rule's weights carry a few ulp of error (P'_n is evaluated at the
    // node before the last Newton update), far below float rounding of attributions.
    assertThat(s.weights()).containsExactly(new double[] {5.0 / 18, 8.0 / 18, 5.0 / 18}, offset(1e-14));
  }

  /**
   * Σ w_j α_j^k = 1/(k + 1) for every k ≤ 2n − 1; for k = 2n the rule falls short by exactly the
   * textbook error (n!)⁴ / ((2n + 1)((2n)!)²), so the degree is sharp.
   */
  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {1, 2, 3, 4, 5, 8, 13, 50})
  void exactForPolynomialsOfDegreeUpToTwoNMinusOne(int n) {
    Schedule s = stepRule(n).schedule();
    for (int k = 0; k <= 2 * n - 1; k++) {
      assertThat(moment(s, k)).as("∫ t^%d with %d nodes", k, n).isCloseTo(1.0 / (k + 1), offset(1e-13));
    }
    double error = 1.0 / (2 * n + 1) - moment(s, 2 * n);
    double expected = Math.pow(factorial(n), 4) / ((2 * n + 1) * Math.pow(factorial(2 * n), 2));
    assertThat(error).as("error on t^%d with %d nodes", 2 * n, n)
        .isCloseTo(expected, offset(Math.max(1e-14, 1e-9 * expected)));
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {1, 2, 7, 50, 200})
  void nodesAreStrictlyInsideAndSymmetricWithPositiveWeights(int n) {
    Schedule s = stepRule(n).schedule();
    assertThat(s.size()).isEqualTo(n);
    for (int j = 0; j < n; j++) {
      assertThat(s.alpha(j)).isStrictlyBetween(0.0, 1.0);
      assertThat(s.weight(j)).isPositive();
      assertThat(s.alpha(j) + s.alpha(n - 1 - j)).isCloseTo(1.0, offset(1e-14));
      assertThat(s.weight(j)).isCloseTo(s.weight(n - 1 - j), offset(1e-14));
      if (j > 0) {
        assertThat(s.alpha(j)).isGreaterThan(s.alpha(j - 1));
      }
    }
  }

  private static double factorial(int n) {
    double f = 1;
    for (int k = 2; k <= n; k++) {
      f *= k;
    }
    return f;
  }

  private static double moment(Schedule s, int k) {
    double sum = 0;
    for (int j = 0; j < s.size(); j++) {
      sum += s.weight(j) * Math.pow(s.alpha(j), k);
    }
    return sum;
  }
}
