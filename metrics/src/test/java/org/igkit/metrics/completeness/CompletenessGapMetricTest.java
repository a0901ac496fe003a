package org.igkit.metrics.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;
import org.junit.jupiter.api.Test;

class CompletenessGapMetricTest {

  private static final Shape S = Shape.of(1, 1, 3);

  /** f(x) = 10, two baselines scored 2 and 4 with weights 0.5 each: expected sum 7. */
  private static MetricInput input(float... values) {
    var a = new Attribution(
        S, values, 0, 10, List.of("a", "b"), new double[] {2, 4}, new double[] {0.5, 0.5}, null, 0, 0, 0, Map.of());
    return new MetricInput(null, null, a, null, 1);
  }

  private static CompletenessGapMetric metric(String mode) {
    return new CompletenessGapMetric(new CompletenessGapMetric.Spec(mode));
  }

  @Test
  void relativeGapByDefault() {
    // Σ A = 6, expected 7: |6 − 7| / 7
    assertThat(metric(null).evaluate(input(1, 2, 3)).value()).isCloseTo(1.0 / 7, within(1e-12));
  }

  @Test
  void absoluteGapOnRequest() {
    assertThat(metric("absolute").evaluate(input(1, 2, 3)).value()).isCloseTo(1.0, within(1e-12));
    assertThat(metric("absolute").evaluate(input(3, 2, 2)).value()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void relativeGapDividesByAtLeastTheFloor() {
    // f(x) = 3 = 0.5·2 + 0.5·4: expected sum 0, Σ A = 0.5 → 0.5 / 1e-12
    var a = new Attribution(
        S, new float[] {0.25f, 0.25f, 0}, 0, 3, List.of("a", "b"), new double[] {2, 4}, new double[] {0.5, 0.5},
        null, 0, 0, 0, Map.of());
    assertThat(metric(null).evaluate(new MetricInput(null, null, a, null, 1)).value()).isCloseTo(0.5e12, within(1.0));
  }

  @Test
  void needsNoModelAndHasNoCurve() {
    var v = metric(null).evaluate(input(1, 2, 3));
    assertThat(v.curveX()).isEmpty();
    assertThat(metric(null).higherIsBetter()).isFalse();
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> metric(null).evaluate(input(1, Float.POSITIVE_INFINITY, 3)))
        .isInstanceOf(MetricException.class)
        .hasMessage("completeness-gap: the attribution has the non-finite value Infinity at index 1 (channel 0, pixel 1)");
    assertThatThrownBy(() -> metric(null).evaluate(input(1, 2)))
        .hasMessage("completeness-gap: the attribution has 2 values, expected 1×1×3 = 3");
    var nanWeights = new Attribution(
        S, new float[] {1, 2, 3}, 0, 10, List.of("a"), new double[] {2}, new double[] {Double.NaN}, null, 0, 0, 0, Map.of());
    assertThatThrownBy(() -> metric(null).evaluate(new MetricInput(null, null, nanWeights, null, 1)))
        .hasMessage("completeness-gap: the expected sum f(x) − Σ w_k f(x'_k) is NaN (input score 10.0, weights [NaN], "
            + "start scores [2.0])");
    assertThatThrownBy(() -> new CompletenessGapMetric.Spec("relatve"))
        .hasMessage("mode: must be one of [relative, absolute], was 'relatve', did you mean 'relative'?");
  }
}
