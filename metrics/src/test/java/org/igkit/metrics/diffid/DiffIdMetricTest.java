package org.igkit.metrics.diffid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.RecordingModel;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

class DiffIdMetricTest {

  private static final Shape S = Shape.of(1, 2, 2);
  private static final float[] X = {0.2f, 0.4f, 0.6f, 0.8f};
  private static final double[] W = {0.5, 3, 1, 0.5};
  /** |A| = 0.5, 3, 1, 0.5: order 1, 2, 0, 3 (the tie 0/3 by lower index). */
  private static final float[] A = {0.5f, -3f, 1f, 0.5f};

  /** Class 0 scores W·x, class 1 the constant 1.5. */
  private static RecordingModel weighted() {
    return new RecordingModel(S, 2, p -> new double[] {dot(W, p), 1.5});
  }

  private static double dot(double[] w, float[] p) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += w[i] * p[i];
    }
    return s;
  }

  private static Attribution attribution(Shape s, int target, float... values) {
    return new Attribution(s, values, target, 0, List.of("black"), new double[] {0}, new double[] {1}, null, 0, 0, 0,
        Map.of());
  }

  private static MetricValue run(DiffIdMetric.Measure m, DiffIdMetric.Spec spec, RecordingModel model, float[] x,
      Attribution a, int batch) {
    return new DiffIdMetric(spec, m).evaluate(new MetricInput(model, x, a, null, batch));
  }

  private static DiffIdMetric.Spec spec(List<Double> ratios, String fill, String score) {
    return new DiffIdMetric.Spec(ratios, fill, score, null, null, null);
  }

  @Test
  void zeroFillBinaryAndSoftScoresMatchTheHandComputedCase() {
    // k = int(4r) = 1, 2, 3. keep replaces the last k of the order 1,2,0,3; del the first k.
    // keep images: [.2,.4,.6,0] [0,.4,.6,0] [0,.4,0,0] → W·x = 1.9, 1.8, 1.2
    // del images:  [.2,0,.6,.8] [.2,0,0,.8] [0,0,0,.8] → W·x = 1.1, 0.5, 0.4; W·x at x = 2.3
    List<Double> r = List.of(0.25, 0.5, 0.75);
    RecordingModel model = weighted();
    MetricValue binary = run(DiffIdMetric.Measure.DIFF, spec(r, "zero", null), model, X, attribution(S, 0, A), 64);
    // class 0 wins when W·x > 1.5: keep 1,1,0; del 0,0,0
    assertThat(binary.value()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(binary.curveX()).containsExactly(0.25, 0.5, 0.75);
    assertThat(binary.curveY()).containsExactly(1, 1, 0);
    assertThat(model.images()).hasSize(6);
    assertThat(model.images().get(0)).containsExactly(0.2f, 0.4f, 0.6f, 0f);
    assertThat(model.images().get(1)).containsExactly(0.2f, 0f, 0.6f, 0.8f);
    assertThat(model.images().get(2)).containsExactly(0f, 0.4f, 0.6f, 0f);
    assertThat(model.images().get(3)).containsExactly(0.2f, 0f, 0f, 0.8f);
    assertThat(model.images().get(4)).containsExactly(0f, 0.4f, 0f, 0f);
    assertThat(model.images().get(5)).containsExactly(0f, 0f, 0f, 0.8f);
    assertThat(run(DiffIdMetric.Measure.KEEP, spec(r, "zero", null), weighted(), X, attribution(S, 0, A), 64).value())
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(run(DiffIdMetric.Measure.DEL, spec(r, "zero", null), weighted(), X, attribution(S, 0, A), 64).value())
        .isEqualTo(0);

    double fx = 2.3 + 1e-8;
    MetricValue soft = run(DiffIdMetric.Measure.DIFF, spec(r, "zero", "soft"), weighted(), X, attribution(S, 0, A), 64);
    assertThat(soft.curveY()[0]).isCloseTo((1.9 - 1.1) / fx, within(1e-6));
    assertThat(soft.curveY()[1]).isCloseTo((1.8 - 0.5) / fx, within(1e-6));
    assertThat(soft.curveY()[2]).isCloseTo((1.2 - 0.4) / fx, within(1e-6));
    assertThat(soft.value()).isCloseTo((0.8 + 1.3 + 0.8) / 3 / fx, within(1e-6));
    MetricValue softDel = run(DiffIdMetric.Measure.DEL, spec(r, "zero", "soft"), weighted(), X, attribution(S, 0, A), 64);
    assertThat(softDel.curveY()).containsExactly(new double[] {1.1 / fx, 0.5 / fx, 0.4 / fx}, within(1e-6));
  }

  @Test
  void softScoreIsClampedToZeroAndOne() {
    // class 0 = 3 − 2·Σx: removing elements raises it above f(x) (clamped to 1); class 1 = 0.
    Shape s = Shape.of(1, 1, 2);
    RecordingModel up = new RecordingModel(s, 2, p -> new double[] {3 - 2 * (p[0] + p[1]), 0});
    MetricValue v = run(DiffIdMetric.Measure.KEEP, spec(List.of(0.5), "zero", "soft"), up, new float[] {0.5f, 0.5f},
        attribution(s, 0, 1f, 2f), 8);
    assertThat(v.curveY()).containsExactly(1.0); // 2/(1 + 1e-8) clamped
    RecordingModel negative = new RecordingModel(s, 2, p -> new double[] {p[0] + p[1] - 0.8, 0});
    MetricValue w = run(DiffIdMetric.Measure.DEL, spec(List.of(0.5), "zero", "soft"), negative,
        new float[] {0.5f, 0.5f}, attribution(s, 0, 1f, 2f), 8);
    assertThat(w.curveY()).containsExactly(0.0); // (0.5 − 0.8)/0.2 clamped
  }

  @Test
  void meanFillIsOneScalarOverTheKeptElements() {
    RecordingModel model = weighted();
    run(DiffIdMetric.Measure.DIFF, spec(List.of(0.5), "mean", null), model, X, attribution(S, 0, A), 64);
    // keep replaces 0 and 3 (kept: 1, 2); del replaces 1 and 2 (kept: 0, 3)
    float keepFill = (float) (((double) 0.4f + 0.6f) / (2 + 1e-8));
    float delFill = (float) (((double) 0.2f + 0.8f) / (2 + 1e-8));
    assertThat(model.images().get(0)).containsExactly(keepFill, 0.4f, 0.6f, keepFill);
    assertThat(model.images().get(1)).containsExactly(0.2f, delFill, delFill, 0.8f);
  }

  @Test
  void meanAndZeroFillsAreComputedInTheGivenNormalisationAndMappedBack() {
    // C = 2, 1×2; μ = (0.5, 0.4), σ = (0.5, 0.2); normalised x = (−0.6, −0.2 | 1.0, 2.0)
    Shape s = Shape.of(2, 1, 2);
    float[] x = {0.2f, 0.4f, 0.6f, 0.8f};
    Attribution a = attribution(s, 0, 4f, 3f, 2f, 1f); // order 0, 1, 2, 3
    List<Double> mu = List.of(0.5, 0.4);
    List<Double> sd = List.of(0.5, 0.2);
    RecordingModel model = new RecordingModel(s, 2, p -> new double[] {1, 0});
    new DiffIdMetric(new DiffIdMetric.Spec(List.of(0.5), "mean", null, null, mu, sd), DiffIdMetric.Measure.DIFF)
        .evaluate(new MetricInput(model, x, a, null, 8));
    double[] n = new double[4];
    for (int i = 0; i < 4; i++) {
      int c = i / 2;
      n[i] = (x[i] - mu.get(c)) / sd.get(c);
    }
    // keep replaces elements 2, 3 (channel 1); the mean of the kept normalised values goes back
    // through channel 1's μ and σ. del replaces 0, 1 (channel 0).
    double keepMean = (n[0] + n[1]) / (2 + 1e-8); // −0.4
    double delMean = (n[2] + n[3]) / (2 + 1e-8); // 1.5
    assertThat(keepMean).isCloseTo(-0.4, within(1e-6));
    assertThat(delMean).isCloseTo(1.5, within(1e-6));
    assertThat(model.images().get(0)).containsExactly(0.2f, 0.4f, (float) (0.4 + 0.2 * keepMean),
        (float) (0.4 + 0.2 * keepMean));
    assertThat(model.images().get(1)).containsExactly((float) (0.5 + 0.5 * delMean), (float) (0.5 + 0.5 * delMean),
        0.6f, 0.8f);

    RecordingModel zero = new RecordingModel(s, 2, p -> new double[] {1, 0});
    new DiffIdMetric(new DiffIdMetric.Spec(List.of(0.5), "zero", null, null, mu, sd), DiffIdMetric.Measure.DIFF)
        .evaluate(new MetricInput(zero, x, a, null, 8));
    assertThat(zero.images().get(0)).containsExactly(0.2f, 0.4f, 0.4f, 0.4f); // normalised 0 = μ_1
    assertThat(zero.images().get(1)).containsExactly(0.5f, 0.5f, 0.6f, 0.8f); // μ_0
  }

  @Test
  void blurFillIsTheElevenTapGaussianWithReflectPadding() {
    Shape s = Shape.of(2, 6, 7);
    float[] x = TestInputs.uniform(5, s.size(), 0, 1);
    float[] a = TestInputs.uniform(6, s.size(), -1, 1);
    RecordingModel model = new RecordingModel(s, 2, p -> new double[] {1, 0});
    new DiffIdMetric(spec(List.of(1.0), "blur", null), DiffIdMetric.Measure.DEL)
        .evaluate(new MetricInput(model, x, attribution(s, 0, a), null, 8));
    float[] everything = model.images().get(0); // r = 1 replaces every element
    double[] expected = direct2dBlur(x, 2, 6, 7);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) everything[i]).as("element %d", i).isCloseTo(expected[i], within(1e-6));
    }
  }

  /** 2-D convolution with the 11×11 outer-product kernel on an explicitly reflect-padded image. */
  private static double[] direct2dBlur(float[] x, int c, int h, int w) {
    double[] g = new double[11];
    double sum = 0;
    for (int u = 0; u < 11; u++) {
      g[u] = Math.exp(-(u - 5) * (u - 5) / 50.0);
      sum += g[u];
    }
    double[] out = new double[x.length];
    for (int ch = 0; ch < c; ch++) {
      double[][] pad = new double[h + 10][w + 10];
      for (int y = -5; y < h + 5; y++) {
        for (int xx = -5; xx < w + 5; xx++) {
          int sy = y < 0 ? -y : y >= h ? 2 * (h - 1) - y : y;
          int sx = xx < 0 ? -xx : xx >= w ? 2 * (w - 1) - xx : xx;
          pad[y + 5][xx + 5] = x[ch * h * w + sy * w + sx];
        }
      }
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < w; xx++) {
          double s = 0;
          for (int u = 0; u < 11; u++) {
            for (int v = 0; v < 11; v++) {
              s += g[u] * g[v] / (sum * sum) * pad[y + u][xx + v];
            }
          }
          out[ch * h * w + y * w + xx] = s;
        }
      }
    }
    return out;
  }

  @Test
  void blurOfASidesSmallerThanThePaddingRepeatsTheReflection() {
    // A 1×1×2 row [a, b]: reflected without repeating the edge it reads … a b a b …, so output 0 is
    // a·Σ_{u even} g_u + b·Σ_{u odd} g_u; the single row reflects onto itself.
    double[] g = ReflectGaussianBlur.kernel();
    assertThat(g[5] / g[0]).isCloseTo(Math.exp(0.5), within(1e-12));
    assertThat(Arrays.stream(g).sum()).isCloseTo(1, within(1e-15));
    double even = g[1] + g[3] + g[5] + g[7] + g[9];
    double odd = 1 - even;
    double[] out = ReflectGaussianBlur.blur(new float[] {1f, 3f}, Shape.of(1, 1, 2));
    assertThat(out[0]).isCloseTo(1 * even + 3 * odd, within(1e-12));
    assertThat(out[1]).isCloseTo(3 * even + 1 * odd, within(1e-12));
  }

  @Test
  void tiedMagnitudesRankByTheLowerElementIndex() {
    Shape s = Shape.of(1, 1, 4);
    float[] x = {1f, 2f, 3f, 4f};
    RecordingModel model = new RecordingModel(s, 2, p -> new double[] {1, 0});
    run(DiffIdMetric.Measure.DIFF, spec(List.of(0.5), "zero", null), model, x, attribution(s, 0, 1f, 1f, 1f, 1f), 8);
    assertThat(model.images().get(0)).containsExactly(1f, 2f, 0f, 0f); // keep: the last two of 0,1,2,3
    assertThat(model.images().get(1)).containsExactly(0f, 0f, 3f, 4f); // del: the first two
    RecordingModel signs = new RecordingModel(s, 2, p -> new double[] {1, 0});
    // |A| = 2, 1, 2, 1: order 0, 2, 1, 3 (a negative value ranks by its magnitude)
    run(DiffIdMetric.Measure.DIFF, spec(List.of(0.25, 0.75), "zero", null), signs, x,
        attribution(s, 0, -2f, 1f, 2f, -1f), 8);
    assertThat(signs.images().get(0)).containsExactly(1f, 2f, 3f, 0f);
    assertThat(signs.images().get(1)).containsExactly(0f, 2f, 3f, 4f);
    assertThat(signs.images().get(2)).containsExactly(1f, 0f, 0f, 0f);
    assertThat(signs.images().get(3)).containsExactly(0f, 0f, 0f, 4f);
  }

  @Test
  void theCountTruncatesTheDoubleProduct() {
    Shape s = Shape.of(1, 10, 10);
    float[] x = TestInputs.ones(100);
    RecordingModel model = new RecordingModel(s, 2, p -> new double[] {1, 0});
    run(DiffIdMetric.Measure.DEL, spec(List.of(0.29), "zero", null), model, x,
        attribution(s, 0, TestInputs.uniform(3, 100, -1, 1)), 8);
    int zeros = 0;
    for (float v : model.images().get(0)) {
      zeros += v == 0 ? 1 : 0;
    }
    assertThat(100 * 0.29).isLessThan(29);
    assertThat(zeros).isEqualTo(28); // int(28.999999999999996), as Python's int()
  }

  @Test
  void aPerfectMapScoresAboveZeroAndItsReverseExactlyTheNegative() {
    // Class 0 = w·x with distinct positive weights, class 1 = half of w·1: x = 1 is class 0 until
    // half the weight is gone. Perfect map: A = w. Reversed map: the ranking reversed, so its del
    // image at r is the perfect map's keep image and vice versa: DiffID(reversed) = −DiffID(perfect).
    Shape s = Shape.of(3, 4, 4);
    int n = s.size();
    double[] w = new double[n];
    float[] perfect = new float[n];
    float[] reversed = new float[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 1 + ((i * 17) % n); // a permutation of 1…n
      perfect[i] = (float) w[i];
      reversed[i] = (float) (n + 1 - w[i]);
      total += w[i];
    }
    double half = total / 2;
    float[] x = TestInputs.ones(n);
    for (String score : List.of("binary", "soft")) {
      DiffIdMetric.Spec spec = spec(null, "zero", score);
      double good = run(DiffIdMetric.Measure.DIFF, spec, new RecordingModel(s, 2, p -> new double[] {dot(w, p), half}),
          x, attribution(s, 0, perfect), 7).value();
      double bad = run(DiffIdMetric.Measure.DIFF, spec, new RecordingModel(s, 2, p -> new double[] {dot(w, p), half}),
          x, attribution(s, 0, reversed), 7).value();
      assertThat(good).as(score).isGreaterThan(0.2);
      assertThat(bad).as(score).isCloseTo(-good, within(1e-6));
    }
  }

  @Test
  void allPerturbedImagesGoThroughTheModelInBatches() {
    RecordingModel binary = weighted();
    run(DiffIdMetric.Measure.DIFF, DiffIdMetric.Spec.defaults(), binary, X, attribution(S, 0, A), 5);
    assertThat(binary.batches()).containsExactly(5, 5, 5, 3); // 9 ratios × 2 games
    RecordingModel soft = weighted();
    run(DiffIdMetric.Measure.DIFF, spec(null, null, "soft"), soft, X, attribution(S, 0, A), 5);
    assertThat(soft.batches()).containsExactly(5, 5, 5, 4); // and x itself, first
    assertThat(soft.images().get(0)).containsExactly(X);
    RecordingModel del = weighted();
    run(DiffIdMetric.Measure.DEL, DiffIdMetric.Spec.defaults(), del, X, attribution(S, 0, A), 100);
    assertThat(del.batches()).containsExactly(9);
  }

  @Test
  void targetPredictedScoresAgainstTheModelsArgmaxAtX() {
    // The attribution explains class 1, but the model predicts class 0 at x (W·x = 2.3 > 1.5).
    List<Double> r = List.of(0.25, 0.5, 0.75);
    MetricValue attributed = run(DiffIdMetric.Measure.KEEP, spec(r, "zero", null), weighted(), X,
        attribution(S, 1, A), 8);
    assertThat(attributed.curveY()).containsExactly(0, 0, 1); // class 1 wins only where W·x < 1.5
    MetricValue predicted = run(DiffIdMetric.Measure.KEEP,
        new DiffIdMetric.Spec(r, "zero", null, "predicted", null, null), weighted(), X, attribution(S, 1, A), 8);
    assertThat(predicted.curveY()).containsExactly(1, 1, 0);
  }

  @Test
  void directionsAndDefaults() {
    assertThat(new DiffIdMetric(DiffIdMetric.Spec.defaults(), DiffIdMetric.Measure.DIFF).higherIsBetter()).isTrue();
    assertThat(new DiffIdMetric(DiffIdMetric.Spec.defaults(), DiffIdMetric.Measure.KEEP).higherIsBetter()).isTrue();
    assertThat(new DiffIdMetric(DiffIdMetric.Spec.defaults(), DiffIdMetric.Measure.DEL).higherIsBetter()).isFalse();
    DiffIdMetric.Spec d = DiffIdMetric.Spec.defaults();
    assertThat(d.ratios()).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
    assertThat(d.fill()).isEqualTo("mean");
    assertThat(d.score()).isEqualTo("binary");
    assertThat(d.target()).isEqualTo("attribution");
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    assertThatThrownBy(() -> spec(List.of(0.5, 1.5), null, null))
        .hasMessageContaining("ratios[1]").hasMessageContaining("1.5");
    assertThatThrownBy(() -> spec(List.of(), null, null)).hasMessageContaining("ratios");
    assertThatThrownBy(() -> spec(null, "grey", null))
        .hasMessageContaining("fill").hasMessageContaining("'grey'").hasMessageContaining("mean");
    assertThatThrownBy(() -> spec(null, null, "prob")).hasMessageContaining("score").hasMessageContaining("soft");
    assertThatThrownBy(() -> new DiffIdMetric.Spec(null, null, null, "label", null, null))
        .hasMessageContaining("target").hasMessageContaining("predicted");
    assertThatThrownBy(() -> new DiffIdMetric.Spec(null, null, null, null, List.of(0.5), null))
        .hasMessageContaining("normStd");
    assertThatThrownBy(() -> new DiffIdMetric.Spec(null, null, null, null, List.of(0.5), List.of(0.0)))
        .hasMessageContaining("normStd[0]");
    DiffIdMetric threeChannels = new DiffIdMetric(
        new DiffIdMetric.Spec(null, null, null, null, List.of(0.1, 0.2, 0.3), List.of(1.0, 1.0, 1.0)),
        DiffIdMetric.Measure.DIFF);
    assertThatThrownBy(() -> threeChannels.evaluate(new MetricInput(weighted(), X, attribution(S, 0, A), null, 8)))
        .isInstanceOf(MetricException.class).hasMessageContaining("diffid").hasMessageContaining("3 channels");
    RecordingModel nan = new RecordingModel(S, 2, p -> new double[] {Double.NaN, 0});
    assertThatThrownBy(() -> run(DiffIdMetric.Measure.DEL, DiffIdMetric.Spec.defaults(), nan, X, attribution(S, 0, A), 8))
        .isInstanceOf(MetricException.class).hasMessageContaining("diffid-del").hasMessageContaining("NaN");
  }
}
