package org.igkit.metrics.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.igkit.metrics.TestInputs.attribution;
import static org.igkit.metrics.TestInputs.input;
import static org.igkit.metrics.TestInputs.ones;

import org.igkit.api.image.GaussianBlur;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.metrics.LinearTestModel;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsertionAucMetricTest {

  private static final Shape S22 = Shape.of(1, 2, 2);
  private static final double EPS = 1e-9;

  private static InsertionAucMetric metric(Integer steps, String start, Boolean ratio) {
    return new InsertionAucMetric(new InsertionAucMetric.Spec(steps, null, start, null, ratio));
  }

  @Test
  void insertsTopRankedPixelsIntoABlackImage() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    MetricValue v = metric(4, null, null).evaluate(input(model, ones(4), attribution(S22, 10, 4, 3, 2, 1), 64));
    assertThat(v.curveX()).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
    assertThat(v.curveY()).containsExactly(0, 4, 7, 9, 10);
    // 0.25 · ((0+4)/2 + (4+7)/2 + (7+9)/2 + (9+10)/2) = 0.25 · 25
    assertThat(v.value()).isCloseTo(6.25, within(EPS));
  }

  @Test
  void ratioDividesByTheInputScore() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    MetricValue v = metric(4, null, true).evaluate(input(model, ones(4), attribution(S22, 10, 4, 3, 2, 1), 64));
    assertThat(v.curveY()).containsExactly(0, 0.4, 0.7, 0.9, 1.0);
    assertThat(v.value()).isCloseTo(0.625, within(EPS));
  }

  @Test
  void ratioOfAZeroInputScoreIsAnError() {
    var model = LinearTestModel.linear(S22, 1, -1, 0, 0);
    assertThatThrownBy(() -> metric(4, null, true).evaluate(input(model, ones(4), attribution(S22, 0, 1, 1, 1, 1), 64)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("insertion-auc: ratio: true divides by f_c(x), but the model scores the input 0");
  }

  @Test
  void blurStartBeginsAtTheBlurredImage() {
    Shape s = Shape.of(3, 6, 6);
    float[] x = TestInputs.uniform(1, s.size(), 0, 1);
    var model = LinearTestModel.linear(s, TestInputs.uniform(2, s.size(), -1, 1));
    var m = new InsertionAucMetric(new InsertionAucMetric.Spec(3, null, "blur", 1.5, null));
    MetricValue v = m.evaluate(input(model, x, attribution(s, 0, TestInputs.uniform(3, s.size(), -1, 1)), 64));
    float[] blurred = GaussianBlur.blur(x, s, 1.5, GaussianBlur.Padding.REFLECT);
    assertThat(v.curveY()[0]).isCloseTo((float) model.score(blurred), within(1e-6));
    assertThat(v.curveY()[3]).isCloseTo((float) model.score(x), within(1e-6));
  }

  @Test
  void insertionAndDeletionWithZeroFillAddUpOnALinearModel() {
    // For f linear with f(0) = 0, deleting top-k and inserting top-k are complementary:
    // del(k) + ins(k) = f(x), so the two areas add up to f(x).
    Shape s = Shape.of(2, 3, 3);
    float[] x = TestInputs.uniform(5, s.size(), 0, 1);
    var model = LinearTestModel.linear(s, TestInputs.uniform(6, s.size(), -1, 1));
    var a = attribution(s, 0, TestInputs.uniform(7, s.size(), -1, 1));
    double ins = metric(null, null, null).evaluate(input(model, x, a, 64)).value();
    double del = new DeletionAucMetric(DeletionAucMetric.Spec.defaults()).evaluate(input(model, x, a, 64)).value();
    assertThat(ins + del).isCloseTo(model.score(x), within(1e-5));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 64})
  void batchingChangesNothing(int batchSize) {
    Shape s = Shape.of(3, 8, 8);
    float[] x = TestInputs.uniform(21, s.size(), 0, 1);
    float[] w = TestInputs.uniform(22, s.size(), -0.2, 0.2);
    var a = attribution(s, 0, TestInputs.uniform(23, s.size(), -1, 1));
    var m = metric(null, "blur", true);
    MetricValue one = m.evaluate(input(LinearTestModel.sigmoid(s, w), x, a, 1));
    var model = LinearTestModel.sigmoid(s, w);
    MetricValue v = m.evaluate(input(model, x, a, batchSize));
    assertThat(v.value()).isEqualTo(one.value());
    assertThat(v.curveY()).containsExactly(one.curveY());
    assertThat(model.batches()).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(batchSize));
  }

  @Test
  void higherIsBetterAndDefaults() {
    assertThat(metric(null, null, null).higherIsBetter()).isTrue();
    assertThat(InsertionAucMetric.Spec.defaults()).isEqualTo(new InsertionAucMetric.Spec(20, "signed", "zero", 10.0, false));
    assertThatThrownBy(() -> new InsertionAucMetric.Spec(null, null, "black", null, null))
        .hasMessageContaining("start: must be one of [zero, corner-mean, blur, channel-mean], was 'black'");
  }
}
