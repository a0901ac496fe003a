package org.igkit.metrics.information;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.igkit.metrics.TestInputs.attribution;
import static org.igkit.metrics.TestInputs.input;

import java.util.Arrays;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.image.RankedComposite;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.metrics.LinearTestModel;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIC and AIC per sample. The model is σ(w·x) for class 0 and 1 − σ(w·x) for class 1, with
 * w = x − mean(x) − 0.05: then w·x &gt; 0 (class 0 on the input) while w·blur(x) &lt; 0 (class 1 on
 * the blurred base).
 */
class SicAicMetricTest {

  private static final Shape S = Shape.of(1, 12, 12);
  private static final float[] X = TestInputs.uniform(31, S.size(), 0, 1);
  private static final float[] W = weights(X);
  private static final float[] A = TestInputs.uniform(32, S.size(), -1, 1);

  private static float[] weights(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    float[] w = new float[x.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (x[i] - mean - 0.05);
    }
    return w;
  }

  private static SicMetric.Spec spec(Integer thresholds, String information) {
    return new SicMetric.Spec(thresholds, 20.0, information, null, null, null, null, null, null);
  }

  private static MetricValue sic(SicMetric.Spec spec, int batchSize) {
    var model = LinearTestModel.sigmoid(S, W);
    return new SicMetric(spec).evaluate(input(model, X, attribution(S, model.score(X), A), batchSize));
  }

  private static MetricValue aic(SicMetric.Spec spec, int batchSize) {
    var model = LinearTestModel.sigmoid(S, W);
    return new AicMetric(spec).evaluate(input(model, X, attribution(S, model.score(X), A), batchSize));
  }

  @Test
  void theModelSeesClassZeroOnTheInputAndClassOneOnTheBase() {
    var model = LinearTestModel.sigmoid(S, W);
    float[] base = GaussianBlur.blur(X, S, 20, GaussianBlur.Padding.REFLECT);
    assertThat(model.score(X)).isGreaterThan(0.5);
    assertThat(model.score(base)).isLessThan(0.5);
  }

  @Test
  void twoThresholdsGiveTheBaseAndTheInputAtLevelsZeroAndOne() {
    // Levels 0 and 1 exactly; the curve is the line from (0, y0) to (1, 1), whose mean at the
    // symmetric bin centres is (y0 + 1)/2.
    var model = LinearTestModel.sigmoid(S, W);
    float[] base = GaussianBlur.blur(X, S, 20, GaussianBlur.Padding.REFLECT);
    double y0 = (double) (float) model.score(base) / (float) model.score(X);
    MetricValue s = sic(spec(2, null), 8);
    assertThat(s.curveX()).containsExactly(0, 1);
    assertThat(s.curveY()).containsExactly(y0, 1);
    assertThat(s.value()).isCloseTo((y0 + 1) / 2, within(1e-12));
    // AIC: class 1 on the base, class 0 (the target) on the input: (0, 0) → (1, 1), mean 1/2
    MetricValue a = aic(spec(2, null), 8);
    assertThat(a.curveY()).containsExactly(0, 1);
    assertThat(a.value()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void twentyFiveBokehImagesFromTheBlurredBaseToTheInput() {
    var model = LinearTestModel.sigmoid(S, W);
    MetricValue v = sic(SicMetric.Spec.defaults(), 64);
    assertThat(v.curveX()).hasSize(25);
    assertThat(v.curveX()[0]).isEqualTo(0);
    assertThat(v.curveX()[24]).isEqualTo(1);
    for (double l : v.curveX()) {
      assertThat(l).isBetween(0.0, 1.0);
    }
    // y_j = f_0(bokeh_j) / f_0(x): top round(j/24 · 144) positions by Σ|A| restored from x
    float[] base = GaussianBlur.blur(X, S, 20, GaussianBlur.Padding.REFLECT);
    int[] order = MapKernels.rankDescending(MapKernels.spatialSum(toDouble(A), 1, S.pixels(), true));
    float fx = (float) model.score(X);
    for (int j = 0; j < 25; j++) {
      int k = (int) Math.round(j / 24.0 * 144);
      float[] bokeh = RankedComposite.compose(base, X, S, order, k);
      assertThat(v.curveY()[j]).as("y_%d", j).isEqualTo((double) (float) model.score(bokeh) / fx);
      // the level is XRAI's normalised PNG size
      long sb = Codec.PNG.size(Codec.quantise(base, S, 0, 1), S);
      long sx = Codec.PNG.size(Codec.quantise(X, S, 0, 1), S);
      long sj = Codec.PNG.size(Codec.quantise(bokeh, S, 0, 1), S);
      assertThat(v.curveX()[j]).isEqualTo(Math.min(1, Math.max(0, (double) (sj - sb) / (sx - sb))));
    }
    MetricValue a = aic(SicMetric.Spec.defaults(), 64);
    assertThat(a.curveX()).containsExactly(v.curveX());
    for (int j = 0; j < 25; j++) {
      // class 0 is predicted exactly where σ(w·bokeh) ≥ 1/2, i.e. where y_j · f(x) ≥ 1/2
      assertThat(a.curveY()[j]).isEqualTo(v.curveY()[j] * fx >= 0.5 ? 1.0 : 0.0);
    }
  }

  @Test
  void monotoneTakesTheRunningMaximum() {
    MetricValue plain = sic(spec(null, null), 64);
    MetricValue mono = sic(new SicMetric.Spec(null, 20.0, null, null, null, null, true, null, null), 64);
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < 25; j++) {
      max = Math.max(max, plain.curveY()[j]);
      assertThat(mono.curveY()[j]).isEqualTo(max);
    }
  }

  @Test
  void msSsimLevelsEndAtOne() {
    MetricValue v = sic(spec(null, "ms-ssim"), 64);
    assertThat(v.curveX()[24]).isEqualTo(1.0);
    assertThat(v.curveX()[0]).isBetween(0.0, 1.0);
    float[] base = GaussianBlur.blur(X, S, 20, GaussianBlur.Padding.REFLECT);
    assertThat(v.curveX()[0]).isEqualTo(Math.max(0, MsSsim.of(base, X, S, 0, 1)));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 25})
  void batchedAndOneAtATimeGiveIdenticalNumbers(int batchSize) {
    for (String information : new String[] {"compression", "ms-ssim"}) {
      SicMetric.Spec spec = spec(null, information);
      MetricValue one = sic(spec, 1);
      MetricValue batched = sic(spec, batchSize);
      assertThat(batched.value()).isEqualTo(one.value());
      assertThat(batched.curveX()).containsExactly(one.curveX());
      assertThat(batched.curveY()).containsExactly(one.curveY());
      assertThat(aic(spec, batchSize).curveY()).containsExactly(aic(spec, 1).curveY());
    }
    var model = LinearTestModel.sigmoid(S, W);
    new SicMetric(SicMetric.Spec.defaults()).evaluate(input(model, X, attribution(S, 0, A), batchSize));
    assertThat(model.batches()).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(batchSize));
    assertThat(model.batches().stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
  }

  @Test
  void anImageThatCompressesNoSmallerThanItsBlurIsNotScored() {
    float[] flat = new float[S.size()];
    Arrays.fill(flat, 0.5f);
    var model = LinearTestModel.sigmoid(S, W);
    MetricValue v = new SicMetric(SicMetric.Spec.defaults()).evaluate(input(model, flat, attribution(S, 0, A), 8));
    assertThat(v.value()).isNaN();
    assertThat(v.curveX()).isEmpty();
    assertThat(model.batches()).isEmpty();
  }

  @Test
  void errors() {
    var logits = LinearTestModel.linear(S, W);
    float[] negative = W.clone();
    for (int i = 0; i < negative.length; i++) {
      negative[i] = -negative[i];
    }
    // f_0(x) = w·x < 0 for the negated weights: the ratio is undefined
    var model = LinearTestModel.linear(S, negative);
    assertThatThrownBy(() -> new SicMetric(SicMetric.Spec.defaults()).evaluate(input(model, X, attribution(S, 0, A), 8)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("sic: divides by f_c(x), but the model scores the input -");
    assertThat(new AicMetric(SicMetric.Spec.defaults()).evaluate(input(logits, X, attribution(S, 0, A), 8)).value()).isFinite();
    Shape small = Shape.of(1, 8, 8);
    var smallModel = LinearTestModel.sigmoid(small, TestInputs.uniform(1, 64, -1, 1));
    assertThatThrownBy(() -> new SicMetric(spec(null, "ms-ssim")).evaluate(
        input(smallModel, TestInputs.uniform(2, 64, 0, 1), attribution(small, 0, TestInputs.uniform(3, 64, -1, 1)), 8)))
        .hasMessage("sic: information: ms-ssim needs images of at least 11×11 pixels, these are 8×8; use information: compression");
    var nan = LinearTestModel.sigmoid(S, W).answering(Float.NaN);
    assertThatThrownBy(() -> new AicMetric(SicMetric.Spec.defaults()).evaluate(input(nan, X, attribution(S, 0, A), 8)))
        .hasMessage("aic: the model's output of class 0 is NaN on bokeh image 0 (0 of 144 pixels restored)");
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(SicMetric.Spec.defaults())
        .isEqualTo(new SicMetric.Spec(25, 20.0, "compression", "png", "absolute", 100, false, 0.0, 1.0));
    assertThatThrownBy(() -> new SicMetric.Spec(1, null, null, null, null, null, null, null, null))
        .hasMessage("thresholds: must be ≥ 2, was 1");
    assertThatThrownBy(() -> new SicMetric.Spec(null, null, "msssim", null, null, null, null, null, null))
        .hasMessageContaining("information: must be one of [compression, ms-ssim], was 'msssim', did you mean 'ms-ssim'?");
    assertThatThrownBy(() -> new SicMetric.Spec(null, null, null, "webp", null, null, null, null, null))
        .hasMessageContaining("codec: must be one of [png, deflate], was 'webp'");
    assertThatThrownBy(() -> new SicMetric.Spec(null, null, null, null, null, null, null, 1.0, 1.0))
        .hasMessage("valueMax: must be finite and > valueMin, was valueMin = 1.0, valueMax = 1.0");
    assertThat(new SicMetric(SicMetric.Spec.defaults()).higherIsBetter()).isTrue();
    assertThat(new AicMetric(SicMetric.Spec.defaults()).higherIsBetter()).isTrue();
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
