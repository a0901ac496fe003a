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

class DeletionAucMetricTest {

  private static final Shape S22 = Shape.of(1, 2, 2);
  private static final double EPS = 1e-9;

  private static DeletionAucMetric metric(Integer steps, String ranking, String replacement) {
    return new DeletionAucMetric(new DeletionAucMetric.Spec(steps, ranking, replacement, null));
  }

  @Test
  void removesTopRankedPixelsAndIntegratesWithTrapezoids() {
    // f = 4x0 + 3x1 + 2x2 + x3 at x = 1; ranking by A = [1, 4, 2, 3] removes positions 1, 3, 2, 0.
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    MetricValue v = metric(4, null, null).evaluate(input(model, ones(4), attribution(S22, 10, 1, 4, 2, 3), 64));
    assertThat(v.curveX()).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
    assertThat(v.curveY()).containsExactly(10, 7, 6, 4, 0);
    // 0.25 · ((10+7)/2 + (7+6)/2 + (6+4)/2 + (4+0)/2) = 0.25 · 22
    assertThat(v.value()).isCloseTo(5.5, within(EPS));
  }

  @Test
  void defaultGridHas21PointsAndRepeatedCountsAddNothing() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    MetricValue v = metric(null, null, null).evaluate(input(model, ones(4), attribution(S22, 10, 4, 3, 2, 1), 64));
    assertThat(v.curveX()).hasSize(21);
    // k_i = round(i/20 · 4): i = 2 gives round(0.4) = 0, i = 3 gives round(0.6) = 1.
    assertThat(v.curveX()[2]).isEqualTo(0);
    assertThat(v.curveX()[3]).isEqualTo(0.25);
    assertThat(v.curveX()[20]).isEqualTo(1);
    // Same area as the 5-point grid: 0.25 · ((10+6)/2 + (6+3)/2 + (3+1)/2 + (1+0)/2) = 3.75.
    assertThat(v.value()).isCloseTo(3.75, within(EPS));
  }

  @Test
  void areaUsesTheActualFractionsNotTheNominalOnes() {
    // P = 3, steps = 2: p = 0, 0.5, 1 → k = 0, round(1.5) = 2, 3 → x = 0, 2/3, 1.
    Shape s = Shape.of(1, 1, 3);
    var model = LinearTestModel.linear(s, 1, 1, 1);
    MetricValue v = metric(2, null, null).evaluate(input(model, ones(3), attribution(s, 3, 3, 2, 1), 64));
    assertThat(v.curveX()).containsExactly(0, 2.0 / 3, 1.0);
    assertThat(v.curveY()).containsExactly(3, 1, 0);
    // (2/3)·(3+1)/2 + (1/3)·(1+0)/2 = 4/3 + 1/6; nominal fractions would give 1.25.
    assertThat(v.value()).isCloseTo(1.5, within(EPS));
  }

  @Test
  void tiesAreBrokenByLowerPositionIndex() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    MetricValue v = metric(4, null, null).evaluate(input(model, ones(4), attribution(S22, 10, 0, 0, 0, 0), 64));
    assertThat(v.curveY()).containsExactly(10, 6, 3, 1, 0);
    assertThat(v.value()).isCloseTo(3.75, within(EPS));
  }

  @Test
  void rankingIsSignedByDefaultAndAbsoluteOnRequest() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    var a = attribution(S22, 10, -5, 1, 0, 0);
    // signed: positions 1, 2, 3, 0 → 10, 7, 5, 4, 0
    MetricValue signed = metric(4, "signed", null).evaluate(input(model, ones(4), a, 64));
    assertThat(signed.curveY()).containsExactly(10, 7, 5, 4, 0);
    assertThat(signed.value()).isCloseTo(5.25, within(EPS));
    // absolute: positions 0, 1, 2, 3 → 10, 6, 3, 1, 0
    MetricValue absolute = metric(4, "absolute", null).evaluate(input(model, ones(4), a, 64));
    assertThat(absolute.value()).isCloseTo(3.75, within(EPS));
  }

  @Test
  void rankingSumsOverChannels() {
    // 2×1×2: channel sums are [1 + 0, −2 + 4] = [1, 2], so position 1 goes first.
    Shape s = Shape.of(2, 1, 2);
    var model = LinearTestModel.linear(s, 1, 10, 100, 1000);
    MetricValue v = metric(2, null, null).evaluate(input(model, ones(4), attribution(s, 1111, 1, -2, 0, 4), 64));
    assertThat(v.curveY()).containsExactly(1111, 101, 0);
  }

  @Test
  void channelMeanReplacement() {
    // x = [2, 4], fill = 3; removing position 1 then 0: 6, 5, 6.
    Shape s = Shape.of(1, 1, 2);
    var model = LinearTestModel.linear(s, 1, 1);
    float[] x = {2, 4};
    MetricValue v = metric(2, null, "channel-mean").evaluate(input(model, x, attribution(s, 6, 0, 1), 64));
    assertThat(v.curveY()).containsExactly(6, 5, 6);
    assertThat(v.value()).isCloseTo(5.5, within(EPS));
  }

  @Test
  void blurReplacementEndsAtTheBlurredImage() {
    Shape s = Shape.of(3, 6, 6);
    float[] x = TestInputs.uniform(1, s.size(), 0, 1);
    var model = LinearTestModel.linear(s, TestInputs.uniform(2, s.size(), -1, 1));
    var m = new DeletionAucMetric(new DeletionAucMetric.Spec(5, null, "blur", 2.0));
    MetricValue v = m.evaluate(input(model, x, attribution(s, 0, TestInputs.uniform(3, s.size(), -1, 1)), 64));
    float[] blurred = GaussianBlur.blur(x, s, 2.0, GaussianBlur.Padding.REFLECT);
    assertThat(v.curveY()[0]).isCloseTo((float) model.score(x), within(1e-6));
    assertThat(v.curveY()[5]).isCloseTo((float) model.score(blurred), within(1e-6));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 21})
  void batchingChangesNothingAndRespectsTheBatchSize(int batchSize) {
    Shape s = Shape.of(3, 8, 8);
    float[] x = TestInputs.uniform(11, s.size(), 0, 1);
    float[] w = TestInputs.uniform(12, s.size(), -0.2, 0.2);
    var a = attribution(s, 0, TestInputs.uniform(13, s.size(), -1, 1));
    var m = metric(null, null, "corner-mean");
    MetricValue reference = m.evaluate(input(LinearTestModel.sigmoid(s, w), x, a, 64));
    var model = LinearTestModel.sigmoid(s, w);
    MetricValue v = m.evaluate(input(model, x, a, batchSize));
    assertThat(v.value()).isEqualTo(reference.value());
    assertThat(v.curveY()).containsExactly(reference.curveY());
    assertThat(model.batches()).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(batchSize));
    assertThat(model.batches()).hasSize((21 + batchSize - 1) / batchSize);
  }

  @Test
  void lowerIsBetter() {
    assertThat(metric(null, null, null).higherIsBetter()).isFalse();
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(DeletionAucMetric.Spec.defaults())
        .isEqualTo(new DeletionAucMetric.Spec(20, "signed", "zero", 10.0));
    assertThatThrownBy(() -> new DeletionAucMetric.Spec(0, null, null, null))
        .hasMessage("steps: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new DeletionAucMetric.Spec(null, null, "corner-maen", null))
        .hasMessageContaining("replacement: must be one of [zero, corner-mean, blur, channel-mean]")
        .hasMessageContaining("did you mean 'corner-mean'?");
    assertThatThrownBy(() -> new DeletionAucMetric.Spec(null, "abs", null, null))
        .hasMessageContaining("ranking: must be one of [signed, absolute], was 'abs'");
    assertThatThrownBy(() -> new DeletionAucMetric.Spec(null, null, null, -1.0))
        .hasMessage("blurSigma: must be > 0 and at most 1000 pixels (the kernel is 8σ wide: a larger σ only costs time), was -1.0");
    assertThatThrownBy(() -> new DeletionAucMetric.Spec(null, null, null, 1e308))
        .hasMessageStartingWith("blurSigma: must be > 0 and at most 1000 pixels");
  }

  @Test
  void badInputsGetClearErrors() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1);
    var m = metric(4, null, null);
    assertThatThrownBy(() -> m.evaluate(input(model, ones(4), attribution(Shape.of(1, 1, 4), 1, 1, 1, 1, 1), 8)))
        .isInstanceOf(MetricException.class)
        .hasMessage("deletion-auc: the attribution's shape 1×1×4 differs from the model's input shape 1×2×2");
    assertThatThrownBy(() -> m.evaluate(input(model, ones(3), attribution(S22, 1, 1, 1, 1, 1), 8)))
        .hasMessage("deletion-auc: the input image has 3 values, expected 1×2×2 = 4");
    assertThatThrownBy(() -> m.evaluate(input(model, ones(4), attribution(S22, 1, 1, Float.NaN, 1, 1), 8)))
        .hasMessage("deletion-auc: the attribution has the non-finite value NaN at index 1 (channel 0, pixel 1)");
    assertThatThrownBy(() -> m.evaluate(input(model, ones(4), attribution(S22, 1, 1, 1, 1, 1), 0)))
        .hasMessage("deletion-auc: batchSize must be ≥ 1, was 0");
    assertThatThrownBy(() -> m.evaluate(input(null, ones(4), attribution(S22, 1, 1, 1, 1, 1), 8)))
        .hasMessage("deletion-auc: needs the model, but none was given");
  }

  @Test
  void nonFiniteModelScoresAreReportedNotAveraged() {
    var model = LinearTestModel.linear(S22, 4, 3, 2, 1).answering(Float.NaN);
    assertThatThrownBy(() -> metric(4, null, null).evaluate(input(model, ones(4), attribution(S22, 1, 1, 1, 1, 1), 8)))
        .isInstanceOf(MetricException.class)
        .hasMessage("deletion-auc: the model's score of class 0 is NaN with 0 positions perturbed (curve point 0)");
  }
}
