package org.igkit.metrics.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

/** Spread over re-attributions, on maps given by hand. */
class StabilityMetricTest {

  private static final Shape S = Shape.of(1, 1, 2);

  /** Draw d gives the map (d, 2d): draws 0, 1, 2 have per-feature variances 1 and 4. */
  private static Attribution draw(int d) {
    return TestInputs.attribution(S, 0, d, 2 * d);
  }

  private static double value(Integer draws, String measure, List<Integer> asked) {
    MetricInput in = new MetricInput(null, null, draw(0), null, 1).withReattribution(d -> {
      asked.add(d);
      return draw(d);
    });
    return new StabilityMetric(new StabilityMetric.Spec(draws, measure)).evaluate(in).value();
  }

  @Test
  void meanPerFeatureVariance() {
    List<Integer> asked = new ArrayList<>();
    // feature 0: 0, 1, 2 → variance 1; feature 1: 0, 2, 4 → 4; mean 2.5
    assertThat(value(3, null, asked)).isCloseTo(2.5, within(1e-15));
    assertThat(asked).containsExactly(1, 2);
  }

  /**
   * Draw d of a three-feature map, times {@code scale}: feature 0 is 1 + d (variance 5/3 over
   * d = 0…3, mean 2.5), feature 1 is 2 (variance 0), feature 2 is ±1 (variance 4/3, mean 0).
   */
  private static Attribution scaledDraw(double scale, int d) {
    return TestInputs.attribution(Shape.of(1, 1, 3), 0,
        (float) (scale * (1 + d)), (float) (scale * 2), (float) (scale * (d % 2 == 0 ? -1 : 1)));
  }

  private static double scaledValue(double scale, String measure) {
    MetricInput in = new MetricInput(null, null, scaledDraw(scale, 0), null, 1)
        .withReattribution(d -> scaledDraw(scale, d));
    return new StabilityMetric(new StabilityMetric.Spec(4, measure)).evaluate(in).value();
  }

  @Test
  void relativeSpreadIsFreeOfScale() {
    // √(5/3 + 0 + 4/3) / √(2.5² + 2² + 0²) = √(12/41) at every scale c ≠ 0 ...
    double relative = Math.sqrt(12.0 / 41);
    // ... while the mean variance (3 / 3 features = 1 at c = 1) grows as c²
    double variance = 1;
    for (double c : new double[] {1, 3, 0.1, 7.3, -2.5, 1e-3, 1e4}) {
      assertThat(scaledValue(c, "relative")).as("relative spread at scale %s", c)
          .isCloseTo(relative, within(1e-6 * relative));
      assertThat(scaledValue(c, "variance")).as("variance at scale %s", c)
          .isCloseTo(c * c * variance, within(1e-6 * c * c * variance));
    }
  }

  @Test
  void aDeterministicMethodScoresZero() {
    MetricInput in = new MetricInput(null, null, draw(1), null, 1).withReattribution(d -> draw(1));
    assertThat(new StabilityMetric(StabilityMetric.Spec.defaults()).evaluate(in).value()).isZero();
  }

  @Test
  void errors() {
    var m = new StabilityMetric(StabilityMetric.Spec.defaults());
    assertThatThrownBy(() -> m.evaluate(new MetricInput(null, null, draw(1), null, 1)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("stability: needs to re-run the attribution with fresh seeds, but the input carries no re-attribution");
    MetricInput wrongShape = new MetricInput(null, null, draw(1), null, 1)
        .withReattribution(d -> TestInputs.attribution(Shape.of(1, 2, 1), 0, 1, 2));
    assertThatThrownBy(() -> m.evaluate(wrongShape))
        .hasMessage("stability: the re-attribution of draw 1 has shape 1×2×1 and target 0, the scored attribution 1×1×2 and 0");
    assertThatThrownBy(() -> new StabilityMetric.Spec(1, null)).hasMessage("draws: must be ≥ 2, was 1");
    assertThat(StabilityMetric.Spec.defaults()).isEqualTo(new StabilityMetric.Spec(5, "variance"));
    assertThat(m.higherIsBetter()).isFalse();
  }
}
