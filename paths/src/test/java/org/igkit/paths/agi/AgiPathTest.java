package org.igkit.paths.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.igkit.paths.SoftmaxLinear;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.SoftmaxLinearModel;
import org.junit.jupiter.api.Test;

/**
 * AGI against the authors' loop re-implemented here in double precision on a 5-class
 * softmax-linear model (softmax and its derivative written out): per negative class, stop when
 * the argmax is the class, else step by ε·sign ∇p_c, clip to [0, 1] and subtract
 * ∇p_t ⊙ step. Checked: the attribution, how many steps each walk takes (some stop early on
 * the argmax rule, some run to the cap), the exact model-call counts, the negative-class rule,
 * and the refusals.
 */
class AgiPathTest {

  static final Shape SHAPE = Shape.of(2, 4, 4);
  static final int K = 5;

  static double[][] weights() {
    float[] flat = SeededArrays.uniform(RandomSource.of(31).derive("w"), K * SHAPE.size(), -1, 1);
    double[][] w = new double[K][SHAPE.size()];
    for (int k = 0; k < K; k++) {
      for (int i = 0; i < SHAPE.size(); i++) {
        w[k][i] = flat[k * SHAPE.size() + i];
      }
    }
    return w;
  }

  static final double[] BIAS = {0.1, 0.4, -0.3, 0.0, 0.2};

  static float[] input() {
    return SeededArrays.uniform(RandomSource.of(32).derive("x"), SHAPE.size(), 0, 1);
  }

  static double[] softmax(double[][] w, double[] x) {
    return SoftmaxLinear.probabilities(w, BIAS, x);
  }

  static double[] gradient(double[][] w, double[] p, int t) {
    double[] g = new double[w[0].length];
    for (int i = 0; i < g.length; i++) {
      double mean = 0;
      for (int k = 0; k < K; k++) {
        mean += p[k] * w[k][i];
      }
      g[i] = p[t] * (w[t][i] - mean);
    }
    return g;
  }

  /** The reference result: the attribution, the steps of each class's walk. */
  record Reference(double[] attribution, int[] steps) {}

  static Reference reference(double[][] w, float[] xf, int t, int[] classes, int maxSteps, double eps) {
    double[] a = new double[xf.length];
    int[] steps = new int[classes.length];
    for (int c = 0; c < classes.length; c++) {
      double[] x = new double[xf.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = xf[i];
      }
      for (int k = 0; k < maxSteps; k++) {
        double[] p = softmax(w, x);
        int arg = 0;
        for (int j = 1; j < K; j++) {
          if (p[j] > p[arg]) {
            arg = j;
          }
        }
        if (arg == classes[c]) {
          break;
        }
        double[] gc = gradient(w, p, classes[c]);
        double[] gt = gradient(w, p, t);
        for (int i = 0; i < x.length; i++) {
          double next = Math.min(1, Math.max(0, x[i] + eps * Math.signum(gc[i])));
          a[i] -= gt[i] * (next - x[i]);
          x[i] = next;
        }
        steps[c]++;
      }
    }
    return new Reference(a, steps);
  }

  static Attribution attribute(SoftmaxLinearModel m, AgiPath path, StepRule rule, float[] x, int t) {
    AttributionMethod method = new AttributionMethod(
        "agi", FixedBaselineSampler.of(new float[x.length]), path, rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(m, method, x, t, RandomSource.of(1), EngineOptions.batchSize(4));
  }

  @Test
  void matchesTheAuthorsLoopAndCountsEveryModelCall() {
    double[][] w = weights();
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, BIAS);
    float[] x = input();
    int t = 4;
    int[] classes = AgiPath.negativeClasses(K, t, 10);
    assertThat(classes).containsExactly(0, 1, 2, 3);
    double eps = 0.02;
    int maxSteps = 5; // the walks need 3, 0, 6 and 6 steps: an early stop, an immediate stop, two capped
    Reference ref = reference(w, x, t, classes, maxSteps, eps);
    assertThat(java.util.Arrays.stream(ref.steps()).anyMatch(s -> s < maxSteps && s > 0))
        .as("an early stop among %s", java.util.Arrays.toString(ref.steps())).isTrue();
    assertThat(ref.steps()).as("a capped walk").contains(maxSteps);
    for (StepRule rule : new StepRule[] {new RiemannStepRule(50, RiemannStepRule.Variant.MIDPOINT), new GaussLegendreStepRule(3)}) {
      Attribution a = attribute(m, new AgiPath(new AgiPath.Spec(10, maxSteps, eps)), rule, x, t);
      double scale = 0;
      for (double v : ref.attribution()) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertThat(scale).isGreaterThan(1e-4);
      for (int i = 0; i < x.length; i++) {
        assertThat((double) a.values()[i]).as("%s A[%d]", rule, i).isCloseTo(ref.attribution()[i], offset(1e-5 * scale));
      }
      long steps = 0;
      long forwards = 2; // the engine's scores of the input and the path's start
      for (int s : ref.steps()) {
        steps += s;
        forwards += s + (s < maxSteps ? 1 : 0);
      }
      assertThat(a.gradientPoints()).as("∇p_c and ∇p_t per step").isEqualTo(2 * steps);
      assertThat(a.forwardPoints()).as("one argmax check per step, one more for an early stop").isEqualTo(forwards);
    }
  }

  @Test
  void aWalkStartingAtItsClassStopsAtOnceAndTheCapHolds() {
    double[][] w = weights();
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, BIAS);
    float[] x = input();
    double[] p = softmax(w, toDouble(x));
    int predicted = 0;
    for (int j = 1; j < K; j++) {
      predicted = p[j] > p[predicted] ? j : predicted;
    }
    int t = predicted == 4 ? 3 : 4; // explain a class the model does not predict
    int[] classes = AgiPath.negativeClasses(K, t, 10);
    assertThat(classes).contains(predicted == 4 ? 0 : predicted);
    Reference ref = reference(w, x, t, classes, 3, 0.05);
    for (int c = 0; c < classes.length; c++) {
      if (classes[c] == predicted) {
        assertThat(ref.steps()[c]).as("the predicted class's walk takes no step").isZero();
      }
      assertThat(ref.steps()[c]).isLessThanOrEqualTo(3);
    }
    Attribution a = attribute(m, new AgiPath(new AgiPath.Spec(10, 3, 0.05)), new RiemannStepRule(1, RiemannStepRule.Variant.LEFT), x, t);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) a.values()[i]).isCloseTo(ref.attribution()[i], offset(1e-6));
    }
    assertThat(a.gradientPoints()).isEqualTo(2L * java.util.Arrays.stream(ref.steps()).sum());
  }

  @Test
  void negativeClassesFollowTheAuthorsRange() {
    assertThat(AgiPath.negativeClasses(1000, 300, 10)).containsExactly(0, 100, 200, 400, 500, 600, 700, 800, 900);
    assertThat(AgiPath.negativeClasses(1000, 7, 10)).hasSize(10);
    assertThat(AgiPath.negativeClasses(10, 9, 10)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(AgiPath.negativeClasses(10, 0, 10)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(AgiPath.negativeClasses(25, 1, 10)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22);
    assertThat(AgiPath.negativeClasses(2, 0, 10)).isEmpty();
  }

  @Test
  void refusesIdgiAndBadParametersByName() {
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, weights(), BIAS);
    assertThatThrownBy(() -> attribute(m, (AgiPath) AgiPath.TYPE.createDefault(), new IdgiStepRule(8), input(), 1))
        .hasMessageContaining("agi path").hasMessageContaining("idgi");
    assertThatThrownBy(() -> new AgiPath.Spec(0, null, null)).hasMessageContaining("classes");
    assertThatThrownBy(() -> new AgiPath.Spec(null, 0, null)).hasMessageContaining("maxSteps");
    assertThatThrownBy(() -> new AgiPath.Spec(null, null, 0.0)).hasMessageContaining("epsilon");
    AgiPath.Spec d = new AgiPath.Spec(null, null, null);
    assertThat(d.classes()).isEqualTo(10);
    assertThat(d.maxSteps()).isEqualTo(15);
    assertThat(d.epsilon()).isEqualTo(0.05);
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
