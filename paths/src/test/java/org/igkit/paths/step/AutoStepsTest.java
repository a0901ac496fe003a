package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.StepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.ExponentialModel;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.ProductModel;
import org.junit.jupiter.api.Test;

/**
 * {@code steps: auto} through the engine on models whose quadrature errors are closed forms: the
 * chosen count is the first start·2^k whose closed-form relative gap is within the tolerance, the
 * gradients evaluated are those the reuse promises, and the result is the plain rule's at the
 * chosen count.
 */
class AutoStepsTest {

  /** f = x0 · x1 from (0, 0) to (1, 1): Δf = 1, and the left and right sums err by Δ0Δ1/n = 1/n. */
  private static final float[] ONES = {1f, 1f};
  private static final float[] ZEROS = {0f, 0f};

  /** exp(c · x) from 0 to x = (1, 0.5) with c = (0.8, 0.6): b = c · Δ = 1.1. */
  private static final Shape TWO = Shape.of(2, 1, 1);
  private static final double[] C = {0.8, 0.6};
  private static final float[] X = {1f, 0.5f};
  private static final double B = 0.8 * 1.0 + 0.6 * 0.5;

  /** Counts the points whose gradient the model is asked for. */
  static final class Counting implements ModelFunction {
    final ModelFunction inner;
    long gradients;

    Counting(ModelFunction inner) {
      this.inner = inner;
    }

    @Override
    public Shape inputShape() {
      return inner.inputShape();
    }

    @Override
    public int numClasses() {
      return inner.numClasses();
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      return inner.outputs(points);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      gradients += points.size();
      return inner.scoresAndGradients(points, targets);
    }
  }

  /** The straight path, not declaring itself pointwise: the engine must recompute. */
  private static final Path OPAQUE_STRAIGHT = request -> new StraightPath().trace(request);

  private static Attribution run(ModelFunction model, Path path, StepRule rule, float[] input, float[] baseline) {
    AttributionMethod method =
        new AttributionMethod("m", FixedBaselineSampler.of(baseline), path, rule, new EqualWeightsAggregator());
    return AttributionEngine.attribute(model, method, input, 0, RandomSource.of(7), EngineOptions.batchSize(5));
  }

  /** The first start·2^k ≤ max whose gap is within tol, or the last one ≤ max. */
  private static int expectedCount(IntToDoubleFunction gap, double tol, int start, int max) {
    int n = start;
    while (gap.applyAsDouble(n) > tol && 2 * n <= max) {
      n *= 2;
    }
    return n;
  }

  @Test
  void leftSumDoublesToTheFirstCountWithinToleranceAndReusesEveryNode() {
    double tol = 1e-2; // gap 1/n: 1/64 fails, 1/128 passes
    int n = expectedCount(k -> 1.0 / k, tol, 16, 1024);
    assertThat(n).isEqualTo(128);
    assertThat(1.0 / (n / 2)).isGreaterThan(tol);
    Counting model = new Counting(new ProductModel());
    Attribution a = run(model, new StraightPath(),
        new AutoSteps(new RiemannStepRule(16, RiemannStepRule.Variant.LEFT), tol, 16, 1024), ONES, ZEROS);
    assertThat(a.diagnostics()).containsEntry("steps", (double) n).containsEntry("steps-capped", 0.0);
    assertThat(a.diagnostics().get("steps-gap")).isCloseTo(1.0 / n, within(1e-6));
    // 16 nodes, then the 16, 32, 64 midpoints added by each doubling: exactly the 128 nodes of the left sum at 128
    assertThat(model.gradients).isEqualTo(n);
    assertThat(a.gradientPoints()).isEqualTo(n);
    // the completeness gap of a left sum on x0·x1 is Δ0Δ1/n
    assertThat(a.sum()).isCloseTo(1.0 - 1.0 / n, within(1e-6));

    Attribution plain = run(new ProductModel(), new StraightPath(),
        new RiemannStepRule(n, RiemannStepRule.Variant.LEFT), ONES, ZEROS);
    assertThat(plain.diagnostics()).doesNotContainKeys("steps", "steps-capped", "steps-gap");
    for (int i = 0; i < 2; i++) {
      assertThat(a.values()[i]).isCloseTo(plain.values()[i], within(Math.ulp(plain.values()[i])));
    }
  }

  @Test
  void eachBaselineGetsItsOwnCountAndTheLargestIsReported() {
    // from (0.5, 0.5): Δf = 0.75 and Δ0Δ1 = 0.25, so the left sum's relative gap is 1/(3n): 64 suffices; from 0: 128
    double tol = 1e-2;
    int second = expectedCount(k -> 1.0 / (3.0 * k), tol, 16, 1024);
    assertThat(second).isEqualTo(64);
    Counting model = new Counting(new ProductModel());
    AttributionMethod method = new AttributionMethod("m", FixedBaselineSampler.of(ZEROS, new float[] {0.5f, 0.5f}),
        new StraightPath(), new AutoSteps(new RiemannStepRule(16, RiemannStepRule.Variant.LEFT), tol, 16, 1024),
        new EqualWeightsAggregator());
    Attribution a = AttributionEngine.attribute(model, method, ONES, 0, RandomSource.of(7), EngineOptions.batchSize(7));
    assertThat(a.diagnostics()).containsEntry("steps", 128.0).containsEntry("steps-capped", 0.0);
    assertThat(model.gradients).isEqualTo(128 + second);
    // ½ [(1 − 1/128) + (0.75 − 0.25/64)]
    assertThat(a.sum()).isCloseTo(0.5 * ((1 - 1.0 / 128) + (0.75 - 0.25 / 64)), within(1e-6));
  }

  @Test
  void trapezoidOnAnExponentialMeetsItsToleranceWithNestedReuse() {
    double tol = 1e-5;
    ExponentialModel exp = new ExponentialModel(TWO, C);
    int n = expectedCount(k -> ExponentialModel.trapezoidGap(B, k), tol, 4, 4096);
    assertThat(ExponentialModel.trapezoidGap(B, n / 2)).isGreaterThan(tol);
    Counting model = new Counting(exp);
    Attribution a = run(model, new StraightPath(),
        new AutoSteps(new RiemannStepRule(4, RiemannStepRule.Variant.TRAPEZOID), tol, 4, 4096), X, ZEROS);
    assertThat(a.diagnostics()).containsEntry("steps", (double) n).containsEntry("steps-capped", 0.0);
    double delta = Math.exp(B) - 1;
    assertThat(Math.abs(a.sum() - delta) / delta).isLessThanOrEqualTo(tol);
    assertThat(a.diagnostics().get("steps-gap"))
        .isCloseTo(ExponentialModel.trapezoidGap(B, n), within(1e-6));
    // the trapezoid at n has n + 1 nodes, all evaluated once
    assertThat(model.gradients).isEqualTo(n + 1);

    Attribution plain = run(exp, new StraightPath(), new RiemannStepRule(n, RiemannStepRule.Variant.TRAPEZOID), X, ZEROS);
    for (int i = 0; i < 2; i++) {
      assertThat(a.values()[i]).isCloseTo(plain.values()[i], within(2 * Math.ulp(plain.values()[i])));
    }
  }

  @Test
  void afterNestedDoublingsThePathRecordIsThePlainRulesRecord() {
    // left sums on x0·x1 from 0 to 1: the gap 1/n closes to 1e-2 at 128 through the 16, 32, 64 midpoints
    double tol = 1e-2;
    EngineOptions sums = EngineOptions.batchSize(5).withCancellationSums(true);
    AttributionMethod auto = new AttributionMethod("m", FixedBaselineSampler.of(ZEROS), new StraightPath(),
        new AutoSteps(new RiemannStepRule(16, RiemannStepRule.Variant.LEFT), tol, 16, 1024),
        new EqualWeightsAggregator());
    Attribution a = AttributionEngine.attribute(new ProductModel(), auto, ONES, 0, RandomSource.of(7), sums);
    assertThat(a.diagnostics()).containsEntry("steps", 128.0);
    assertThat(a.paths()).hasSize(1);
    org.igkit.api.engine.PathRecord r = a.paths().get(0);
    // f = x0·x1 = α² at the left nodes j/128 (j = 0…127; α = 0 is γ(0)), then f(x) = 1 appended
    assertThat(r.scores()).hasSize(129);
    for (int j = 0; j < 128; j++) {
      assertThat(r.scores()[j]).as("score at α = %d/128", j).isCloseTo((double) j * j / (128.0 * 128.0), within(1e-6));
    }
    assertThat(r.scores()[128]).isEqualTo(1.0);
    // c_j = (1/128)·(α_j·1 + α_j·1): every contribution is ≥ 0, so T = V = Σ_j 2α_j/128 = (127/128)
    double t = 0;
    for (int j = 0; j < 128; j++) {
      t += 2.0 * j / 128 / 128;
    }
    assertThat(r.contributionL1()).isCloseTo(t, within(1e-6));
    assertThat(r.stepL1()).isCloseTo(t, within(1e-6));

    AttributionMethod plain = new AttributionMethod("m", FixedBaselineSampler.of(ZEROS), new StraightPath(),
        new RiemannStepRule(128, RiemannStepRule.Variant.LEFT), new EqualWeightsAggregator());
    org.igkit.api.engine.PathRecord p =
        AttributionEngine.attribute(new ProductModel(), plain, ONES, 0, RandomSource.of(7), sums).paths().get(0);
    assertThat(r.scores()).containsExactly(p.scores());
    assertThat(r.contributionL1()).isCloseTo(p.contributionL1(), within(1e-12));
    assertThat(r.attributionSum()).isCloseTo(p.attributionSum(), within(1e-6));
  }

  @Test
  void aPathThatIsNotPointwiseRecomputesAndGivesThePlainRuleBitForBit() {
    double tol = 1e-5;
    ExponentialModel exp = new ExponentialModel(TWO, C);
    int n = expectedCount(k -> ExponentialModel.trapezoidGap(B, k), tol, 4, 4096);
    Counting model = new Counting(exp);
    Attribution a = run(model, OPAQUE_STRAIGHT,
        new AutoSteps(new RiemannStepRule(4, RiemannStepRule.Variant.TRAPEZOID), tol, 4, 4096), X, ZEROS);
    assertThat(a.diagnostics()).containsEntry("steps", (double) n);
    long expected = 0;
    for (int k = 4; k <= n; k *= 2) {
      expected += k + 1;
    }
    assertThat(model.gradients).isEqualTo(expected);
    Attribution plain = run(exp, OPAQUE_STRAIGHT, new RiemannStepRule(n, RiemannStepRule.Variant.TRAPEZOID), X, ZEROS);
    assertThat(a.values()).containsExactly(plain.values());
  }

  @Test
  void midpointRecomputesAtEachDoublingAndGivesThePlainRuleBitForBit() {
    double tol = 1e-5;
    ExponentialModel exp = new ExponentialModel(TWO, C);
    int n = expectedCount(k -> ExponentialModel.midpointGap(B, k), tol, 8, 1024);
    assertThat(ExponentialModel.midpointGap(B, n / 2)).isGreaterThan(tol);
    assertThat(ExponentialModel.midpointGap(B, n)).isLessThanOrEqualTo(tol);
    Counting model = new Counting(exp);
    Attribution a = run(model, new StraightPath(),
        new AutoSteps(new RiemannStepRule(8, RiemannStepRule.Variant.MIDPOINT), tol, 8, 1024), X, ZEROS);
    assertThat(a.diagnostics()).containsEntry("steps", (double) n).containsEntry("steps-capped", 0.0);
    long expected = 0;
    for (int k = 8; k <= n; k *= 2) {
      expected += k;
    }
    assertThat(model.gradients).isEqualTo(expected);
    Attribution plain = run(exp, new StraightPath(), new RiemannStepRule(n, RiemannStepRule.Variant.MIDPOINT), X, ZEROS);
    assertThat(a.values()).containsExactly(plain.values());
  }

  @Test
  void gaussLegendreStopsAtTheFirstCountWithinTolerance() {
    double tol = 1e-6;
    ExponentialModel exp = new ExponentialModel(TWO, C);
    double delta = Math.exp(B) - 1;
    Attribution a = run(exp, new StraightPath(), new AutoSteps(new GaussLegendreStepRule(1), tol, 1, 64), X, ZEROS);
    int n = a.diagnostics().get("steps").intValue();
    // the chosen count meets the tolerance and half of it does not (gaps from the plain rule against f(x) − f(0))
    Attribution at = run(exp, new StraightPath(), new GaussLegendreStepRule(n), X, ZEROS);
    assertThat(Math.abs(at.sum() - delta) / delta).isLessThanOrEqualTo(tol);
    assertThat(n).isGreaterThan(1);
    Attribution half = run(exp, new StraightPath(), new GaussLegendreStepRule(n / 2), X, ZEROS);
    assertThat(Math.abs(half.sum() - delta) / delta).isGreaterThan(tol);
    assertThat(a.values()).containsExactly(at.values());
  }

  @Test
  void stopsAtTheCapWithTheReasonRecordedWhenTheToleranceCannotBeMet() {
    Counting model = new Counting(new ProductModel());
    Attribution a = run(model, new StraightPath(),
        new AutoSteps(new RiemannStepRule(16, RiemannStepRule.Variant.RIGHT), 1e-9, 16, 200), ONES, ZEROS);
    // 16, 32, 64, 128; 256 would pass the cap of 200
    assertThat(a.diagnostics()).containsEntry("steps", 128.0).containsEntry("steps-capped", 1.0);
    assertThat(a.diagnostics().get("steps-gap")).isCloseTo(1.0 / 128, within(1e-6));
    assertThat(model.gradients).isEqualTo(128);
  }

  @Test
  void specsTakeAnIntegerOrAutoAndRefuseEverythingElseNamingTheKey() {
    RiemannStepRule.Spec auto = new RiemannStepRule.Spec("auto", "left", 1e-4, 8, 512);
    StepRule rule = auto.build();
    assertThat(rule).isInstanceOf(AutoSteps.class);
    assertThat(((AutoSteps) rule).tolerance()).isEqualTo(1e-4);
    assertThat(((AutoSteps) rule).maxSteps()).isEqualTo(512);
    assertThat(rule.steps()).isEqualTo(8);
    RiemannStepRule.Spec defaults = new RiemannStepRule.Spec("auto", null, null, null, null);
    assertThat(defaults).isEqualTo(new RiemannStepRule.Spec("auto", "midpoint", 1e-3, 16, 1024));
    assertThat(new RiemannStepRule.Spec(32, null).build()).isInstanceOf(RiemannStepRule.class);
    assertThat(new GaussLegendreStepRule.Spec("auto", null, null, null).build()).isInstanceOf(AutoSteps.class);
    assertThatThrownBy(() -> new RiemannStepRule.Spec("many", null, null, null, null))
        .hasMessage("steps: must be an integer ≥ 1 or auto, was 'many'");
    assertThatThrownBy(() -> new RiemannStepRule.Spec(32, null, 1e-3, null, null))
        .hasMessage("tolerance: only goes with steps: auto, was 0.001");
    assertThatThrownBy(() -> new GaussLegendreStepRule.Spec("auto", null, 64, 32))
        .hasMessage("maxSteps: must be ≥ 64, was 32");
    assertThatThrownBy(() -> new GaussLegendreStepRule.Spec("auto", -1.0, null, null))
        .hasMessage("tolerance: must be > 0 and finite, was -1.0");
  }
}
