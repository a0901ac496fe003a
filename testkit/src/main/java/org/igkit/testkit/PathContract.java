package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.Integrator;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of a {@link Path}: it runs from {@link Path#start} to the input, emits finite,
 * correctly sized points one per scheduled node (unless adaptive), leaves its inputs alone, is
 * deterministic, and — integrated with a fine midpoint rule — is complete on every analytic case:
 * Σ A ≈ f(x) − f(γ(0)). A plugin's test implements this interface and supplies {@link #path()};
 * it declares {@link #adaptive()} and {@link #symmetric()} as its plugin does.
 *
 * <pre>{@code
 * class StraightPathTest implements PathContract {
 *   public Path path() { return new StraightPath(); }
 *   public boolean symmetric() { return true; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface PathContract {

  /** Returns the path under test. */
  Path path();

  /** Returns whether the path places points from gradients (then point counts may differ). */
  default boolean adaptive() {
    return false;
  }

  /** Returns whether the path claims symmetry (equal credit to symmetric, equal features). */
  default boolean symmetric() {
    return false;
  }

  /** Returns the cases to check; default: every analytic case. */
  default List<AnalyticCase> cases() {
    return AnalyticModels.all();
  }

  /** Returns the fine rule completeness is checked with; default: 256-step midpoint. */
  default StepRule fineRule() {
    return new ReferenceMidpointStepRule(Tolerances.COMPLETENESS_STEPS);
  }

  /**
   * Returns the relative completeness tolerance on {@code c} with {@link #fineRule()}; default:
   * {@link Tolerances#COMPLETENESS}, or {@link Tolerances#COMPLETENESS_KINKED} on kinked cases.
   */
  default double completenessTolerance(AnalyticCase c) {
    return c.smooth() ? Tolerances.COMPLETENESS : Tolerances.COMPLETENESS_KINKED;
  }

  /**
   * The first point is {@code path.start(x, x', shape)} and the last the input x, with a trapezoid
   * schedule (nodes j/16, both ends included) and with an IDGI-like one (same nodes, weights 0);
   * every point is finite and has the input's size.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void runsFromStartToInput(AnalyticCase c) {
    int n = 16;
    double[] alphas = IntStream.rangeClosed(0, n).mapToDouble(j -> (double) j / n).toArray();
    double[] trapezoid = IntStream.rangeClosed(0, n).mapToDouble(j -> j == 0 || j == n ? 0.5 / n : 1.0 / n).toArray();
    for (double[] weights : List.of(trapezoid, new double[n + 1])) {
      RecordingAccumulator rec = trace(c, new NodesStepRule(alphas, weights));
      assertThat(rec.problems()).as("%s: problems seen along the path", c).isEmpty();
      assertThat(rec.count()).as("%s: points", c).isPositive();
      float[] start = path().start(c.input(), c.baseline(), c.model().inputShape());
      assertNear(c, "first point vs path.start(x, x')", rec.first(), start);
      assertNear(c, "last point vs the input", rec.last(), c.input());
    }
  }

  /**
   * Completeness with a fine midpoint rule: |Σ A − (f(x) − f(γ(0)))| ≤ tol · |f(x) − f(γ(0))|.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void completeWithFineMidpointRule(AnalyticCase c) {
    StepResult r = IG.compute(c, path(), fineRule(), 64);
    double expected =
        c.inputScore() - c.model().value(path().start(c.input(), c.baseline(), c.model().inputShape()), c.target());
    assertThat(Math.abs(Attributions.sum(r.attribution()) - expected))
        .as("%s: |ΣA − (f(x) − f(γ(0)))| with %s, f(x) − f(γ(0)) = %s", c, fineRule(), expected)
        .isLessThanOrEqualTo(completenessTolerance(c) * Math.abs(expected));
    assertThat(Attributions.firstNonFinite(r.attribution())).as("%s: first non-finite attribution", c)
        .isEqualTo(-1);
  }

  /** A non-adaptive path emits exactly one point per scheduled node, indexed 0, 1, 2, … */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void emitsOnePointPerNode(AnalyticCase c) {
    assumeFalse(adaptive(), "adaptive paths choose their own points");
    for (StepRule rule : List.of(new ReferenceMidpointStepRule(7), new ReferenceMidpointStepRule(1))) {
      RecordingAccumulator rec = trace(c, rule);
      assertThat(rec.count()).as("%s, %s: points emitted", c, rule).isEqualTo(rule.schedule().size());
      assertThat(rec.indices()).as("%s, %s: point indices", c, rule)
          .containsExactlyElementsOf(IntStream.range(0, rec.count()).boxed().toList());
    }
  }

  /**
   * Batching changes nothing (DESIGN.md guarantee 2): three paths (the case's baseline and two
   * noise baselines) integrated together with batch sizes 1, 7 and 256 agree, so a path that
   * shares one position buffer between points, or mixes up its points, is caught.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void batchSizeChangesNothing(AnalyticCase c) {
    int n = c.model().inputShape().size();
    RandomSource r = RandomSource.of(AnalyticModels.SEED).derive("path-batching").derive(c.name());
    List<float[]> baselines =
        List.of(
            c.baseline(),
            SeededArrays.uniform(r.derive("noise", 0), n, -1, 1),
            SeededArrays.uniform(r.derive("noise", 1), n, 0, 2));
    StepRule rule = new ReferenceMidpointStepRule(37);
    List<StepResult> one = IG.computeAll(c.model(), path(), rule, c.input(), baselines, c.target(), 1);
    for (int batch : new int[] {7, 256}) {
      List<StepResult> other = IG.computeAll(c.model(), path(), rule, c.input(), baselines, c.target(), batch);
      for (int k = 0; k < baselines.size(); k++) {
        assertThat(Attributions.relativeMaxDifference(other.get(k).attribution(), one.get(k).attribution()))
            .as("%s, baseline %d: batch size %d vs 1", c, k, batch)
            .isLessThanOrEqualTo(Tolerances.BATCH_INVARIANCE);
      }
    }
  }

  /** Tracing a path modifies neither the input nor the baseline. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void leavesInputAndBaselineAlone(AnalyticCase c) {
    float[] x = c.input();
    float[] b = c.baseline();
    IG.compute(c.model(), path(), new ReferenceMidpointStepRule(8), x, b, c.target(), 3);
    path().start(x, b, c.model().inputShape());
    assertThat(x).as("%s: input after tracing", c).containsExactly(c.input());
    assertThat(b).as("%s: baseline after tracing", c).containsExactly(c.baseline());
  }

  /** Equal requests (same random source) give identical attributions. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  default void deterministic(AnalyticCase c) {
    StepRule rule = new ReferenceMidpointStepRule(16);
    double[] first = IG.compute(c, path(), rule, 4).attribution();
    double[] second = IG.compute(c, path(), rule, 4).attribution();
    assertThat(second).as("%s: second run", c).containsExactly(first);
  }

  /** A symmetric path gives x₁·x₂ with x₁ = x₂, x'₁ = x'₂ equal credit on both factors. */
  @Test
  default void symmetricFeaturesGetEqualCredit() {
    assumeTrue(symmetric(), "the path does not claim symmetry");
    AnalyticCase c = AnalyticModels.symmetricProduct();
    double[] a = IG.compute(c, path(), fineRule(), 64).attribution();
    assertThat(a[0]).as("attributions of the two symmetric factors").isEqualTo(a[1]);
    assertThat(a[0]).as("attribution of a factor").isNotEqualTo(0.0);
  }

  private RecordingAccumulator trace(AnalyticCase c, StepRule rule) {
    Shape shape = c.model().inputShape();
    CountingModel model = new CountingModel(c.model());
    RecordingAccumulator rec = new RecordingAccumulator(rule.start(shape, c.input()), shape.size());
    new Integrator(model, 5)
        .run(
            List.of(
                path().trace(
                    new PathRequest(c.input(), c.baseline(), shape, rule.schedule(), model, c.target(),
                        RandomSource.of(IG.SEED).derive("path", 0)))),
            List.of(rec),
            c.target());
    return rec;
  }

  private static void assertNear(AnalyticCase c, String what, float[] actual, float[] expected) {
    assertThat(actual).as("%s: %s (no point emitted?)", c, what).isNotNull();
    double scale = 1;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    double diff = 0;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs((double) actual[i] - expected[i]));
    }
    assertThat(diff).as("%s: %s, max |difference|", c, what)
        .isLessThanOrEqualTo(Tolerances.POSITION * scale);
  }
}
