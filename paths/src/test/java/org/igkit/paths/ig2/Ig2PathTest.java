package org.igkit.paths.ig2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

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
 * IG² with the model's outputs as representation, against the loop re-implemented here in double
 * precision on a 3-class softmax-linear model (softmax Jacobian written out), averaged over two
 * references; the exact call count N·(K + 1) + 1 per reference; and a closed form on a linear
 * model, where every step moves η along ∓w/‖w‖, so Σ A = ±N·η·‖w‖.
 */
class Ig2PathTest {

  static final Shape SHAPE = Shape.of(2, 3, 3);
  static final double[] BIAS = {0.1, -0.2, 0.3};

  static double[][] weights() {
    float[] flat = SeededArrays.uniform(RandomSource.of(51).derive("w"), 3 * SHAPE.size(), -1, 1);
    double[][] w = new double[3][SHAPE.size()];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < SHAPE.size(); i++) {
        w[k][i] = flat[k * SHAPE.size() + i];
      }
    }
    return w;
  }

  static float[] image(String name) {
    return SeededArrays.uniform(RandomSource.of(52).derive(name), SHAPE.size(), 0, 1);
  }

  static double[] softmax(double[][] w, double[] x) {
    return SoftmaxLinear.probabilities(w, BIAS, x);
  }

  /** ∂p_k/∂x_i = p_k (w_k,i − Σ_j p_j w_j,i). */
  static double[][] jacobian(double[][] w, double[] p) {
    double[][] j = new double[w.length][w[0].length];
    for (int i = 0; i < w[0].length; i++) {
      double mean = 0;
      for (int k = 0; k < w.length; k++) {
        mean += p[k] * w[k][i];
      }
      for (int k = 0; k < w.length; k++) {
        j[k][i] = p[k] * (w[k][i] - mean);
      }
    }
    return j;
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** The reference: mean over refs of Σ_i (p_{i−1} − p_i) ⊙ ∇p_t(p_{i−1}), p_i = p_{i−1} + η g/‖g‖. */
  static double[] reference(double[][] w, float[] x, List<float[]> refs, int t, int steps, double eta) {
    double[] a = new double[x.length];
    for (float[] r : refs) {
      double[] target = softmax(w, toDouble(r));
      double[] p = toDouble(x);
      for (int s = 0; s < steps; s++) {
        double[] prob = softmax(w, p);
        double[][] jac = jacobian(w, prob);
        double[] g = new double[p.length];
        double norm = 0;
        for (int i = 0; i < p.length; i++) {
          for (int k = 0; k < w.length; k++) {
            g[i] -= 2.0 / w.length * (prob[k] - target[k]) * jac[k][i];
          }
          norm += g[i] * g[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < p.length; i++) {
          double next = p[i] + eta * g[i] / norm;
          a[i] += (p[i] - next) * jac[t][i] / refs.size();
          p[i] = next;
        }
      }
    }
    return a;
  }

  static Attribution attribute(ModelFunction m, StepRule rule, float[] x, int t, float[]... refs) {
    AttributionMethod method = new AttributionMethod(
        "ig2", FixedBaselineSampler.of(refs), Ig2Path.TYPE.createDefault(), rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(m, method, x, t, RandomSource.of(1), EngineOptions.batchSize(5));
  }

  @Test
  void matchesTheReferenceLoopAveragedOverReferencesAndCountsCalls() {
    double[][] w = weights();
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, BIAS);
    float[] x = image("x");
    float[] r1 = image("r1");
    float[] r2 = image("r2");
    int steps = 12;
    double[] expected = reference(w, x, List.of(r1, r2), 0, steps, 0.02);
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).isGreaterThan(1e-5);
    Attribution a = attribute(m, new RiemannStepRule(steps, RiemannStepRule.Variant.LEFT), x, 0, r1, r2);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) a.values()[i]).as("A[%d]", i).isCloseTo(expected[i], offset(1e-4 * scale));
    }
    assertThat(a.gradientPoints()).as("per reference N·K walk gradients + N attribution gradients")
        .isEqualTo(2L * steps * (3 + 1));
    assertThat(a.forwardPoints()).as("rep(r) per reference + the engine's input and start scores").isEqualTo(2 + 3);
  }

  @Test
  void onALinearModelEveryStepHasLengthEtaAlongTheWeights() {
    Shape shape = Shape.of(1, 2, 2);
    double[] w = {0.5, -1.0, 2.0, 0.25};
    LinearModel m = new LinearModel(shape, w, 0);
    float[] x = {0.5f, 0.5f, 0.5f, 0.5f};
    float[] r = {1f, 0f, 1f, 1f}; // f(r) = 2.75 > f(x) = 0.875: every step climbs along w
    double norm = Math.sqrt(0.25 + 1 + 4 + 0.0625);
    int steps = 20; // 20 · 0.02 · ‖w‖ ≈ 0.92 < f(r) − f(x): no overshoot
    AttributionMethod method = new AttributionMethod("ig2", FixedBaselineSampler.of(r), Ig2Path.TYPE.createDefault(),
        new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT), new EqualWeightsAggregator());
    Attribution a = AttributionEngine.attribute(m, method, x, 0, RandomSource.of(1), EngineOptions.batchSize(3));
    for (int i = 0; i < 4; i++) {
      assertThat((double) a.values()[i]).as("A[%d]", i)
          .isCloseTo(-steps * 0.02 * w[i] / norm * w[i], offset(1e-5));
    }
    assertThat(a.sum()).isCloseTo(-steps * 0.02 * norm, offset(1e-5));
  }

  @Test
  void refusesIdgiAndABadStepSize() {
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, weights(), BIAS);
    assertThatThrownBy(() -> attribute(m, new IdgiStepRule(4), image("x"), 0, image("r1")))
        .hasMessageContaining("ig2 path").hasMessageContaining("idgi");
    assertThatThrownBy(() -> new Ig2Path.Spec(-0.1)).hasMessageContaining("stepSize");
    assertThat(new Ig2Path.Spec(null).stepSize()).isEqualTo(0.02);
  }
}
