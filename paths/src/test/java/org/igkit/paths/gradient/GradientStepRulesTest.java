package org.igkit.paths.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepRule;
import org.igkit.paths.SoftmaxLinear;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.SoftmaxLinearModel;
import org.junit.jupiter.api.Test;

/**
 * Gradient × Input and the plain gradient against their definitions: on a linear model
 * G×I = w ⊙ (x − x') and the gradient is w; on a 3-class softmax-linear model both are checked
 * against the softmax derivative ∂p_t/∂x = p_t (w_t − Σ_k p_k w_k) computed here in double. Each
 * costs exactly one gradient per baseline.
 */
class GradientStepRulesTest {

  static final Shape SHAPE = Shape.of(2, 3, 3);

  static float[] input() {
    return SeededArrays.uniform(RandomSource.of(5).derive("x"), SHAPE.size(), 0, 1);
  }

  static float[] noiseBaseline() {
    return SeededArrays.uniform(RandomSource.of(6).derive("b"), SHAPE.size(), 0, 1);
  }

  static Attribution attribute(ModelFunction m, Path path, StepRule rule, float[] x, int target, float[]... baselines) {
    AttributionMethod method = new AttributionMethod(
        "m", FixedBaselineSampler.of(baselines), path, rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(m, method, x, target, RandomSource.of(1), EngineOptions.batchSize(4));
  }

  /** Weights and biases of a 3-class softmax-linear model, exactly representable as floats. */
  static double[][] weights() {
    float[] flat = SeededArrays.uniform(RandomSource.of(7).derive("w"), 3 * SHAPE.size(), -1, 1);
    double[][] w = new double[3][SHAPE.size()];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < SHAPE.size(); i++) {
        w[k][i] = flat[k * SHAPE.size() + i];
      }
    }
    return w;
  }

  /** ∂ softmax(Wx + b)_t / ∂x in double precision. */
  static double[] softmaxGradient(double[][] w, double[] b, float[] x, int t) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return SoftmaxLinear.gradient(w, b, d, t);
  }

  @Test
  void gradTimesInputOnALinearModelIsWeightsTimesDisplacement() {
    LinearModel m = new LinearModel(SHAPE, 11);
    float[] x = input();
    float[] b = noiseBaseline();
    Attribution a = attribute(m, StraightPath.TYPE.createDefault(), GradTimesInputStepRule.TYPE.createDefault(), x, 0, b);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) a.values()[i]).as("A[%d]", i).isCloseTo(m.weights()[i] * ((double) x[i] - b[i]), offset(1e-6));
    }
    // linear: G×I is complete
    assertThat(Math.abs(a.sum() - a.expectedSum())).isLessThan(1e-5);
  }

  @Test
  void gradTimesInputOnSoftmaxIsTheGradientAtTheInputTimesDisplacement() {
    double[][] w = weights();
    double[] bias = {0.3, -0.2, 0.1};
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, bias);
    float[] x = input();
    float[] black = new float[x.length];
    float[] noise = noiseBaseline();
    Attribution a = attribute(m, StraightPath.TYPE.createDefault(), GradTimesInputStepRule.TYPE.createDefault(), x, 2, black, noise);
    double[] g = softmaxGradient(w, bias, x, 2);
    for (int i = 0; i < x.length; i++) {
      double expected = 0.5 * g[i] * (x[i] - black[i]) + 0.5 * g[i] * ((double) x[i] - noise[i]);
      assertThat((double) a.values()[i]).as("A[%d]", i).isCloseTo(expected, offset(1e-6));
    }
    assertThat(a.gradientPoints()).as("one gradient per baseline").isEqualTo(2);
    assertThat(a.forwardPoints()).as("the engine's scores of the input and the two starts").isEqualTo(3);
  }

  @Test
  void gradientIsTheGradientAtTheInputWhateverTheBaselineOrPath() {
    double[][] w = weights();
    double[] bias = {0.3, -0.2, 0.1};
    SoftmaxLinearModel m = new SoftmaxLinearModel(SHAPE, w, bias);
    float[] x = input();
    double[] g = softmaxGradient(w, bias, x, 1);
    StepRule rule = GradientStepRule.TYPE.createDefault();
    Attribution straight = attribute(m, StraightPath.TYPE.createDefault(), rule, x, 1, noiseBaseline());
    Attribution blur = attribute(m, BlurPath.TYPE.createDefault(), rule, x, 1, new float[x.length]);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) straight.values()[i]).as("straight A[%d]", i).isCloseTo(g[i], offset(1e-7));
      assertThat((double) blur.values()[i]).as("blur A[%d]", i).isCloseTo(g[i], offset(1e-7));
    }
    assertThat(straight.gradientPoints()).isEqualTo(1);
    assertThat(blur.gradientPoints()).isEqualTo(1);
  }

  @Test
  void gradientOnALinearModelIsItsWeights() {
    LinearModel m = new LinearModel(SHAPE, 12);
    Attribution a = attribute(m, StraightPath.TYPE.createDefault(), GradientStepRule.TYPE.createDefault(), input(), 0,
        new float[SHAPE.size()]);
    for (int i = 0; i < SHAPE.size(); i++) {
      assertThat((double) a.values()[i]).isEqualTo(m.weights()[i]);
    }
  }

  @Test
  void gradientWithoutAPointAtTheInputIsAnError() {
    StepAccumulator acc = GradientStepRule.TYPE.createDefault().start(SHAPE);
    float[] z = new float[SHAPE.size()];
    acc.accept(new PathPoint(0, 0.5, z, z, 1), 0f, z);
    assertThatThrownBy(acc::finish).hasMessageContaining("no point at alpha = 1");
  }

  @Test
  void oneNodeWhateverTheStepsAndOneGradientDeclared() {
    for (var type : java.util.List.of(GradTimesInputStepRule.TYPE, GradientStepRule.TYPE)) {
      StepRule r = type.createDefault();
      assertThat(r.withSteps(200).schedule().alphas()).containsExactly(1.0);
      assertThat(r.schedule().weights()).containsExactly(1.0);
      assertThat(type.modelCalls()).contains("1 gradient (at the input)");
    }
  }
}
