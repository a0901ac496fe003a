package org.igkit.paths.big;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.igkit.paths.SoftmaxLinear;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.SoftmaxLinearModel;
import org.junit.jupiter.api.Test;

/**
 * BIG against an independent double-precision re-implementation of the authors' loop: the blur
 * as a direct 2-D convolution over an explicitly reflect-padded image, the points
 * blur(x, iσ_max/N), and the left sum Σ ∇p_t(p_k) ⊙ (p_{k+1} − p_k) with the softmax derivative
 * written out here. Plus: telescoping completeness on a linear model, IDGI exactness, the kernel
 * sizes of the definition, repeated reflection on tiny images, and the gradient counts.
 */
class BigPathTest {

  static final Shape SHAPE = Shape.of(2, 6, 6);
  static final double[] BIAS = {0.2, -0.1, 0.05};

  static float[] input() {
    return SeededArrays.uniform(RandomSource.of(21).derive("x"), SHAPE.size(), 0, 1);
  }

  static double[][] weights() {
    float[] flat = SeededArrays.uniform(RandomSource.of(22).derive("w"), 3 * SHAPE.size(), -1, 1);
    double[][] w = new double[3][SHAPE.size()];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < SHAPE.size(); i++) {
        w[k][i] = flat[k * SHAPE.size() + i];
      }
    }
    return w;
  }

  static Attribution attribute(ModelFunction m, double maxSigma, StepRule rule, float[] x, int target) {
    AttributionMethod method = new AttributionMethod("big", FixedBaselineSampler.of(new float[x.length]),
        new BigPath(new BigPath.Spec(maxSigma)), rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(m, method, x, target, RandomSource.of(1), EngineOptions.batchSize(3));
  }

  /** The reference blur: direct 2-D convolution of the reflect-padded channel (needs r ≤ side − 1). */
  static double[] referenceBlur(double[] img, double sigma) {
    if (sigma == 0) {
      return img.clone();
    }
    int size = (int) (6 * sigma + 1);
    size += size % 2 == 0 ? 1 : 0;
    size = Math.max(3, size);
    int r = size / 2;
    double[] k1 = new double[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      k1[i] = Math.exp(-Math.pow(i - r, 2) / (2 * sigma * sigma));
      total += k1[i];
    }
    int h = SHAPE.height();
    int w = SHAPE.width();
    assertThat(r).as("reference padding needs r < side").isLessThan(Math.min(h, w));
    double[] out = new double[img.length];
    for (int c = 0; c < SHAPE.channels(); c++) {
      int ph = h + 2 * r;
      int pw = w + 2 * r;
      double[][] padded = new double[ph][pw];
      for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
          int sy = y - r;
          int sx = x - r;
          sy = sy < 0 ? -sy : sy >= h ? 2 * (h - 1) - sy : sy;
          sx = sx < 0 ? -sx : sx >= w ? 2 * (w - 1) - sx : sx;
          padded[y][x] = img[c * h * w + sy * w + sx];
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
              s += k1[u] * k1[v] / (total * total) * padded[y + u][x + v];
            }
          }
          out[c * h * w + y * w + x] = s;
        }
      }
    }
    return out;
  }

  static double[] softmaxGradient(double[][] w, double[] x, int t) {
    return SoftmaxLinear.gradient(w, BIAS, x, t);
  }

  /** The authors' loop: points blur(x, iσ/N), i = N … 0, and the left sum over their differences. */
  static double[] referenceBig(double[][] w, float[] xf, int t, double maxSigma, int n) {
    double[] x = new double[xf.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = xf[i];
    }
    double[][] points = new double[n + 1][];
    for (int i = n; i >= 0; i--) {
      points[n - i] = referenceBlur(x, i * maxSigma / n);
    }
    double[] a = new double[x.length];
    for (int j = 0; j < n; j++) {
      double[] g = softmaxGradient(w, points[j], t);
      for (int i = 0; i < a.length; i++) {
        a[i] += g[i] * (points[j + 1][i] - points[j][i]);
      }
    }
    return a;
  }

  @Test
  void matchesTheAuthorsLoopOnASoftmaxModel() {
    double[][] w = weights();
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, BIAS);
    float[] x = input();
    double[] expected = referenceBig(w, x, 1, 1.5, 8);
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (StepRule rule : new StepRule[] {
        new RiemannStepRule(8, RiemannStepRule.Variant.LEFT),
        new RiemannStepRule(8, RiemannStepRule.Variant.MIDPOINT),
        new RiemannStepRule(8, RiemannStepRule.Variant.TRAPEZOID)}) {
      Attribution a = attribute(m, 1.5, rule, x, 1);
      for (int i = 0; i < x.length; i++) {
        assertThat((double) a.values()[i]).as("%s A[%d]", rule, i).isCloseTo(expected[i], offset(1e-5 * scale));
      }
    }
    assertThat(scale).as("a non-trivial attribution").isGreaterThan(1e-3);
  }

  @Test
  void gradientCountIsNOrNPlusOneWithARuleThatEndsAtTheInput() {
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, weights(), BIAS);
    assertThat(attribute(m, 2, new RiemannStepRule(8, RiemannStepRule.Variant.LEFT), input(), 0).gradientPoints())
        .isEqualTo(8);
    assertThat(attribute(m, 2, new RiemannStepRule(8, RiemannStepRule.Variant.TRAPEZOID), input(), 0).gradientPoints())
        .isEqualTo(9);
    // right Riemann: 8 nodes ending at α = 1, so N = 7 intervals and the input as eighth point
    assertThat(attribute(m, 2, new RiemannStepRule(8, RiemannStepRule.Variant.RIGHT), input(), 0).gradientPoints())
        .isEqualTo(8);
    assertThat(attribute(m, 2, new IdgiStepRule(8), input(), 0).gradientPoints()).isEqualTo(9);
  }

  @Test
  void leftSumTelescopesOnALinearModelAndIdgiIsExact() {
    LinearModel linear = new LinearModel(SHAPE, 23);
    Attribution a = attribute(linear, 3, new RiemannStepRule(5, RiemannStepRule.Variant.MIDPOINT), input(), 0);
    assertThat(Math.abs(a.sum() - a.expectedSum())).isLessThan(1e-5);
    double[] start = referenceBlur(toDouble(input()), 0); // x itself: the expected start differs
    assertThat(a.expectedSum()).as("f(x) − f(blur x) is not f(x) − f(x)")
        .isNotCloseTo(linear.value(input(), 0) - linear.value(toFloat(start), 0), offset(1e-6));
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, weights(), BIAS);
    Attribution idgi = attribute(m, 3, new IdgiStepRule(6), input(), 2);
    assertThat(Math.abs(idgi.sum() - idgi.expectedSum())).isLessThan(1e-6);
  }

  @Test
  void startIsTheInputBlurredWithMaxSigma() {
    float[] x = input();
    float[] start = new BigPath(new BigPath.Spec(1.0)).start(x, new float[x.length], SHAPE);
    double[] expected = referenceBlur(toDouble(x), 1.0);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) start[i]).isCloseTo(expected[i], offset(1e-6));
    }
  }

  @Test
  void kernelSizesFollowTheDefinition() {
    assertThat(ReflectBlur.kernelSize(0.1)).isEqualTo(3); // int(1.6) = 1 → at least 3
    assertThat(ReflectBlur.kernelSize(0.5)).isEqualTo(5); // int(4) = 4 → odd 5
    assertThat(ReflectBlur.kernelSize(1.0)).isEqualTo(7); // int(7)
    assertThat(ReflectBlur.kernelSize(35)).isEqualTo(211); // int(211)
    assertThat(ReflectBlur.kernelSize(5.0 / 6)).isEqualTo(7); // int(6.0) = 6 → 7 (0.8333…·6 + 1 rounds to 6.0)
  }

  @Test
  void reflectionRepeatsBeyondTheImage() {
    int[] expected = {2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1}; // n = 4, i = −4 … 7
    for (int i = -4; i <= 7; i++) {
      assertThat(ReflectBlur.reflect(i, 4)).as("reflect(%d, 4)", i).isEqualTo(expected[i + 4]);
    }
    assertThat(ReflectBlur.reflect(-7, 1)).isZero();
    Shape tiny = Shape.of(1, 4, 4);
    float[] constant = new float[16];
    java.util.Arrays.fill(constant, 0.375f);
    for (double v : ReflectBlur.blur(constant, tiny, 35)) {
      assertThat(v).isCloseTo(0.375, offset(1e-12));
    }
  }

  @Test
  void badSigmaIsRefusedByName() {
    assertThatThrownBy(() -> new BigPath.Spec(0.0)).hasMessageContaining("maxSigma").hasMessageContaining("was 0.0");
    assertThat(new BigPath.Spec(null).maxSigma()).isEqualTo(35.0);
    assertThat(BigPath.TYPE.modelCalls()).isPresent();
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
