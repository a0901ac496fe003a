package org.igkit.metrics.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.metrics.LinearTestModel;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.igkit.metrics.perturbation.TopKMaskingMetric.Kind;
import org.igkit.metrics.perturbation.TopKMaskingMetric.Spec;
import org.junit.jupiter.api.Test;

/**
 * Comprehensiveness, sufficiency and log-odds on p = σ(w·x) over ten elements (2 channels × 1 × 5),
 * x = 1: the masked images and their probabilities are computed here from the protocol, in double
 * precision, and a perfect map (A = w ⊙ x) must beat one that ranks the features backwards.
 */
class TopKMaskingMetricTest {

  private static final Shape SHAPE = Shape.of(2, 1, 5);
  // Positive weights in a scrambled order, so that the ranking and not the index decides.
  private static final float[] W = {0.6f, 1.8f, 0.05f, 0.9f, 0.2f, 1.5f, 0f, 1.2f, 0.1f, 0.3f};
  private static final float[] X = TestInputs.ones(10);
  private static final LinearTestModel MODEL = LinearTestModel.sigmoid(SHAPE, W);

  private static final float[] PERFECT = W.clone();
  private static final float[] BACKWARDS = new float[10];

  static {
    for (int i = 0; i < 10; i++) {
      BACKWARDS[i] = 1 / (W[i] + 0.01f);
    }
  }

  /** 0.1, 0.2, …, 0.5 of ten elements: k = 1…5. */
  private static final Spec TENTHS = new Spec(0.1, 0.5, 4, null, null, null, null);

  @Test
  void comprehensivenessMasksTheTopElementsToZero() {
    for (float[] map : new float[][] {PERFECT, BACKWARDS}) {
      MetricValue v = evaluate(Kind.COMPREHENSIVENESS, TENTHS, map, 4);
      double full = sigmoid(X);
      double[] expected = new double[5];
      for (int k = 1; k <= 5; k++) {
        expected[k - 1] = full - sigmoid(zeroed(X, topElements(map, k)));
      }
      assertThat(v.curveX()).containsExactly(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, within(1e-12));
      assertThat(v.curveY()).containsExactly(expected, within(1e-6));
      assertThat(v.value()).isCloseTo(trapezoid(0.1, expected), within(1e-6));
    }
    assertThat(evaluate(Kind.COMPREHENSIVENESS, TENTHS, PERFECT, 4).value())
        .isGreaterThan(evaluate(Kind.COMPREHENSIVENESS, TENTHS, BACKWARDS, 4).value() + 0.05);
  }

  @Test
  void sufficiencyKeepsOnlyTheTopElements() {
    for (float[] map : new float[][] {PERFECT, BACKWARDS}) {
      MetricValue v = evaluate(Kind.SUFFICIENCY, TENTHS, map, 3);
      double full = sigmoid(X);
      double[] expected = new double[5];
      for (int k = 1; k <= 5; k++) {
        boolean[] keep = topElements(map, k);
        boolean[] drop = new boolean[10];
        for (int i = 0; i < 10; i++) {
          drop[i] = !keep[i];
        }
        expected[k - 1] = full - sigmoid(zeroed(X, drop));
      }
      assertThat(v.curveY()).containsExactly(expected, within(1e-6));
      assertThat(v.value()).isCloseTo(trapezoid(0.1, expected), within(1e-6));
    }
    assertThat(evaluate(Kind.SUFFICIENCY, TENTHS, PERFECT, 3).value())
        .isLessThan(evaluate(Kind.SUFFICIENCY, TENTHS, BACKWARDS, 3).value() - 0.05);
  }

  @Test
  void logOddsIsTheLogRatioOfTheMaskedProbability() {
    for (float[] map : new float[][] {PERFECT, BACKWARDS}) {
      MetricValue v = evaluate(Kind.LOG_ODDS, TENTHS, map, 64);
      double[] expected = new double[5];
      for (int k = 1; k <= 5; k++) {
        expected[k - 1] = Math.log(sigmoid(zeroed(X, topElements(map, k)))) - Math.log(sigmoid(X));
      }
      assertThat(v.curveY()).containsExactly(expected, within(1e-5));
    }
    assertThat(evaluate(Kind.LOG_ODDS, TENTHS, PERFECT, 64).value())
        .isLessThan(evaluate(Kind.LOG_ODDS, TENTHS, BACKWARDS, 64).value() - 0.01);
  }

  @Test
  void positionLevelMasksEveryChannelOfTheTopPositions() {
    // Positions rank by Σ_c |A|: w of channel 0 plus channel 1 at the same position.
    Spec spec = new Spec(0.2, 0.6, 2, "position", null, null, null);
    MetricValue v = evaluate(Kind.COMPREHENSIVENESS, spec, PERFECT, 2);
    double[] position = new double[5];
    for (int p = 0; p < 5; p++) {
      position[p] = Math.abs(PERFECT[p]) + Math.abs(PERFECT[5 + p]);
    }
    Integer[] order = IntStream.range(0, 5).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer p) -> -position[p]));
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      boolean[] drop = new boolean[10];
      for (int r = 0; r <= i; r++) {
        drop[order[r]] = true;
        drop[5 + order[r]] = true;
      }
      expected[i] = sigmoid(X) - sigmoid(zeroed(X, drop));
    }
    assertThat(v.curveY()).containsExactly(expected, within(1e-6));
  }

  @Test
  void theBatchSizeDoesNotChangeTheNumbers() {
    for (Kind kind : Kind.values()) {
      assertThat(evaluate(kind, Spec.defaults(), PERFECT, 1).value())
          .as(kind.name()).isEqualTo(evaluate(kind, Spec.defaults(), PERFECT, 100).value());
    }
  }

  @Test
  void theDefaultsAreThePapersFractionsFloorOfTheCount() {
    TopKMaskingMetric m = new TopKMaskingMetric(Spec.defaults(), Kind.COMPREHENSIVENESS);
    double[] f = m.fractions();
    assertThat(f).hasSize(13);
    assertThat(f[0]).isEqualTo(0.05);
    assertThat(f[12]).isCloseTo(0.65, within(1e-15));
    assertThat(f[1]).isCloseTo(0.10, within(1e-15));
    // 13 fractions + x itself.
    LinearTestModel counted = LinearTestModel.sigmoid(SHAPE, W);
    new TopKMaskingMetric(Spec.defaults(), Kind.SUFFICIENCY)
        .evaluate(TestInputs.input(counted, X, TestInputs.attribution(SHAPE, 0, PERFECT), 100));
    assertThat(counted.batches()).containsExactly(14);
    assertThat(TopKMaskingMetric.floor(0.29 * 100)).isEqualTo(29);
    assertThat(TopKMaskingMetric.floor(0.05 * 10)).isZero();
    assertThat(m.higherIsBetter()).isTrue();
    assertThat(new TopKMaskingMetric(Spec.defaults(), Kind.SUFFICIENCY).higherIsBetter()).isFalse();
    assertThat(new TopKMaskingMetric(Spec.defaults(), Kind.LOG_ODDS).higherIsBetter()).isFalse();
  }

  @Test
  void badSettingsAndScoresAreNamed() {
    assertThatThrownBy(() -> new Spec(0.0, null, null, null, null, null, null))
        .hasMessage("from: must be in (0, 1), was 0.0");
    assertThatThrownBy(() -> new Spec(0.5, 0.4, null, null, null, null, null))
        .hasMessage("to: must be in (from = 0.5, 1), was 0.4");
    assertThatThrownBy(() -> new Spec(null, null, null, "pixel", null, null, null))
        .hasMessageContaining("level");
    float[] negative = new float[10];
    for (int i = 0; i < 10; i++) {
      negative[i] = -W[i];
    }
    LinearTestModel logits = LinearTestModel.linear(SHAPE, negative); // a logit of −6.65 at x
    assertThatThrownBy(() -> new TopKMaskingMetric(TENTHS, Kind.LOG_ODDS)
        .evaluate(TestInputs.input(logits, X, TestInputs.attribution(SHAPE, 0, PERFECT), 4)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("log-odds: needs positive probabilities, but the model scores -6.65")
        .hasMessageContaining("for the input");
  }

  // ---------------------------------------------------------------------------------------------

  private static MetricValue evaluate(Kind kind, Spec spec, float[] map, int batchSize) {
    return new TopKMaskingMetric(spec, kind)
        .evaluate(TestInputs.input(MODEL, X, TestInputs.attribution(SHAPE, 0, map), batchSize));
  }

  /** The k elements of largest |map| (values are distinct here). */
  private static boolean[] topElements(float[] map, int k) {
    Integer[] order = IntStream.range(0, map.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(map[i])));
    boolean[] top = new boolean[map.length];
    for (int r = 0; r < k; r++) {
      top[order[r]] = true;
    }
    return top;
  }

  private static float[] zeroed(float[] x, boolean[] drop) {
    float[] out = x.clone();
    for (int i = 0; i < out.length; i++) {
      if (drop[i]) {
        out[i] = 0;
      }
    }
    return out;
  }

  private static double sigmoid(float[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) W[i] * x[i];
    }
    return 1 / (1 + Math.exp(-s));
  }

  private static double trapezoid(double dx, double[] y) {
    double a = 0;
    for (int i = 0; i + 1 < y.length; i++) {
      a += dx * (y[i] + y[i + 1]) / 2;
    }
    return a;
  }
}
