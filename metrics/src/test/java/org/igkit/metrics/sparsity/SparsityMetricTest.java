package org.igkit.metrics.sparsity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Shape;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

/** The Gini index of hand-made maps. */
class SparsityMetricTest {

  private static double gini(String level, Shape s, float... map) {
    return new SparsityMetric(new SparsityMetric.Spec(level))
        .evaluate(new MetricInput(null, null, TestInputs.attribution(s, 0, map), null, 1)).value();
  }

  @Test
  void handComputedValues() {
    Shape s = Shape.of(1, 2, 2);
    // sorted 1, 2, 3, 4 over ‖v‖ = 10: 1 − 2·(1·3.5 + 2·2.5 + 3·1.5 + 4·0.5)/(10·4) = 1 − 2·15/40
    assertThat(gini(null, s, 3, -1, 4, 2)).isCloseTo(0.25, within(1e-15));
    // one feature holds everything: 1 − 1/n
    assertThat(gini(null, s, 0, 0, -7, 0)).isCloseTo(0.75, within(1e-15));
    // equal magnitudes: 0
    assertThat(gini(null, s, 2, -2, 2, -2)).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void pixelLevelSumsMagnitudesOverChannels() {
    // 2×1×2: Σ_c |A| = 1 + 3, 0 + 0 → (4, 0): G = 1 − 1/2; per feature (1, 0, 3, 0): 1 − 2(1·1.5 + 3·0.5)/(4·4)
    Shape s = Shape.of(2, 1, 2);
    assertThat(gini("pixel", s, 1, 0, -3, 0)).isCloseTo(0.5, within(1e-15));
    assertThat(gini("feature", s, 1, 0, -3, 0)).isCloseTo(1 - 2 * 3.0 / 16, within(1e-15));
  }

  @Test
  void anAllZeroMapHasNoIndex() {
    assertThat(gini(null, Shape.of(1, 1, 3), 0, 0, 0)).isNaN();
  }

  @Test
  void specAndDirection() {
    assertThat(SparsityMetric.Spec.defaults()).isEqualTo(new SparsityMetric.Spec("feature"));
    assertThatThrownBy(() -> new SparsityMetric.Spec("pixels"))
        .hasMessageContaining("level: must be one of [feature, pixel], was 'pixels', did you mean 'pixel'?");
    assertThat(new SparsityMetric(SparsityMetric.Spec.defaults()).higherIsBetter()).isTrue();
  }
}
