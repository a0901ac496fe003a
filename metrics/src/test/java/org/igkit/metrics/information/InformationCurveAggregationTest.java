package org.igkit.metrics.information;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.MetricValue;
import org.junit.jupiter.api.Test;

/**
 * The data-set stage of SIC and AIC on hand-made per-sample curves with B = 4 bins (centres
 * 0.125, 0.375, 0.625, 0.875), worked out by hand.
 */
class InformationCurveAggregationTest {

  private static final double EPS = 1e-15;

  private static SicMetric sic() {
    return new SicMetric(new SicMetric.Spec(null, null, null, null, null, 4, null, null, null));
  }

  private static AicMetric aic() {
    return new AicMetric(new SicMetric.Spec(null, null, null, null, null, 4, null, null, null));
  }

  /** (0,0), (0.5,1), (1,1): at the centres 0.25, 0.75, 1, 1. */
  private static final MetricValue A = new MetricValue(0.75, new double[] {0, 0.5, 1}, new double[] {0, 1, 1});
  /** (0,0.5), (1,1): 0.5625, 0.6875, 0.8125, 0.9375. */
  private static final MetricValue B = new MetricValue(0.75, new double[] {0, 1}, new double[] {0.5, 1});
  /**
   * Threshold order (0,0), (0.75,0), (0.25,1), (1,1) — sorted by level (0,0), (0.25,1), (0.75,0),
   * (1,1): 0.5, 0.75, 0.25, 0.5.
   */
  private static final MetricValue C =
      new MetricValue(0.5, new double[] {0, 0.75, 0.25, 1}, new double[] {0, 0, 1, 1});

  @Test
  void sicIsTheAreaUnderTheMedianCurve() {
    // medians per bin: {0.25, 0.5625, 0.5} → 0.5, {0.75, 0.6875, 0.75} → 0.75,
    // {1, 0.8125, 0.25} → 0.8125, {1, 0.9375, 0.5} → 0.9375; mean = 3/4
    DatasetValue v = sic().aggregate(List.of(pad(A), pad(B), C));
    assertThat(v.n()).isEqualTo(3);
    assertThat(v.curveX()).containsExactly(0.125, 0.375, 0.625, 0.875);
    assertThat(v.curveY()).containsExactly(0.5, 0.75, 0.8125, 0.9375);
    assertThat(v.value()).isEqualTo(0.75);
  }

  @Test
  void aicIsTheAreaUnderTheMeanCurve() {
    // means per bin: 1.3125/3, 2.1875/3, 2.0625/3, 2.4375/3; mean = 8/12
    DatasetValue v = aic().aggregate(List.of(pad(A), pad(B), C));
    assertThat(v.curveY()[0]).isCloseTo(1.3125 / 3, within(EPS));
    assertThat(v.curveY()[1]).isCloseTo(2.1875 / 3, within(EPS));
    assertThat(v.curveY()[2]).isCloseTo(2.0625 / 3, within(EPS));
    assertThat(v.curveY()[3]).isCloseTo(2.4375 / 3, within(EPS));
    assertThat(v.value()).isCloseTo(2.0 / 3, within(EPS));
  }

  @Test
  void anEvenNumberOfSamplesTakesTheMeanOfTheMiddleTwo() {
    MetricValue one = new MetricValue(1, new double[] {0, 1, 1, 1}, new double[] {1, 1, 1, 1});
    // bin 0: {0.25, 0.5625, 0.5, 1} → (0.5 + 0.5625)/2
    DatasetValue v = sic().aggregate(List.of(pad(A), pad(B), C, one));
    assertThat(v.curveY()[0]).isEqualTo(0.53125);
    assertThat(v.n()).isEqualTo(4);
  }

  @Test
  void unscoredSamplesAreLeftOutAndOrderDoesNotMatter() {
    List<MetricValue> values = new ArrayList<>(List.of(pad(A), MetricValue.of(Double.NaN), pad(B), C));
    DatasetValue v = sic().aggregate(values);
    assertThat(v.n()).isEqualTo(3);
    assertThat(v.value()).isEqualTo(0.75);
    Collections.reverse(values);
    assertThat(sic().aggregate(values).curveY()).containsExactly(v.curveY());
    DatasetValue none = aic().aggregate(List.of(MetricValue.of(Double.NaN)));
    assertThat(none.n()).isZero();
    assertThat(none.value()).isNaN();
  }

  @Test
  void curvesOfDifferentLengthsOrWithoutPointsAreRejected() {
    assertThatThrownBy(() -> sic().aggregate(List.of(A, B)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sic: per-sample curves differ in length (3 and 2 points)");
    assertThatThrownBy(() -> sic().aggregate(List.of(MetricValue.of(0.5))))
        .hasMessage("sic: a per-sample value has no curve to aggregate");
  }

  /** Pads a curve to 4 points by repeating its last point (which changes nothing). */
  private static MetricValue pad(MetricValue v) {
    double[] x = java.util.Arrays.copyOf(v.curveX(), 4);
    double[] y = java.util.Arrays.copyOf(v.curveY(), 4);
    for (int i = v.curveX().length; i < 4; i++) {
      x[i] = x[i - 1];
      y[i] = y[i - 1];
    }
    return new MetricValue(v.value(), x, y);
  }
}
