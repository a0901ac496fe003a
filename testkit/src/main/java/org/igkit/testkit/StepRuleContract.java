package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.Integrator;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of a {@link StepRule}: the axioms of Integrated Gradients (Sundararajan et al.,
 * ICML 2017) and igkit's streaming and batching guarantees, checked on the straight path over
 * every case of {@link AnalyticModels}. A plugin's test implements this interface and supplies
 * {@link #stepRule(int)}; it declares what the rule claims by overriding
 * {@link #exactlyComplete()}, {@link #reproducesIntegratedGradients()} and {@link #order()}.
 * Declared claims must hold, and undeclared ones are checked to be really absent.
 *
 * <pre>{@code
 * class RiemannLeftTest implements StepRuleContract {
 *   public StepRule stepRule(int steps) { return new RiemannStepRule(steps, Variant.LEFT); }
 *   public int order() { return 1; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface StepRuleContract {

  /** Returns the rule under test with {@code steps} steps. */
  StepRule stepRule(int steps);

  /**
   * Returns whether Σ A = f(x) − f(x') holds to float rounding at every step count (IDGI), as long
   * as no step was skipped. Default: false.
   */
  default boolean exactlyComplete() {
    return false;
  }

  /**
   * Returns whether the rule is a quadrature of the IG integral (weights sum to 1, attributions
   * converge to IG feature by feature). IDGI is not: it redistributes each step's score change
   * along the gradient. Default: true.
   */
  default boolean reproducesIntegratedGradients() {
    return true;
  }

  /** Returns the rule's order of accuracy on smooth integrands (error O(n^−order)). Default: 2. */
  default int order() {
    return 2;
  }

  /** Returns the path the rule is tested on; default: the test kit's straight line. */
  default Path path() {
    return new ReferenceStraightPath();
  }

  /** Returns the cases to check; default: every analytic case. */
  default List<AnalyticCase> cases() {
    return AnalyticModels.all();
  }

  /** Returns the cases of {@link #cases()} whose integrand is smooth along the path. */
  default List<AnalyticCase> smoothCases() {
    return cases().stream().filter(AnalyticCase::smooth).toList();
  }

  /**
   * Returns how many of the newest gradients an accumulator may still read after accepting a
   * point; older ones are poisoned by {@link #accumulatorKeepsNoOldGradients}. Default: 1 (the
   * current one, which IDGI needs at the next step).
   */
  default int retainedGradients() {
    return 1;
  }

  /**
   * Returns the relative completeness tolerance for case {@code c} at
   * {@value Tolerances#COMPLETENESS_STEPS} steps, from the rule's declared claims.
   */
  default double completenessTolerance(AnalyticCase c) {
    return exactlyComplete() ? Tolerances.EXACT_COMPLETENESS : quadratureTolerance(c);
  }

  /**
   * Returns the relative tolerance of a quadrature at {@value Tolerances#COMPLETENESS_STEPS}
   * steps on {@code c}: kinked integrands, then first-order rules, get more room.
   */
  default double quadratureTolerance(AnalyticCase c) {
    if (!c.smooth()) {
      return Tolerances.COMPLETENESS_KINKED;
    }
    return order() <= 1 ? Tolerances.COMPLETENESS_FIRST_ORDER : Tolerances.COMPLETENESS;
  }

  /**
   * (a) Completeness: |Σ A − (f(x) − f(x'))| ≤ tol · |f(x) − f(x')| at 256 steps. An exactly
   * complete rule is held to float rounding unless it skipped steps (IDGI at zero gradients drops
   * those steps' score change), in which case it is held to the quadrature tolerance.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void completeAt256Steps(AnalyticCase c) {
    StepResult r = integrate(c, Tolerances.COMPLETENESS_STEPS, 64);
    double tol =
        exactlyComplete() && r.skippedSteps() > 0 ? quadratureTolerance(c) : completenessTolerance(c);
    assertThat(gap(c, r))
        .as("%s: |ΣA − (f(x) − f(x'))| with %s (f(x) − f(x') = %s, %d skipped steps)",
            c, stepRule(Tolerances.COMPLETENESS_STEPS), c.scoreChange(), r.skippedSteps())
        .isLessThanOrEqualTo(tol * Math.abs(c.scoreChange()));
  }

  /**
   * (b) Convergence on smooth integrands: gap(512) ≤ gap(64) ≤ gap(8), ties at float rounding
   * allowed, and gap(512) &lt; gap(8) unless gap(8) is already at rounding level.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smoothCases")
  default void gapShrinksAsStepsGrow(AnalyticCase c) {
    double tie = Tolerances.ROUNDING * Math.abs(c.scoreChange());
    double g8 = gap(c, integrate(c, 8, 64));
    double g64 = gap(c, integrate(c, 64, 64));
    double g512 = gap(c, integrate(c, 512, 64));
    String gaps = "gaps at 8, 64, 512 steps: " + g8 + ", " + g64 + ", " + g512;
    assertThat(g64).as("%s: %s", c, gaps).isLessThanOrEqualTo(g8 + tie);
    assertThat(g512).as("%s: %s", c, gaps).isLessThanOrEqualTo(g64 + tie);
    if (g8 > tie) {
      assertThat(g512).as("%s: %s", c, gaps).isLessThan(g8);
    }
  }

  /**
   * (c) On the linear model, whose gradient is constant, a quadrature of IG reproduces the closed
   * form (x − x') ⊙ w at any step count. A rule that declares it does not reproduce IG must in
   * fact differ from it (the declaration is honest).
   */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 8, 256})
  default void reproducesClosedFormOnLinearModel(int steps) {
    AnalyticCase c = AnalyticModels.linear();
    double d = Attributions.relativeMaxDifference(integrate(c, steps, 64).attribution(), c.expectedAttribution());
    if (reproducesIntegratedGradients()) {
      assertThat(d)
          .as("linear model, %s: relative max difference from (x − x') ⊙ w", stepRule(steps))
          .isLessThanOrEqualTo(Tolerances.CLOSED_FORM);
    } else {
      assertThat(d)
          .as("linear model, %s declares reproducesIntegratedGradients() = false but matches"
              + " (x − x') ⊙ w; declare it", stepRule(steps))
          .isGreaterThan(Tolerances.CLOSED_FORM);
    }
  }

  /**
   * (c′) Feature by feature, a quadrature of IG approaches every case's closed form (reference for
   * softmax) at 256 steps, within the case's quadrature tolerance relative to max |IG_i|.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void matchesClosedFormAt256Steps(AnalyticCase c) {
    assumeTrue(reproducesIntegratedGradients(), "the rule does not claim to reproduce IG");
    double d =
        Attributions.relativeMaxDifference(
            integrate(c, Tolerances.COMPLETENESS_STEPS, 64).attribution(), c.expectedAttribution());
    assertThat(d)
        .as("%s: relative max difference from the closed-form IG", c)
        .isLessThanOrEqualTo(quadratureTolerance(c));
  }

  /** A rule that does not declare exact completeness must really miss it somewhere at 1 step. */
  @Test
  default void undeclaredExactnessIsReallyAbsent() {
    assumeFalse(exactlyComplete(), "the rule declares exact completeness");
    double worst = 0;
    for (AnalyticCase c : cases()) {
      worst = Math.max(worst, gap(c, integrate(c, 1, 64)) / Math.abs(c.scoreChange()));
    }
    assertThat(worst)
        .as("%s is exactly complete on every case: declare exactlyComplete()", stepRule(1))
        .isGreaterThan(Tolerances.EXACT_COMPLETENESS);
  }

  /** (d) Sensitivity: a feature the model ignores gets exactly 0, though x and x' differ there. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 8, 256})
  default void dummyFeaturesGetExactlyZero(int steps) {
    AnalyticCase c = AnalyticModels.linear();
    int[] dummies = ((LinearModel) c.model()).dummyFeatures();
    assertThat(dummies).as("the linear case has dummy features").isNotEmpty();
    double[] a = integrate(c, steps, 64).attribution();
    for (int i : dummies) {
      assertThat(c.input()[i]).as("x and x' differ at dummy feature %d", i).isNotEqualTo(c.baseline()[i]);
      assertThat(a[i]).as("attribution of dummy feature %d", i).isEqualTo(0.0);
    }
  }

  /** (e) Symmetry: on x₁·x₂ with x₁ = x₂ and x'₁ = x'₂ the straight path credits both alike. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 8, 256})
  default void symmetricFeaturesGetEqualCredit(int steps) {
    AnalyticCase c = AnalyticModels.symmetricProduct();
    double[] a = integrate(c, steps, 64).attribution();
    assertThat(a[0]).as("attributions of the two symmetric factors").isEqualTo(a[1]);
    assertThat(a[0]).as("attribution of a factor").isNotEqualTo(0.0);
  }

  /**
   * (f) Implementation invariance: two networks computing the same function with different
   * parameters get the same attributions.
   */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {8, 256})
  default void implementationInvariant(int steps) {
    AnalyticCase net = AnalyticModels.reluNetwork();
    AnalyticCase twin = AnalyticModels.reluNetworkTwin();
    double d =
        Attributions.relativeMaxDifference(
            integrate(net, steps, 64).attribution(), integrate(twin, steps, 64).attribution());
    assertThat(d)
        .as("relative max difference between the attributions of two parameterisations")
        .isLessThanOrEqualTo(Tolerances.IMPLEMENTATION_INVARIANCE);
  }

  /**
   * (g) Batching changes nothing: three paths (the case's baseline and two noise baselines)
   * integrated together with batch sizes 1, 7 and 256 — so batches mix steps and baselines —
   * and each path alone agree to {@link Tolerances#BATCH_INVARIANCE}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void batchSizeChangesNothing(AnalyticCase c) {
    int n = c.model().inputShape().size();
    RandomSource r = RandomSource.of(AnalyticModels.SEED).derive("batching").derive(c.name());
    List<float[]> baselines =
        List.of(
            c.baseline(),
            SeededArrays.uniform(r.derive("noise", 0), n, -1, 1),
            SeededArrays.uniform(r.derive("noise", 1), n, 0, 2));
    StepRule rule = stepRule(37);
    List<StepResult> one = IG.computeAll(c.model(), path(), rule, c.input(), baselines, c.target(), 1);
    for (int batch : new int[] {7, 256}) {
      List<StepResult> other = IG.computeAll(c.model(), path(), rule, c.input(), baselines, c.target(), batch);
      for (int k = 0; k < baselines.size(); k++) {
        assertThat(Attributions.relativeMaxDifference(other.get(k).attribution(), one.get(k).attribution()))
            .as("%s, baseline %d: batch size %d vs 1", c, k, batch)
            .isLessThanOrEqualTo(Tolerances.BATCH_INVARIANCE);
        assertThat(other.get(k).skippedSteps()).as("%s, baseline %d: skipped steps", c, k)
            .isEqualTo(one.get(k).skippedSteps());
      }
    }
    for (int k = 0; k < baselines.size(); k++) {
      StepResult alone = IG.compute(c.model(), path(), rule, c.input(), baselines.get(k), c.target(), 5);
      assertThat(Attributions.relativeMaxDifference(alone.attribution(), one.get(k).attribution()))
          .as("%s, baseline %d: integrated alone vs with other baselines", c, k)
          .isLessThanOrEqualTo(Tolerances.BATCH_INVARIANCE);
    }
  }

  /**
   * (h) Streaming: the accumulator sees exactly one point per node of the schedule, and the model
   * computes exactly that many gradients; the weights of a quadrature of IG sum to 1; and
   * {@code withSteps} gives the rule built with that step count.
   */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 2, 7, 64})
  default void accumulatorSeesExactlyTheScheduledNodes(int steps) {
    StepRule rule = stepRule(steps);
    Schedule schedule = rule.schedule();
    assertThat(rule.steps()).as("steps()").isEqualTo(steps);
    if (reproducesIntegratedGradients()) {
      assertThat(schedule.weightSum()).as("%s: sum of weights", rule)
          .isCloseTo(1.0, offset(Tolerances.WEIGHT_SUM));
    }
    assertThat(stepRule(3).withSteps(steps).schedule())
        .as("withSteps(%d) gives the schedule of stepRule(%d)", steps, steps)
        .isEqualTo(schedule);
    AnalyticCase c = AnalyticModels.softmaxLinear();
    Shape shape = c.model().inputShape();
    CountingModel counted = new CountingModel(c.model());
    AtomicInteger accepted = new AtomicInteger();
    StepAccumulator inner = rule.start(shape, c.input());
    StepAccumulator counting =
        new StepAccumulator() {
          @Override
          public void accept(PathPoint point, float score, float[] gradient) {
            accepted.incrementAndGet();
            inner.accept(point, score, gradient);
          }

          @Override
          public StepResult finish() {
            return inner.finish();
          }
        };
    new Integrator(counted, 16)
        .run(
            List.of(
                path().trace(
                    new PathRequest(c.input(), c.baseline(), shape, schedule, counted, c.target(),
                        RandomSource.of(IG.SEED)))),
            List.of(counting),
            c.target());
    assertThat(accepted.get()).as("%s: points accepted", rule).isEqualTo(schedule.size());
    assertThat(counted.gradientPoints()).as("%s: gradients computed", rule).isEqualTo(schedule.size());
  }

  /**
   * (h′) Streaming: gradients older than the last {@link #retainedGradients()} are overwritten
   * with NaN once accepted; the result must not change, so the accumulator kept no old points.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void accumulatorKeepsNoOldGradients(AnalyticCase c) {
    StepRule rule = stepRule(64);
    List<float[]> baselines = List.of(c.baseline());
    StepResult plain = IG.compute(c, path(), rule, 8);
    StepResult poisoned =
        IG.integrate(c.model(), path(), rule, c.input(), baselines, c.target(), 8,
                a -> new RetentionCheckingAccumulator(a, retainedGradients()))
            .get(0);
    assertThat(Attributions.firstNonFinite(poisoned.attribution()))
        .as("%s: the accumulator read a gradient it had already accepted %d+ points ago",
            c, retainedGradients())
        .isEqualTo(-1);
    assertThat(poisoned.attribution()).as("%s: result with old gradients poisoned", c)
        .containsExactly(plain.attribution());
    assertThat(poisoned.skippedSteps()).isEqualTo(plain.skippedSteps());
  }

  /** No case ever yields a NaN or infinite attribution, at any step count. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void neverNaN(AnalyticCase c) {
    List<Integer> bad = new ArrayList<>();
    for (int steps : new int[] {1, 2, 3, 64}) {
      if (Attributions.firstNonFinite(integrate(c, steps, 64).attribution()) >= 0) {
        bad.add(steps);
      }
    }
    assertThat(bad).as("%s: step counts giving non-finite attributions", c).isEmpty();
  }

  private StepResult integrate(AnalyticCase c, int steps, int batchSize) {
    return IG.compute(c, path(), stepRule(steps), batchSize);
  }

  private static double gap(AnalyticCase c, StepResult r) {
    return Math.abs(Attributions.sum(r.attribution()) - c.scoreChange());
  }
}
