package org.igkit.paths.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.testkit.FormulaModel;
import org.igkit.paths.TracedPoints;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.PathDifferencesStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guided IG: the path contract (adaptive, symmetric), a hand-traced case checked number by
 * number, how schedules map onto steps, and exact completeness with IDGI.
 *
 * <p>Completeness tolerance: Guided IG's sum is a left Riemann sum along its own discrete path,
 * Σ_k ∇f(x_k)·(x_{k+1} − x_k). On smooth cases the features settle into moving 1/S per step and
 * the gap is first order in 1/S: the contract's 256 steps are held to
 * {@link Tolerances#COMPLETENESS_FIRST_ORDER} (1e-2; measured ≤ 4.4e-3). On ReLU cases a unit
 * switching reorders |g| and features jump by up to 2·maxDist in one step with the gradient of
 * the step's start, so each kink costs O(maxDist·|jump|) whatever S: measured on
 * {@code relu-network} 8.6e-2 at 256 steps and 8.9e-2 at 4096 (2.2e-2 with maxDist 0.005,
 * 1.5e-1 with MA-GIG's maxDist 1), the same as a transcription of PAIR's code gives. Held to
 * {@value #KINKED_GAP}. IDGI is exact on every case.
 */
class GuidedPathTest implements PathContract {

  @Override
  public Path path() {
    return GuidedPath.TYPE.createDefault();
  }

  @Override
  public boolean adaptive() {
    return GuidedPath.TYPE.has(Capability.ADAPTIVE);
  }

  @Override
  public boolean symmetric() {
    return GuidedPath.TYPE.has(Capability.SYMMETRIC);
  }

  /** Relative completeness gap allowed on kinked cases (see the class comment). */
  static final double KINKED_GAP = 0.1;

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return c.smooth() ? Tolerances.COMPLETENESS_FIRST_ORDER : KINKED_GAP;
  }

  /** f(x) = x₀ + 2x₁ + 3x₂ + 4x₃ + 1.5x₀², ∇f = (1 + 3x₀, 2, 3, 4): only x₀'s gradient moves. */
  static final class HandModel extends FormulaModel {
    HandModel() {
      super(Shape.of(1, 1, 4));
    }

    @Override
    public double value(double[] x) {
      return x[0] + 2 * x[1] + 3 * x[2] + 4 * x[3] + 1.5 * x[0] * x[0];
    }

    @Override
    public double[] gradient(double[] x) {
      return new double[] {1 + 3 * x[0], 2, 3, 4};
    }
  }

  static final float[] BASELINE = {0, 0, 0, 0};
  static final float[] INPUT = {1, 1, 2, 3};

  /**
   * The path traced by hand with PAIR's defaults (fraction 0.25, max_dist 0.02) and S = 4 steps
   * from x' = 0 to x = (1, 1, 2, 3); L1(x, x') = 7. The quantile index is ⌊0.25·(4 − 1)⌋ = 0, so
   * each round moves the feature(s) with the smallest |g| among those not yet at the window's top.
   *
   * <pre>
   * step 0: α = .25, window [.23, .27], L1 target 7·.75 = 5.25, g = ∇f(0) = (1, 2, 3, 4)
   *   snap all to .23·x = (.23, .23, .46, .69): L1 = 7·.77 = 5.39
   *   f₀ (|g| 1): room .04, γ = .14/.04 = 3.5 → top .27        L1 5.35
   *   f₁ (|g| 2): room .04, γ = .10/.04 = 2.5 → top .27        L1 5.31
   *   f₂ (|g| 3): room .08, γ = .06/.08 = .75 → .46 + .06 = .52 L1 5.25
   *   x₁ = (.27, .27, .52, .69)
   * step 1: α = .5, window [.48, .52], target 3.5, g = ∇f(x₁) = (1.81, 2, 3, 4)
   *   snap all (progress .27, .27, .26, .23 &lt; .48) to (.48, .48, .96, 1.44): L1 = 3.64
   *   f₀ (1.81): γ = .14/.04 = 3.5 → .52; f₁ (2): γ = .10/.04 = 2.5 → .52;
   *   f₂ (3): room .08, γ = .06/.08 = .75 → .96 + .06 = 1.02
   *   x₂ = (.52, .52, 1.02, 1.44)
   * step 2: α = .75, window [.73, .77], target 1.75, g = ∇f(x₂) = (2.56, 2, 3, 4)
   *   snap all to (.73, .73, 1.46, 2.19): L1 = 1.89
   *   now f₁ (2) goes first: γ = 3.5 → .77; then f₀ (2.56): γ = 2.5 → .77;
   *   f₂ (3): γ = .75 → 1.46 + .06 = 1.52
   *   x₃ = (.77, .77, 1.52, 2.19)
   * step 3: α = 1, window [.98, 1], target 0, g = ∇f(x₃) = (3.31, 2, 3, 4)
   *   snap to (.98, .98, 1.96, 2.94), then f₁, f₂, f₀, f₃ in turn reach x: x₄ = (1, 1, 2, 3)
   * </pre>
   */
  static final float[][] HAND_POINTS = {
    {0, 0, 0, 0},
    {.27f, .27f, .52f, .69f},
    {.52f, .52f, 1.02f, 1.44f},
    {.77f, .77f, 1.52f, 2.19f},
    {1, 1, 2, 3},
  };

  /**
   * Σ_k g(x_k)(x_{k+1} − x_k): feature 0 gets 1·.27 + 1.81·.25 + 2.56·.25 + 3.31·.23 = 2.1238;
   * the others have constant gradients, 2·1, 3·2, 4·3.
   */
  static final double[] HAND_ATTRIBUTION = {2.1238, 2, 6, 12};

  private static GuidedPath pair() {
    return new GuidedPath(new GuidedPath.Spec(null, null, null));
  }

  @Test
  void matchesTheHandTracedCaseWithAQuadratureSchedule() {
    HandModel model = new HandModel();
    Schedule midpoint = new RiemannStepRule(4, RiemannStepRule.Variant.MIDPOINT).schedule();
    TracedPoints t = TracedPoints.trace(pair(), model, INPUT, BASELINE, midpoint, 1);
    assertThat(t.size()).as("points: S = 4 steps, the input reached by the last displacement").isEqualTo(4);
    for (int k = 0; k < 4; k++) {
      assertClose("x_" + k, t.position(k), HAND_POINTS[k], 1e-6);
      float[] displacement = new float[4];
      for (int i = 0; i < 4; i++) {
        displacement[i] = HAND_POINTS[k + 1][i] - HAND_POINTS[k][i];
      }
      assertClose("displacement x_" + (k + 1) + " − x_" + k, t.points().get(k).tangent(), displacement, 1e-6);
      assertThat(t.points().get(k).weight()).isEqualTo(1.0);
      assertThat(t.points().get(k).alpha()).isEqualTo(k / 4.0);
    }
    StepResult r = IG.compute(model, pair(), new RiemannStepRule(4, RiemannStepRule.Variant.MIDPOINT),
        INPUT, BASELINE, 0, 3);
    for (int i = 0; i < 4; i++) {
      assertThat(r.attribution()[i]).as("A_%d", i).isCloseTo(HAND_ATTRIBUTION[i], offset(1e-5));
    }
  }

  /** With IDGI's schedule (5 nodes, both ends) the same 4 steps give 5 points ending on x. */
  @Test
  void matchesTheHandTracedCaseWithIdgi() {
    HandModel model = new HandModel();
    TracedPoints t = TracedPoints.trace(pair(), model, INPUT, BASELINE, new IdgiStepRule(4).schedule(), 2);
    assertThat(t.size()).isEqualTo(5);
    for (int k = 0; k <= 4; k++) {
      assertClose("x_" + k, t.position(k), HAND_POINTS[k], 1e-6);
    }
    assertThat(t.position(4)).as("the last point is exactly the input").containsExactly(INPUT);
    assertThat(t.points().get(4).tangent()).containsOnly(0f);
    // IDGI from the hand-traced points: A_i = Σ_k g_i(x_k)² (f(x_{k+1}) − f(x_k)) / ‖g(x_k)‖².
    double[] expected = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] g = model.gradient(HAND_POINTS[k]);
      double d = model.value(HAND_POINTS[k + 1]) - model.value(HAND_POINTS[k]);
      double norm = g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3];
      for (int i = 0; i < 4; i++) {
        expected[i] += g[i] * g[i] * d / norm;
      }
    }
    StepResult r = IG.compute(model, pair(), new IdgiStepRule(4), INPUT, BASELINE, 0, 1);
    assertThat(Attributions.relativeMaxDifference(r.attribution(), expected)).isLessThanOrEqualTo(1e-5);
    assertThat(Attributions.sum(r.attribution()))
        .as("IDGI telescopes: f(x) − f(x') = 1 + 2 + 6 + 12 + 1.5")
        .isCloseTo(22.5, offset(1e-4));
  }

  /**
   * The hand-traced sum with {@code path-differences}: 4 gradients at x₀ … x₃, the last
   * difference ending on the input the engine hands the rule.
   */
  @Test
  void matchesTheHandTracedCaseWithPathDifferences() {
    HandModel model = new HandModel();
    TracedPoints t = TracedPoints.trace(pair(), model, INPUT, BASELINE, new PathDifferencesStepRule(4).schedule(), 1);
    assertThat(t.size()).as("points: 4 steps, no gradient at the input").isEqualTo(4);
    StepResult r = IG.compute(model, pair(), new PathDifferencesStepRule(4), INPUT, BASELINE, 0, 3);
    for (int i = 0; i < 4; i++) {
      assertThat(r.attribution()[i]).as("A_%d", i).isCloseTo(HAND_ATTRIBUTION[i], offset(1e-5));
    }
  }

  /**
   * {@code steps: n} is n guided steps with every registered rule: the traced points (with the
   * input itself where the rule's nodes include α = 1 and α = 0) follow the 4-step hand trace and
   * the rule's schedule has one node per point, so each takes exactly its gradients.
   */
  @Test
  void everyRuleTakesItsStepCountOfGuidedSteps() {
    HandModel model = new HandModel();
    List<StepRule> rules = List.of(
        new RiemannStepRule(4, RiemannStepRule.Variant.LEFT),
        new RiemannStepRule(4, RiemannStepRule.Variant.RIGHT),
        new RiemannStepRule(4, RiemannStepRule.Variant.MIDPOINT),
        new RiemannStepRule(4, RiemannStepRule.Variant.TRAPEZOID),
        new GaussLegendreStepRule(4),
        new IdgiStepRule(4),
        new PathDifferencesStepRule(4));
    for (StepRule rule : rules) {
      TracedPoints t = TracedPoints.trace(pair(), model, INPUT, BASELINE, rule.schedule(), 2);
      assertThat(t.size()).as("%s: points", rule).isEqualTo(rule.schedule().size());
      for (int k = 0; k < 4; k++) {
        assertClose(rule + ": x_" + k, t.position(k), HAND_POINTS[k], 1e-6);
      }
      StepResult r = IG.compute(model, pair(), rule, INPUT, BASELINE, 0, 3);
      if (!(rule instanceof IdgiStepRule)) {
        for (int i = 0; i < 4; i++) {
          assertThat(r.attribution()[i]).as("%s: A_%d", rule, i).isCloseTo(HAND_ATTRIBUTION[i], offset(1e-5));
        }
      }
    }
  }

  /** Every rule's n steps are n intervals, whichever nodes it picks. */
  @Test
  void mapsSchedulesOntoSteps() {
    assertThat(GuidedPath.steps(new PathDifferencesStepRule(200).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(1, RiemannStepRule.Variant.RIGHT).schedule())).isEqualTo(1);
    assertThat(GuidedPath.steps(new RiemannStepRule(1, RiemannStepRule.Variant.TRAPEZOID).schedule())).isEqualTo(1);
    assertThat(GuidedPath.steps(new IdgiStepRule(200).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(200, RiemannStepRule.Variant.TRAPEZOID).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(200, RiemannStepRule.Variant.MIDPOINT).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(200, RiemannStepRule.Variant.LEFT).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new GaussLegendreStepRule(200).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(200, RiemannStepRule.Variant.RIGHT).schedule())).isEqualTo(200);
    assertThat(GuidedPath.steps(new RiemannStepRule(1, RiemannStepRule.Variant.MIDPOINT).schedule())).isEqualTo(1);
  }

  /** The quadrature sum is the same left sum whatever the rule's nodes, for equal step counts. */
  @Test
  void quadratureRulesOfEqualStepsAgree() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    List<StepRule> rules = List.of(
        new RiemannStepRule(32, RiemannStepRule.Variant.MIDPOINT),
        new RiemannStepRule(32, RiemannStepRule.Variant.TRAPEZOID),
        new GaussLegendreStepRule(32));
    double[] first = IG.compute(c, path(), rules.get(0), 7).attribution();
    for (StepRule rule : rules) {
      assertThat(IG.compute(c, path(), rule, 7).attribution()).as("%s", rule).containsExactly(first);
    }
  }

  /** IDGI along the guided path is exactly complete at any step count. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 5, 64})
  void idgiIsExactlyComplete(int steps) {
    for (AnalyticCase c : AnalyticModels.smooth()) {
      StepResult r = IG.compute(c, path(), new IdgiStepRule(steps), 16);
      assertThat(Math.abs(Attributions.sum(r.attribution()) - c.scoreChange()))
          .as("%s", c)
          .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(c.scoreChange()));
    }
  }

  /**
   * Paths of different baselines advance together: with three baselines and a large batch, every
   * model call carries one point of each path (lookahead 1), and the results equal each path alone.
   */
  @Test
  void baselinesAdvanceInTheSameBatch() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    int n = c.input().length;
    List<float[]> baselines = List.of(c.baseline(), new float[n],
        org.igkit.testkit.SeededArrays.uniform(org.igkit.api.random.RandomSource.of(4), n, -1, 0));
    org.igkit.api.engine.CountingModel counted = new org.igkit.api.engine.CountingModel(c.model());
    IdgiStepRule rule = new IdgiStepRule(10);
    List<StepResult> together = IG.computeAll(counted, path(), rule, c.input(), baselines, c.target(), 256);
    assertThat(counted.calls()).as("model calls: one per point of a path").isEqualTo(11);
    assertThat(counted.largestBatch()).as("points per call: one per baseline").isEqualTo(3);
    for (int k = 0; k < 3; k++) {
      StepResult alone = IG.compute(c.model(), path(), rule, c.input(), baselines.get(k), c.target(), 1);
      assertThat(together.get(k).attribution()).as("baseline %d", k).containsExactly(alone.attribution());
    }
  }

  @Test
  void presetsCarryTheReferenceSettings() {
    GuidedPath.Spec pair = new GuidedPath.Spec(null, null, null);
    assertThat(pair.preset()).isEqualTo("pair");
    assertThat(pair.fraction()).isEqualTo(0.25);
    assertThat(pair.maxDist()).isEqualTo(0.02);
    GuidedPath.Spec ma = new GuidedPath.Spec("ma-gig", null, null);
    assertThat(ma.fraction()).isEqualTo(0.1);
    assertThat(ma.maxDist()).isEqualTo(1.0);
    assertThat(new GuidedPath.Spec("ma-gig", 0.5, null).fraction()).isEqualTo(0.5);
    assertThatThrownBy(() -> new GuidedPath.Spec("magig", null, null))
        .hasMessageContaining("preset: must be one of [pair, ma-gig, sig]")
        .hasMessageContaining("did you mean 'ma-gig'?");
    assertThatThrownBy(() -> new GuidedPath.Spec(null, 0.0, null)).hasMessageContaining("fraction: must be in (0.0, 1.0]");
  }

  /** The MA-GIG settings trace a complete path too (max_dist 1: no window). */
  @Test
  void maGigPresetIsCompleteWithIdgi() {
    GuidedPath ma = new GuidedPath(new GuidedPath.Spec("ma-gig", null, null));
    AnalyticCase c = AnalyticModels.softmaxLinear();
    StepResult r = IG.compute(c, ma, new IdgiStepRule(16), 4);
    assertThat(Math.abs(Attributions.sum(r.attribution()) - c.scoreChange()))
        .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(c.scoreChange()));
  }

  @Test
  void declaresAdaptiveSymmetricAndNeedsABaseline() {
    assertThat(GuidedPath.TYPE.id()).isEqualTo("guided");
    assertThat(GuidedPath.TYPE.capabilities())
        .containsExactlyInAnyOrder(Capability.ADAPTIVE, Capability.NEEDS_BASELINE, Capability.SYMMETRIC);
  }

  @Test
  void inputEqualToBaselineStaysPut() {
    float[] x = {0.5f, 0.25f, 1, 2};
    TracedPoints t = TracedPoints.trace(pair(), new HandModel(), x, x.clone(), new IdgiStepRule(3).schedule(), 1);
    for (int k = 0; k < t.size(); k++) {
      assertThat(t.position(k)).containsExactly(x);
      assertThat(t.points().get(k).tangent()).containsOnly(0f);
    }
  }

  @Test
  void quantileIsNumpysLower() {
    assertThat(LowerQuantile.select(new double[] {4, 1, 3, 2}, 0)).isEqualTo(1);
    assertThat(LowerQuantile.select(new double[] {4, 1, 3, 2}, 2)).isEqualTo(3);
    assertThat(LowerQuantile.select(new double[] {Double.POSITIVE_INFINITY, 2, 2, 5, 1}, 2)).isEqualTo(2);
    assertThat(LowerQuantile.select(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 7}, 1))
        .isEqualTo(Double.POSITIVE_INFINITY);
    java.util.SplittableRandom g = new java.util.SplittableRandom(3);
    for (int trial = 0; trial < 50; trial++) {
      double[] a = new double[1 + g.nextInt(40)];
      for (int i = 0; i < a.length; i++) {
        a[i] = g.nextInt(6); // many ties
      }
      double[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      int k = g.nextInt(a.length);
      assertThat(LowerQuantile.select(a.clone(), k)).isEqualTo(sorted[k]);
    }
  }

  private static void assertClose(String what, float[] actual, float[] expected, double tol) {
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], offset(tol));
    }
  }
}
