package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ScoresAndGradients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every analytic case: its closed form, its gradient and its ModelFunction answers are right. */
class AnalyticModelsTest {

  static List<AnalyticCase> cases() {
    return AnalyticModels.all();
  }

  /** The closed form agrees with Simpson quadrature of the analytic gradient. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void closedFormMatchesNumericalIntegration(AnalyticCase c) {
    int intervals = c.smooth() ? 2_000 : 200_000; // Simpson is O(h) across a kink
    double[] numeric = c.model().numericalIntegratedGradients(c.input(), c.baseline(), c.target(), intervals);
    assertThat(Attributions.relativeMaxDifference(c.expectedAttribution(), numeric))
        .isLessThanOrEqualTo(c.smooth() ? 1e-9 : 1e-4);
  }

  /** The closed form is complete: Σ IG = f(x) − f(x') in double precision. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void closedFormIsComplete(AnalyticCase c) {
    double tol = c.model().closedForm() ? 1e-12 : 1e-10;
    assertThat(Attributions.sum(c.expectedAttribution()))
        .isCloseTo(c.scoreChange(), offset(tol * Math.max(1, Math.abs(c.scoreChange()))));
  }

  /** Gradients agree with central differences at x, x' and between them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(AnalyticCase c) {
    AnalyticModel m = c.model();
    float[] x = c.input();
    float[] b = c.baseline();
    for (double t : new double[] {0, 0.37, 1}) {
      double[] p = new double[x.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = b[i] + t * ((double) x[i] - b[i]);
      }
      double[] g = m.gradient(p, c.target());
      double h = 1e-6;
      for (int i = 0; i < p.length; i++) {
        double[] up = p.clone();
        double[] down = p.clone();
        up[i] += h;
        down[i] -= h;
        double fd = (m.evaluate(up)[c.target()] - m.evaluate(down)[c.target()]) / (2 * h);
        assertThat(g[i]).as("%s at t = %s, ∂/∂x_%d", c, t, i).isCloseTo(fd, offset(1e-7));
      }
    }
  }

  /** outputs() and scoresAndGradients() agree with each other and with the double-precision formula. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void modelFunctionAnswersAreConsistent(AnalyticCase c) {
    AnalyticModel m = c.model();
    List<float[]> points = List.of(c.input(), c.baseline());
    float[][] out = m.outputs(points);
    ScoresAndGradients sg = m.scoresAndGradients(points, new int[] {c.target(), c.target()});
    assertThat(out).hasNumberOfRows(2);
    for (int n = 0; n < 2; n++) {
      assertThat(out[n]).hasSize(m.numClasses());
      assertThat(sg.scores()[n]).isEqualTo(out[n][c.target()]);
      assertThat((double) sg.scores()[n]).isCloseTo(m.value(points.get(n), c.target()), offset(1e-6));
      assertThat(sg.gradients().get(n)).hasSize(m.inputShape().size());
    }
    assertThat(m.scores(points, new int[] {c.target(), c.target()})).containsExactly(sg.scores());
  }

  /** Wrong shapes and targets are refused with messages that say what was expected. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWrongShapesAndTargets(AnalyticCase c) {
    AnalyticModel m = c.model();
    float[] wrong = new float[m.inputShape().size() + 1];
    assertThatThrownBy(() -> m.outputs(List.of(c.input(), wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 1: has " + wrong.length + " values, expected " + m.inputShape().size()
            + " for shape " + m.inputShape());
    assertThatThrownBy(() -> m.scoresAndGradients(List.of(c.input()), new int[] {m.numClasses()}))
        .hasMessage("target: must be in [0, " + (m.numClasses() - 1) + "], was " + m.numClasses());
    assertThatThrownBy(() -> m.scoresAndGradients(List.of(c.input()), new int[] {0, 0}))
        .hasMessage("1 points but 2 targets");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scoreChangeIsFarFromRounding(AnalyticCase c) {
    assertThat(Math.abs(c.scoreChange()))
        .as("|f(x) − f(x')| against |f(x)|: relative tolerances need a real change")
        .isGreaterThan(0.1 * Math.abs(c.inputScore()));
  }

  @org.junit.jupiter.api.Test
  void catalogueNamesAreUniqueAndSmoothnessIsAsDocumented() {
    assertThat(AnalyticModels.all()).extracting(AnalyticCase::name).doesNotHaveDuplicates().hasSize(7);
    assertThat(AnalyticModels.smooth()).extracting(AnalyticCase::name)
        .containsExactly("linear", "product", "softmax-linear");
  }

  @org.junit.jupiter.api.Test
  void casesCopyTheirArrays() {
    AnalyticCase c = AnalyticModels.product();
    c.input()[0] = 99;
    c.baseline()[0] = 99;
    assertThat(c.input()[0]).isEqualTo(1.5f);
    assertThat(c.baseline()[0]).isEqualTo(0.25f);
  }

  @org.junit.jupiter.api.Test
  void softmaxProbabilitiesSumToOne() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    SplittableRandom g = new SplittableRandom(3);
    for (int k = 0; k < 20; k++) {
      double[] x = g.doubles(c.model().inputShape().size(), -3, 3).toArray();
      assertThat(Attributions.sum(c.model().evaluate(x))).isCloseTo(1.0, offset(1e-12));
    }
  }
}
