package org.igkit.paths.blur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.Capability;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.paths.TracedPoints;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.IG;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.ReluNetwork;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.SoftmaxLinearModel;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blur IG: the path contract (start = blur(x, σ_max), no baseline), completeness against the
 * blurred start on 3×8×8 images, PAIR's sum reproduced, and batch sizes that change nothing.
 *
 * <p>Completeness tolerance. With σ = σ_max(1 − α), most of the image's change happens at
 * σ &lt; 2, the last 4 % of the path, so a uniform rule needs many nodes (with the contract's
 * default 256 midpoint steps the catalogue's gaps reach 1.8e-1; 4096 steps bring them to
 * 1.3e-2); and the tangent is PAIR's forward difference in σ (step 0.01), which leaves a bias of
 * about 1 % on 1×1 "images" (the catalogue's product and ReLU cases, whose blur is a scaling by
 * the kernel's centre weight). The contract's completeness check therefore uses a midpoint rule on
 * a graded mesh, 512 nodes at α = 1 − u³ (measured gaps ≤ 1.31e-2), and allows {@value #GAP}.
 */
class BlurPathTest implements PathContract {

  /** Relative completeness gap allowed with the graded fine rule on the catalogue. */
  static final double GAP = 2e-2;

  @Override
  public Path path() {
    return BlurPath.TYPE.createDefault();
  }

  /** Composite midpoint in u on α = 1 − (1 − u)³: nodes crowd towards α = 1 (small σ). */
  @Override
  public StepRule fineRule() {
    int n = 512;
    double[] a = new double[n];
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      double u = (j + 0.5) / n;
      a[n - 1 - j] = 1 - u * u * u;
      w[n - 1 - j] = 3 * u * u / n;
    }
    return new NodesStepRule(a, w);
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return GAP;
  }

  static final Shape IMAGE = Shape.of(3, 8, 8);

  static float[] image() {
    return SeededArrays.uniform(RandomSource.of(2020).derive("blur-image"), IMAGE.size(), 0, 1);
  }

  static List<ModelFunction> models() {
    return List.of(new SoftmaxLinearModel(IMAGE, 3, 7), new ReluNetwork(IMAGE, 12, 7));
  }

  private static BlurPath blur(String schedule) {
    return new BlurPath(new BlurPath.Spec(null, null, schedule, null));
  }

  @Test
  void startsAtTheBlurredInputAndIgnoresTheBaseline() {
    float[] x = image();
    float[] expected = GaussianBlur.blur(x, IMAGE, 50, GaussianBlur.Padding.ZERO);
    assertThat(path().start(x, new float[x.length], IMAGE)).containsExactly(expected);
    assertThat(path().start(x, x, IMAGE)).containsExactly(expected);
    assertThatThrownBy(() -> path().start(x, x))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("needs the image shape");
    TracedPoints t = TracedPoints.trace(path(), models().get(0), x, new float[x.length],
        new IdgiStepRule(4).schedule(), 5);
    assertThat(t.position(0)).containsExactly(expected);
    assertThat(t.position(4)).containsExactly(x);
  }

  @Test
  void declaresNoBaselineNeed() {
    assertThat(BlurPath.TYPE.id()).isEqualTo("blur");
    assertThat(BlurPath.TYPE.capabilities()).isEmpty();
    BlurPath.Spec s = new BlurPath.Spec(null, null, null, null);
    assertThat(s.maxSigma()).isEqualTo(50.0);
    assertThat(s.gradStep()).isEqualTo(0.01);
    assertThat(s.schedule()).isEqualTo("linear");
    assertThat(s.padding()).isEqualTo("zero");
    assertThatThrownBy(() -> new BlurPath.Spec(null, null, "sqr", null)).hasMessageContaining("did you mean 'sqrt'?");
    assertThatThrownBy(() -> new BlurPath.Spec(-1.0, null, null, null)).hasMessageContaining("maxSigma: must be > 0");
  }

  /**
   * Σ A ≈ f(x) − f(blur(x, σ_max)) on a 3×8×8 image with 512 midpoint steps, to 1e-2 relative:
   * linear with σ_max 50 (measured 4.6e-3 at 256 steps, 3.0e-3 at 1024: the forward difference's
   * floor) and sqrt with σ_max √50, PAIR's sqrt path (1.2e-2 at 256, 5.7e-3 at 1024). The sqrt
   * schedule with σ_max 50 squeezes σ &lt; 1 into α &gt; 0.9996 and needs far more steps.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linear", "sqrt"})
  void completeOnImagesAgainstTheBlurredStart(String schedule) {
    float[] x = image();
    BlurPath p = new BlurPath(new BlurPath.Spec(schedule.equals("sqrt") ? Math.sqrt(50) : 50, null, schedule, null));
    ModelFunction m = models().get(0);
    StepResult r = IG.compute(m, p, new ReferenceMidpointStepRule(512), x, x, 0, 256);
    double expected = score(m, x) - score(m, p.start(x, x, IMAGE));
    assertThat(Math.abs(Attributions.sum(r.attribution()) - expected))
        .as("%s, %s: f(x) − f(blur) = %s", m, schedule, expected)
        .isLessThanOrEqualTo(1e-2 * Math.abs(expected));
    StepResult idgi = IG.compute(m, p, new IdgiStepRule(64), x, x, 0, 256);
    assertThat(Math.abs(Attributions.sum(idgi.attribution()) - expected))
        .as("%s with idgi: exact", schedule)
        .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(expected));
  }

  /**
   * PAIR's Blur IG sum, written out from its definition: σ_i = i·σ_max/S and
   * A = −Σ_{i&lt;S} (σ_{i+1} − σ_i) · [(blur(x, σ_i + h) − blur(x, σ_i)) / h] ⊙ ∇f(blur(x, σ_i)),
   * equals this path under {@code riemann} right with S steps.
   */
  @Test
  void rightRiemannReproducesPairsSum() {
    float[] x = image();
    ModelFunction m = models().get(1);
    int steps = 20;
    double sigmaMax = 50;
    double h = 0.01;
    double[] expected = new double[x.length];
    for (int i = 0; i < steps; i++) {
      double s0 = i * sigmaMax / steps;
      double s1 = (i + 1) * sigmaMax / steps;
      float[] xi = GaussianBlur.blur(x, IMAGE, s0, GaussianBlur.Padding.ZERO);
      float[] ahead = GaussianBlur.blur(x, IMAGE, s0 + h, GaussianBlur.Padding.ZERO);
      float[] g = m.scoresAndGradients(List.of(xi), new int[] {0}).gradients().get(0);
      for (int k = 0; k < x.length; k++) {
        expected[k] -= (s1 - s0) * (((double) ahead[k] - xi[k]) / h) * g[k];
      }
    }
    StepResult r = IG.compute(m, path(), new RiemannStepRule(steps, RiemannStepRule.Variant.RIGHT), x, x, 0, 8);
    assertThat(Attributions.relativeMaxDifference(r.attribution(), expected)).isLessThanOrEqualTo(1e-5);
  }

  /** PAIR's sqrt spacing σ_i = √(i·σ_max/S) is the sqrt schedule with maxSigma √σ_max. */
  @Test
  void sqrtScheduleWithRootMaxSigmaIsPairsSqrtSpacing() {
    BlurPath p = new BlurPath(new BlurPath.Spec(Math.sqrt(50), null, "sqrt", null));
    int steps = 100;
    for (int i = 0; i <= steps; i++) {
      assertThat(p.sigma(1 - (double) i / steps)).isCloseTo(Math.sqrt(i * 50.0 / steps), offset(1e-12));
    }
    assertThat(blur("sqrt").sigma(0)).isEqualTo(50.0);
    assertThat(blur("sqrt").sigma(0.75)).isEqualTo(25.0);
    assertThat(blur("linear").sigma(0.75)).isEqualTo(12.5);
  }

  /**
   * Batching never changes a result (the reference's batched σ-step bug is absent): batch sizes
   * 1, 7 and 256 — one path alone and three paths together — give bit-identical attributions, for
   * both schedules; through the engine as well.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linear", "sqrt"})
  void batchSizesGiveIdenticalResults(String schedule) {
    float[] x = image();
    BlurPath p = new BlurPath(new BlurPath.Spec(6.0, null, schedule, null)); // small σ: a fast test
    ModelFunction m = models().get(1);
    for (StepRule rule : List.of(new RiemannStepRule(23, RiemannStepRule.Variant.RIGHT), new IdgiStepRule(23))) {
      List<float[]> baselines = List.of(x, new float[x.length], SeededArrays.uniform(RandomSource.of(5), x.length, 0, 1));
      List<StepResult> one = IG.computeAll(m, p, rule, x, baselines, 0, 1);
      for (int batch : new int[] {7, 256}) {
        List<StepResult> other = IG.computeAll(m, p, rule, x, baselines, 0, batch);
        for (int k = 0; k < baselines.size(); k++) {
          assertThat(other.get(k).attribution()).as("%s, %s, path %d, batch %d vs 1", schedule, rule, k, batch)
              .containsExactly(one.get(k).attribution());
          assertThat(other.get(k).attribution()).as("path %d vs path 0: the baseline is ignored", k)
              .containsExactly(one.get(0).attribution());
        }
      }
      List<float[]> engine = new ArrayList<>();
      for (int batch : new int[] {1, 7, 256}) {
        AttributionMethod method = new AttributionMethod("blur-ig",
            FixedBaselineSampler.of(new float[x.length], x), p, rule, new EqualWeightsAggregator());
        Attribution a = AttributionEngine.attribute(m, method, x, 0, RandomSource.of(1), EngineOptions.batchSize(batch));
        engine.add(a.values());
      }
      assertThat(engine.get(1)).containsExactly(engine.get(0));
      assertThat(engine.get(2)).containsExactly(engine.get(0));
    }
  }

  /** The tangent agrees with the central difference of the path's positions in α. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linear", "sqrt"})
  void tangentIsTheDerivativeOfThePath(String schedule) {
    float[] x = image();
    BlurPath p = blur(schedule);
    double d = 1e-3;
    for (double a : new double[] {0.1, 0.5, 0.9}) {
      var t = TracedPoints.trace(p, models().get(0), x, x,
          new org.igkit.api.path.Schedule(new double[] {a - d, a, a + d}, new double[3]), 3);
      float[] tangent = t.points().get(1).tangent();
      double[] central = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        central[i] = ((double) t.position(2)[i] - t.position(0)[i]) / (2 * d);
      }
      assertThat(Attributions.relativeMaxDifference(tangent, central)).as("%s at α = %s", schedule, a)
          .isLessThanOrEqualTo(2e-2);
    }
  }

  private static double score(ModelFunction m, float[] p) {
    return m.scoresAndGradients(List.of(p), new int[] {0}).scores()[0];
  }

  @Test
  void isNotAdaptive() {
    assertThat(BlurPath.TYPE.has(Capability.ADAPTIVE)).isFalse();
    assertThat(Tolerances.BATCH_INVARIANCE).isPositive();
  }
}
