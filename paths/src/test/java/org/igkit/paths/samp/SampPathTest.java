package org.igkit.paths.samp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
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
 * SAMP against the loop re-implemented here in double precision (softmax derivative written out,
 * the blur as a direct zero-padded convolution): deletion to black and insertion from the blur,
 * pixels chosen by π = Σ_c g (end − cur), the L₁ cap, the summed map and the exact gradient
 * count. The blur kernel is checked against values printed by scipy's
 * {@code gaussian_filter(delta_11x11, 5)}. A linear model checks the two-sided completeness.
 */
class SampPathTest {

  static final double[] BIAS = {0.3, -0.2, 0.1};

  static double[][] weights(Shape shape) {
    float[] flat = SeededArrays.uniform(RandomSource.of(41).derive("w"), 3 * shape.size(), -1, 1);
    double[][] w = new double[3][shape.size()];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < shape.size(); i++) {
        w[k][i] = flat[k * shape.size() + i];
      }
    }
    return w;
  }

  static float[] input(Shape shape) {
    return SeededArrays.uniform(RandomSource.of(42).derive("x"), shape.size(), 0.05, 1);
  }

  static double[] softmaxGradient(double[][] w, double[] x, int t) {
    return SoftmaxLinear.gradient(w, BIAS, x, t);
  }

  /** Direct 2-D convolution with the outer-product kernel, zero outside the image. */
  static double[] referenceBlur(double[] img, Shape s, double[] k1) {
    int r = k1.length / 2;
    int h = s.height();
    int w = s.width();
    double[] out = new double[img.length];
    for (int c = 0; c < s.channels(); c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double sum = 0;
          for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
              int yy = y + dy;
              int xx = x + dx;
              if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                sum += k1[dy + r] * k1[dx + r] * img[c * h * w + yy * w + xx];
              }
            }
          }
          out[c * h * w + y * w + x] = sum;
        }
      }
    }
    return out;
  }

  /** One SAMP leg in double; adds its signed map to {@code a}; returns its gradient count. */
  static int referenceLeg(double[][] w, Shape s, double[] start, double[] end, boolean deletion, int t, double[] a) {
    int hw = s.pixels();
    double[] cur = start.clone();
    double l1 = 0;
    for (int i = 0; i < cur.length; i++) {
      l1 += Math.abs(end[i] - cur[i]);
    }
    double cap = l1 / 5;
    boolean[] done = new boolean[hw];
    for (int p = 0; p < hw; p++) {
      done[p] = true;
      for (int c = 0; c < s.channels(); c++) {
        done[p] &= cur[c * hw + p] == end[c * hw + p];
      }
    }
    int calls = 0;
    while (true) {
      List<Integer> open = new ArrayList<>();
      for (int p = 0; p < hw; p++) {
        if (!done[p]) {
          open.add(p);
        }
      }
      if (open.isEmpty()) {
        return calls;
      }
      double[] g = softmaxGradient(w, cur, t);
      calls++;
      double[] pi = new double[hw];
      for (int p : open) {
        for (int c = 0; c < s.channels(); c++) {
          pi[p] += g[c * hw + p] * (end[c * hw + p] - cur[c * hw + p]);
        }
      }
      // selection: repeatedly take the best remaining (lowest π for deletion, highest for insertion)
      List<Integer> chosen = new ArrayList<>();
      while (chosen.size() < 5 && chosen.size() < open.size()) {
        int best = -1;
        for (int p : open) {
          if (chosen.contains(p)) {
            continue;
          }
          if (best < 0 || (deletion ? pi[p] < pi[best] : pi[p] > pi[best])) {
            best = p;
          }
        }
        chosen.add(best);
      }
      double move = 0;
      for (int p : chosen) {
        for (int c = 0; c < s.channels(); c++) {
          move += Math.abs(end[c * hw + p] - cur[c * hw + p]);
        }
      }
      double scale = Math.min(1, cap / move);
      for (int p : chosen) {
        for (int c = 0; c < s.channels(); c++) {
          int i = c * hw + p;
          double d = scale * (end[i] - cur[i]);
          a[i] += (deletion ? -1 : 1) * g[i] * d;
          cur[i] = scale == 1 ? end[i] : cur[i] + d;
        }
        done[p] = scale == 1;
      }
    }
  }

  static Attribution attribute(ModelFunction m, SampPath path, StepRule rule, float[] x, int t) {
    AttributionMethod method = new AttributionMethod(
        "samp", FixedBaselineSampler.of(new float[x.length]), path, rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(m, method, x, t, RandomSource.of(1), EngineOptions.batchSize(8));
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  @Test
  void kernelMatchesScipysGaussianFilterOfADelta() {
    double[] k = SampBlur.kernel1d(11, 5);
    double total = 0;
    for (double v : k) {
      total += v;
    }
    assertThat(total).isCloseTo(1.0, offset(1e-12));
    // gaussian_filter(delta, 5)[5, j] for j = 0 … 5, [0, 0], [2, 7]
    double[] row = {0.008266488021414163, 0.00835464075320908, 0.008502951664238926, 0.008664311467689242,
        0.008786325619569013, 0.008832628216191647};
    for (int j = 0; j < 6; j++) {
      assertThat(k[5] * k[j]).as("K[5][%d]", j).isCloseTo(row[j], offset(1e-15));
      assertThat(k[5] * k[10 - j]).isCloseTo(row[j], offset(1e-15));
    }
    assertThat(k[0] * k[0]).isCloseTo(0.007736635408576913, offset(1e-15));
    assertThat(k[2] * k[7]).isCloseTo(0.00834091731367335, offset(1e-15));
  }

  @Test
  void matchesTheReferenceLoopWithTheL1CapAndCountsGradients() {
    for (Shape s : List.of(Shape.of(2, 4, 4), Shape.of(1, 9, 7))) {
      double[][] w = weights(s);
      SoftmaxLinearModel m = new SoftmaxLinearModel(s, w, BIAS);
      float[] x = input(s);
      double[] xd = toDouble(x);
      double[] a = new double[x.length];
      int calls = referenceLeg(w, s, xd, new double[x.length], true, 1, a);
      double[] blurred = referenceBlur(xd, s, SampBlur.kernel1d(11, 5));
      calls += referenceLeg(w, s, blurred, xd, false, 1, a);
      double scale = 0;
      for (double v : a) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (StepRule rule : List.<StepRule>of(new RiemannStepRule(7, RiemannStepRule.Variant.MIDPOINT),
          new RiemannStepRule(3, RiemannStepRule.Variant.RIGHT))) {
        Attribution got = attribute(m, (SampPath) SampPath.TYPE.createDefault(), rule, x, 1);
        for (int i = 0; i < x.length; i++) {
          assertThat((double) got.values()[i]).as("%s %s A[%d]", s, rule, i).isCloseTo(a[i], offset(1e-5 * scale));
        }
        assertThat(got.gradientPoints()).as("%s: one gradient per iteration", s).isEqualTo(calls);
      }
      int plain = 2 * (int) Math.ceil(s.pixels() / 5.0);
      if (s.pixels() == 16) {
        assertThat(calls).as("16 pixels: 5 of them exceed L1/5, so the cap splits moves").isGreaterThan(plain);
      } else {
        assertThat(calls).as("63 pixels, no cap: ceil(63/5) per direction").isEqualTo(plain);
      }
    }
  }

  @Test
  void bothDirectionsSumToTwoScoreChangesOnALinearModel() {
    Shape s = Shape.of(2, 5, 5);
    LinearModel m = new LinearModel(s, 43);
    float[] x = input(s);
    double[] blurred = referenceBlur(toDouble(x), s, SampBlur.kernel1d(11, 5));
    float[] blurredF = new float[blurred.length];
    for (int i = 0; i < blurred.length; i++) {
      blurredF[i] = (float) blurred[i];
    }
    double fx = m.value(x, 0);
    double expected = (fx - m.value(new float[x.length], 0)) + (fx - m.value(blurredF, 0));
    Attribution both = attribute(m, (SampPath) SampPath.TYPE.createDefault(), new RiemannStepRule(1, RiemannStepRule.Variant.LEFT), x, 0);
    assertThat(both.sum()).isCloseTo(expected, offset(1e-4));
    Attribution deletion = attribute(m, new SampPath(new SampPath.Spec(null, null, null, null, "deletion")),
        new RiemannStepRule(1, RiemannStepRule.Variant.LEFT), x, 0);
    assertThat(deletion.sum()).isCloseTo(fx - m.value(new float[x.length], 0), offset(1e-4));
    // 25 pixels, 5 per step: at least 5 gradients (more where 5 pixels hold over a fifth of the L1 distance)
    assertThat(deletion.gradientPoints()).isBetween(5L, both.gradientPoints() - 5);
  }

  @Test
  void refusesIdgiAndBadParametersByName() {
    Shape s = Shape.of(1, 3, 3);
    LinearModel m = new LinearModel(s, 44);
    assertThatThrownBy(() -> attribute(m, (SampPath) SampPath.TYPE.createDefault(), new IdgiStepRule(4), input(s), 0))
        .hasMessageContaining("samp path").hasMessageContaining("idgi");
    assertThatThrownBy(() -> new SampPath.Spec(0, null, null, null, null)).hasMessageContaining("pixelsPerStep");
    assertThatThrownBy(() -> new SampPath.Spec(null, null, 10, null, null)).hasMessageContaining("kernelSize: must be odd");
    assertThatThrownBy(() -> new SampPath.Spec(null, null, null, null, "sideways")).hasMessageContaining("directions");
  }
}
