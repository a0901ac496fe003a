package org.igkit.metrics.localisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

class OverlapAucMetricTest {

  private static final Shape S44 = Shape.of(1, 4, 4);

  /** S = the top-left 2×2 block: positions 0, 1, 4, 5. */
  private static float[] topLeftMask() {
    float[] m = new float[16];
    m[0] = 1;
    m[1] = 1;
    m[4] = 1;
    m[5] = 1;
    return m;
  }

  private static MetricInput input(Shape shape, float[] map, float[] mask) {
    return new MetricInput(null, null, TestInputs.attribution(shape, 0, map), mask, 1);
  }

  private static OverlapAucMetric metric(Integer steps, String ranking) {
    return new OverlapAucMetric(new OverlapAucMetric.Spec(steps, ranking));
  }

  @Test
  void handComputedOverlap() {
    // Ranking: 0 (in S), 2 (out), 1 (in), 3 (out), then the rest.
    float[] map = new float[16];
    map[0] = 9;
    map[2] = 8;
    map[1] = 7;
    map[3] = 6;
    MetricValue v = metric(4, null).evaluate(input(S44, map, topLeftMask()));
    // t = 1, 2, 3, 4: hits 1, 1, 2, 2 → 1, 1/2, 2/3, 1/2
    assertThat(v.curveX()).containsExactly(0.25, 0.5, 0.75, 1.0);
    assertThat(v.curveY()).containsExactly(1, 0.5, 2.0 / 3, 0.5);
    assertThat(v.value()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void perfectMapScoresOneAtEveryProportion() {
    float[] map = new float[16];
    for (int p : new int[] {0, 1, 4, 5}) {
      map[p] = 1;
    }
    // default N = 100: t = max(1, round(p·4)) is 1 for small p, never 0
    MetricValue v = metric(null, null).evaluate(input(S44, map, topLeftMask()));
    assertThat(v.curveY()).hasSize(100).containsOnly(1.0);
    assertThat(v.value()).isEqualTo(1.0);
  }

  @Test
  void denominatorIsTheSizeOfTheTopSet() {
    // |S| = 3, N = 2: p = 0.5 → t = round(1.5) = 2; p = 1 → t = 3. All top pixels are in S → 1.
    float[] mask = new float[16];
    mask[0] = 1;
    mask[1] = 1;
    mask[2] = 1;
    float[] map = new float[16];
    map[0] = 3;
    map[1] = 2;
    map[2] = 1;
    assertThat(metric(2, null).evaluate(input(S44, map, mask)).value()).isEqualTo(1.0);
  }

  @Test
  void channelsAreSummedAndAbsoluteRankingIsAnOption() {
    // 2×1×4: channel sums [0, −5, 1, 0]; S = {1}.
    Shape s = Shape.of(2, 1, 4);
    float[] map = {1, -2, 0, 0, -1, -3, 1, 0};
    float[] mask = {0, 1, 0, 0};
    // signed: 2, 0, 3, 1 → top-1 = {2} misses
    assertThat(metric(1, "signed").evaluate(input(s, map, mask)).value()).isEqualTo(0.0);
    // absolute: 1 first → hit
    assertThat(metric(1, "absolute").evaluate(input(s, map, mask)).value()).isEqualTo(1.0);
  }

  @Test
  void maskValuesAboveOneHalfAreInside() {
    float[] mask = new float[16];
    mask[0] = 0.5f; // outside
    mask[1] = 0.51f; // inside
    float[] map = new float[16];
    map[0] = 2;
    map[1] = 1;
    assertThat(metric(1, null).evaluate(input(S44, map, mask)).value()).isEqualTo(0.0);
  }

  @Test
  void errors() {
    var m = metric(null, null);
    assertThatThrownBy(() -> m.evaluate(input(S44, new float[16], null)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("overlap-auc: needs a ground-truth H×W object mask, but the input has none");
    assertThatThrownBy(() -> m.evaluate(input(S44, new float[16], new float[15])))
        .hasMessage("overlap-auc: the mask has 15 values, expected H×W = 4×4 = 16");
    assertThatThrownBy(() -> m.evaluate(input(S44, new float[16], new float[16])))
        .hasMessage("overlap-auc: the mask is empty (no value > 0.5), so overlap is undefined");
    assertThatThrownBy(() -> new OverlapAucMetric.Spec(0, null)).hasMessage("steps: must be ≥ 1, was 0");
    assertThat(m.higherIsBetter()).isTrue();
  }
}
