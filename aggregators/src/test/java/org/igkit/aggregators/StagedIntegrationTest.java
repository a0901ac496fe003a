package org.igkit.aggregators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.engine.PathRecord;
import org.igkit.api.engine.SharedIntegrals;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.step.RiemannStepRule.Variant;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.BatchRoundingModel;
import org.igkit.testkit.ExponentialModel;
import org.junit.jupiter.api.Test;

/**
 * A nested step rule (left, right or trapezoid Riemann sum) at n steps on the straight path, where
 * each baseline is batched on its own, is integrated coarse to fine: at c₀ (the fewest of n, n/2,
 * n/4, … still ≥ 8, halving only while even), then doubled, each doubling evaluating only the
 * midpoints it adds. Checked here: the model sees exactly those passes; the result is the
 * quadrature sum of the definition (an independent double-precision sum, and the closed form on
 * an exponential model) and the one-pass result to float rounding; a two-stage filter's cheap
 * pass is a stage of the full integral and every stage is shared between methods, at the
 * gradient-point counts the definition gives, reported as without sharing; sharing changes no bit
 * on a model whose rounding depends on the batch; a staged path record is the one-pass record;
 * the midpoint rule, which does not nest, is integrated in one pass.
 */
class StagedIntegrationTest {

  private static final Shape SHAPE = Shape.of(3, 6, 6);
  private static final SigmoidModel EXACT = new SigmoidModel(SHAPE, 23);
  private static final int BATCH = 7;
  /** Larger than any rule's node count here: the engine integrates every baseline in one mixed pass. */
  private static final int ONE_PASS_BATCH = 1024;
  private static final float[] INPUT = image(new SplittableRandom(5));
  private static final List<Baseline> BASELINES = baselines();
  private static final int N = BASELINES.size();
  private static final int DROP = 2;
  private static final int S = N - DROP;
  private static final FitnessSpec FITNESS = new FitnessSpec(null, null, null, null, null, null, "zero", null, null);

  private static float[] image(SplittableRandom g) {
    return TestImages.image(SHAPE, g);
  }

  private static List<Baseline> baselines() {
    return TestImages.blackWhiteNoise(SHAPE, true, 3, 11);
  }

  private static Aggregator eg() {
    return new UniformAggregator(new UniformAggregator.Spec(null, null));
  }

  private static Aggregator wg() {
    return new FitnessAggregator(FITNESS);
  }

  private static Aggregator filtered(int cheapSteps) {
    return new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, DROP, true, cheapSteps));
  }

  private static String key(RiemannStepRule rule) {
    return "path:straight;stepRule:riemann-" + rule.variant() + rule.steps();
  }

  private static Attribution run(ModelFunction model, Aggregator aggregator, RiemannStepRule rule, int batch,
      boolean sums, SharedIntegrals shared, String cell) {
    AttributionMethod m = new AttributionMethod("m", request -> BASELINES, new StraightPath(), rule, aggregator);
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    return AttributionEngine.attribute(model, m, INPUT, 0, sample.derive("cell:" + cell), sample.derive("baselines"),
        EngineOptions.batchSize(batch).withCancellationSums(sums), shared, shared == null ? null : key(rule));
  }

  private static Attribution run(ModelFunction model, Aggregator aggregator, RiemannStepRule rule,
      SharedIntegrals shared, String cell) {
    return run(model, aggregator, rule, BATCH, true, shared, cell);
  }

  // ---- the quadrature of the definition, written out ----

  /** The nodes α_j of the n-interval Riemann sum of {@code v}. */
  private static double[] alphas(Variant v, int n) {
    int m = v == Variant.TRAPEZOID ? n + 1 : n;
    double[] a = new double[m];
    for (int j = 0; j < m; j++) {
      a[j] = switch (v) {
        case LEFT, TRAPEZOID -> (double) j / n;
        case RIGHT -> (double) (j + 1) / n;
        case MIDPOINT -> (j + 0.5) / n;
      };
    }
    return a;
  }

  /** The weights w_j of the n-interval Riemann sum of {@code v}. */
  private static double[] weights(Variant v, int n) {
    double[] w = new double[alphas(v, n).length];
    Arrays.fill(w, 1.0 / n);
    if (v == Variant.TRAPEZOID) {
      w[0] = 0.5 / n;
      w[n] = 0.5 / n;
    }
    return w;
  }

  /** Σ_j w_j ∂_i f(x' + α_j Δ) Δ_i in double precision, with the sigmoid's exact gradient. */
  private static double[] riemann(Variant v, int n, float[] base) {
    double[] a = alphas(v, n);
    double[] w = weights(v, n);
    double[] out = new double[SHAPE.size()];
    double[] p = new double[SHAPE.size()];
    for (int j = 0; j < a.length; j++) {
      for (int i = 0; i < p.length; i++) {
        p[i] = base[i] + a[j] * ((double) INPUT[i] - base[i]);
      }
      double[] g = EXACT.gradient(p);
      for (int i = 0; i < p.length; i++) {
        out[i] += w[j] * g[i] * ((double) INPUT[i] - base[i]);
      }
    }
    return out;
  }

  /** T = Σ_j Σ_i |w_j ∂_i f(p_j) Δ_i| and V = Σ_j |Σ_i w_j ∂_i f(p_j) Δ_i|, in double precision. */
  private static double[] cancellationSums(Variant v, int n, float[] base) {
    double[] a = alphas(v, n);
    double[] w = weights(v, n);
    double t = 0;
    double vsum = 0;
    double[] p = new double[SHAPE.size()];
    for (int j = 0; j < a.length; j++) {
      for (int i = 0; i < p.length; i++) {
        p[i] = base[i] + a[j] * ((double) INPUT[i] - base[i]);
      }
      double[] g = EXACT.gradient(p);
      double step = 0;
      for (int i = 0; i < p.length; i++) {
        double c = w[j] * g[i] * ((double) INPUT[i] - base[i]);
        step += c;
        t += Math.abs(c);
      }
      vsum += Math.abs(step);
    }
    return new double[] {t, vsum};
  }

  private static double maxAbs(double[] v) {
    return Arrays.stream(v).map(Math::abs).max().orElseThrow();
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }

  /** The step counts of the stages, from the definition: halve while even and the half is ≥ 8. */
  private static final int[][] CHAINS = {{32, 8, 16, 32}, {48, 12, 24, 48}, {40, 10, 20, 40}};

  // ---- 1. values ----

  @Test
  void aStagedIntegralIsTheRiemannSumOfTheDefinitionAndTheOnePassResult() {
    for (Variant v : new Variant[] {Variant.TRAPEZOID, Variant.LEFT, Variant.RIGHT}) {
      for (int[] chain : CHAINS) {
        int n = chain[0];
        RiemannStepRule rule = new RiemannStepRule(n, v);
        CountingModel staged = new CountingModel(EXACT);
        Attribution a = run(staged, eg(), rule, null, "eg");
        // the passes are the stages': each pass of one baseline's points in batches of 7
        long calls = 1; // the input's and the starts' scores (6 points)
        for (int i = 1; i < chain.length; i++) {
          int nodes = i == 1 ? alphas(v, chain[1]).length : chain[i - 1];
          calls += (long) N * ((nodes + BATCH - 1) / BATCH);
        }
        assertThat(staged.calls()).as(v + " " + n).isEqualTo(calls);
        assertThat(staged.gradientPoints()).isEqualTo((long) N * alphas(v, n).length);

        CountingModel onePass = new CountingModel(EXACT);
        Attribution b = run(onePass, eg(), rule, ONE_PASS_BATCH, true, null, "eg");
        assertThat(onePass.calls()).isEqualTo(2); // the scores, then all baselines' nodes at once

        double[] mean = new double[SHAPE.size()];
        for (int k = 0; k < N; k++) {
          double[] expected = riemann(v, n, BASELINES.get(k).values());
          double scale = maxAbs(expected);
          float[] got = a.baselineMap(k);
          float[] one = b.baselineMap(k);
          float ulp = Math.ulp((float) maxAbs(one));
          for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(got[i] - expected[i])).as(v + " " + n + " k=" + k + " i=" + i)
                .isLessThanOrEqualTo(1e-5 * scale);
            assertThat(Math.abs(got[i] - one[i])).as(v + " " + n + " k=" + k + " i=" + i)
                .isLessThanOrEqualTo(ulp);
            mean[i] += expected[i] / N;
          }
        }
        double scale = maxAbs(mean);
        float ulp = Math.ulp((float) maxAbs(b.values()));
        for (int i = 0; i < mean.length; i++) {
          assertThat(Math.abs(a.values()[i] - mean[i])).isLessThanOrEqualTo(1e-5 * scale);
          assertThat(Math.abs(a.values()[i] - b.values()[i])).isLessThanOrEqualTo(ulp);
        }
      }
    }
  }

  /**
   * On f(x) = exp(c·x) every feature's n-interval sum is IG_i times the rule's ratio to ∫₀¹ e^{bt} dt
   * (b = c·Δ, s = b/n): s / (e^s − 1) for the left sum, s e^s / (e^s − 1) for the right, and
   * (s/2) coth(s/2) for the trapezoid (their mean).
   */
  @Test
  void onAnExponentialModelTheStagedSumHasTheClosedFormQuadratureError() {
    Shape shape = Shape.of(1, 2, 2);
    ExponentialModel model = new ExponentialModel(shape, 0.5, -0.25, 1.0, 0.75);
    float[] x = {1f, -1f, 1.5f, 0.5f};
    float[] base = {-0.5f, 0.5f, -0.5f, -1f};
    double b = 0.5 * 1.5 + 0.25 * 1.5 + 1.0 * 2 + 0.75 * 1.5; // c·Δ = 4.25
    double[] ig = model.integratedGradients(x, base, 0);
    BaselineSampler one = request -> List.of(new Baseline("b", base));
    for (Variant v : new Variant[] {Variant.TRAPEZOID, Variant.LEFT, Variant.RIGHT}) {
      double previousError = Double.POSITIVE_INFINITY;
      for (int n : new int[] {10, 20, 32, 40, 48, 64}) {
        AttributionMethod m = new AttributionMethod("ig", one, new StraightPath(), new RiemannStepRule(n, v), eg());
        CountingModel counted = new CountingModel(model);
        Attribution a =
            AttributionEngine.attribute(counted, m, x, 0, RandomSource.of(1), EngineOptions.batchSize(BATCH));
        double s = b / n;
        double ratio = switch (v) {
          case LEFT -> s / Math.expm1(s);
          case RIGHT -> s * Math.exp(s) / Math.expm1(s);
          default -> (s / 2) / Math.tanh(s / 2);
        };
        for (int i = 0; i < ig.length; i++) {
          double rel = a.values()[i] / ig[i];
          assertThat(Math.abs(rel - ratio)).as(v + " " + n + " i=" + i).isLessThanOrEqualTo(1e-5);
        }
        // the error shrinks as n grows (O(1/n) for left and right, O(1/n²) for the trapezoid)
        double error = Math.abs(ratio - 1);
        assertThat(error).isLessThan(previousError).isGreaterThan(1e-4);
        previousError = error;
        assertThat(counted.gradientPoints()).isEqualTo(alphas(v, n).length);
      }
    }
  }

  // ---- the passes the model sees ----

  /** Records the first coordinate of every point of every gradient call, call by call. */
  private static final class PassLog implements ModelFunction {
    private final ModelFunction model;
    final List<float[]> calls = new ArrayList<>();

    PassLog(ModelFunction model) {
      this.model = model;
    }

    @Override
    public Shape inputShape() {
      return model.inputShape();
    }

    @Override
    public int numClasses() {
      return model.numClasses();
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      return model.outputs(points);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      float[] first = new float[points.size()];
      for (int i = 0; i < first.length; i++) {
        first[i] = points.get(i)[0];
      }
      calls.add(first);
      return model.scoresAndGradients(points, targets);
    }
  }

  /**
   * From the zero baseline to an input whose first value is 1, a point's first value is α: each
   * gradient call holds one stage's nodes, in order, 7 at a time — the coarsest rule's nodes first,
   * then each doubling's midpoints (j + ½)/c of the coarse intervals.
   */
  @Test
  void eachStageIsOneBatchedPassOfTheNodesItAdds() {
    float[] x = INPUT.clone();
    x[0] = 1f;
    BaselineSampler black = request -> List.of(new Baseline("black", new float[SHAPE.size()]));
    int[][] chains = {{32, 8, 16, 32}, {48, 12, 24, 48}, {40, 10, 20, 40}, {50, 25, 50}, {8, 8}, {4, 4}, {12, 12}};
    for (Variant v : new Variant[] {Variant.TRAPEZOID, Variant.LEFT, Variant.RIGHT}) {
      for (int[] chain : chains) {
        PassLog log = new PassLog(EXACT);
        AttributionMethod m = new AttributionMethod("ig", black, new StraightPath(), new RiemannStepRule(chain[0], v),
            eg());
        AttributionEngine.attribute(log, m, x, 0, RandomSource.of(1), EngineOptions.batchSize(BATCH));
        List<float[]> expected = new ArrayList<>();
        for (int i = 1; i < chain.length; i++) {
          double[] nodes = i == 1 ? alphas(v, chain[1]) : alphas(Variant.MIDPOINT, chain[i - 1]);
          for (int from = 0; from < nodes.length; from += BATCH) {
            float[] batch = new float[Math.min(BATCH, nodes.length - from)];
            for (int j = 0; j < batch.length; j++) {
              batch[j] = (float) nodes[from + j];
            }
            expected.add(batch);
          }
        }
        assertThat(log.calls).as(v + " " + chain[0]).hasSameSizeAs(expected);
        for (int c = 0; c < expected.size(); c++) {
          assertThat(log.calls.get(c)).as(v + " " + chain[0] + " call " + c).containsExactly(expected.get(c));
        }
      }
    }
  }

  // ---- 2. gradient point counts ----

  private static final RiemannStepRule TRAPEZOID_32 = new RiemannStepRule(32, Variant.TRAPEZOID);

  @Test
  void oneMethodAloneCostsItsRulesNodesPerBaseline() {
    for (Supplier<Aggregator> a : List.<Supplier<Aggregator>>of(StagedIntegrationTest::eg,
        StagedIntegrationTest::wg)) {
      for (SharedIntegrals shared : new SharedIntegrals[] {null, new SharedIntegrals()}) {
        CountingModel counted = new CountingModel(EXACT);
        Attribution r = run(counted, a.get(), TRAPEZOID_32, shared, "m");
        assertThat(counted.gradientPoints()).isEqualTo(33L * N); // 9 + 8 + 16
        assertThat(r.gradientPoints()).isEqualTo(33L * N);
      }
    }
    CountingModel counted = new CountingModel(EXACT);
    Attribution r = run(counted, eg(), new RiemannStepRule(48, Variant.TRAPEZOID), null, "m");
    assertThat(r.gradientPoints()).isEqualTo(49L * N).isEqualTo(counted.gradientPoints()); // 13 + 12 + 24
    r = run(counted, eg(), new RiemannStepRule(40, Variant.LEFT), null, "m");
    assertThat(r.gradientPoints()).isEqualTo(40L * N); // 10 + 10 + 20
  }

  @Test
  void twoStageFilteringAloneComputesOnlyTheFinerStagesForItsSurvivors() {
    // cheap count → {cheap nodes per baseline, full nodes per survivor}
    int[][] cases = {
      {8, 9, 24}, // a stage: the survivors add 16's and 32's midpoints
      {16, 17, 16}, // a stage: the survivors add 32's midpoints
      {4, 5, 33}, // not a stage (the chain starts at 8): the survivors integrate in full
      {12, 13, 33}, // not a stage
    };
    for (int[] c : cases) {
      for (SharedIntegrals shared : new SharedIntegrals[] {null, new SharedIntegrals()}) {
        CountingModel counted = new CountingModel(EXACT);
        Attribution r = run(counted, filtered(c[0]), TRAPEZOID_32, shared, "f");
        assertThat(r.diagnostics().get("survivors")).isEqualTo((double) S);
        long expected = (long) N * c[1] + (long) S * c[2];
        assertThat(counted.gradientPoints()).as("cheap " + c[0]).isEqualTo(expected);
        assertThat(r.gradientPoints()).as("cheap " + c[0]).isEqualTo(expected);
      }
    }
  }

  @Test
  void aLeftSumsCheapPassIsAStageToo() {
    RiemannStepRule left = new RiemannStepRule(32, Variant.LEFT);
    CountingModel counted = new CountingModel(EXACT);
    Attribution r = run(counted, filtered(8), left, null, "f");
    assertThat(r.gradientPoints()).isEqualTo(8L * N + 24L * S).isEqualTo(counted.gradientPoints());
    SharedIntegrals shared = new SharedIntegrals();
    CountingModel both = new CountingModel(EXACT);
    assertThat(run(both, eg(), left, shared, "eg").gradientPoints()).isEqualTo(32L * N);
    assertThat(run(both, filtered(8), left, shared, "f").gradientPoints()).isEqualTo(8L * N + 24L * S);
    assertThat(both.gradientPoints()).isEqualTo(32L * N);
  }

  @Test
  void afterEgFilteredWgComputesNothingAndReportsItsOwnCost() {
    CountingModel counted = new CountingModel(EXACT);
    SharedIntegrals shared = new SharedIntegrals();
    Attribution eg = run(counted, eg(), TRAPEZOID_32, shared, "eg");
    assertThat(counted.gradientPoints()).isEqualTo(33L * N);
    Attribution f = run(counted, filtered(8), TRAPEZOID_32, shared, "f");
    Attribution wg = run(counted, wg(), TRAPEZOID_32, shared, "wg");
    assertThat(counted.gradientPoints()).isEqualTo(33L * N);
    assertThat(eg.gradientPoints()).isEqualTo(33L * N);
    assertThat(f.gradientPoints()).isEqualTo(9L * N + 24L * S);
    assertThat(wg.gradientPoints()).isEqualTo(33L * N);
    // a cheap count that is a stage but not the coarsest: its cheap pass too is EG's
    Attribution f16 = run(counted, filtered(16), TRAPEZOID_32, shared, "f16");
    assertThat(counted.gradientPoints()).isEqualTo(33L * N);
    assertThat(f16.gradientPoints()).isEqualTo(17L * N + 16L * S);
    // a cheap count that is not a stage is computed (and only that)
    Attribution f4 = run(counted, filtered(4), TRAPEZOID_32, shared, "f4");
    assertThat(counted.gradientPoints()).isEqualTo(33L * N + 5L * N);
    assertThat(f4.gradientPoints()).isEqualTo(5L * N + 33L * S);
  }

  @Test
  void afterFilteredWgEgComputesOnlyTheDroppedBaselinesFinerStages() {
    CountingModel counted = new CountingModel(EXACT);
    SharedIntegrals shared = new SharedIntegrals();
    Attribution f = run(counted, filtered(8), TRAPEZOID_32, shared, "f");
    long filteredCost = 9L * N + 24L * S;
    assertThat(counted.gradientPoints()).isEqualTo(filteredCost);
    assertThat(f.gradientPoints()).isEqualTo(filteredCost);
    Attribution eg = run(counted, eg(), TRAPEZOID_32, shared, "eg");
    assertThat(counted.gradientPoints()).isEqualTo(filteredCost + 24L * (N - S));
    assertThat(eg.gradientPoints()).isEqualTo(33L * N);
    Attribution wg = run(counted, wg(), TRAPEZOID_32, shared, "wg");
    assertThat(counted.gradientPoints()).isEqualTo(33L * N);
    assertThat(wg.gradientPoints()).isEqualTo(33L * N);
  }

  @Test
  void reportedCountsAreTheUnsharedCountsInEveryOrder() {
    List<Supplier<Aggregator>> methods = List.of(StagedIntegrationTest::eg, StagedIntegrationTest::wg,
        () -> filtered(8), () -> filtered(4), () -> filtered(16));
    long[] alone = new long[methods.size()];
    for (int i = 0; i < alone.length; i++) {
      alone[i] = run(EXACT, methods.get(i).get(), TRAPEZOID_32, null, "c" + i).gradientPoints();
    }
    assertThat(alone).containsExactly(33L * N, 33L * N, 9L * N + 24L * S, 5L * N + 33L * S, 17L * N + 16L * S);
    int[][] orders = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {3, 4, 2, 0, 1}};
    for (int[] order : orders) {
      SharedIntegrals shared = new SharedIntegrals();
      for (int i : order) {
        Attribution r = run(EXACT, methods.get(i).get(), TRAPEZOID_32, shared, "c" + i);
        assertThat(r.gradientPoints()).as(Arrays.toString(order) + " method " + i).isEqualTo(alone[i]);
      }
    }
  }

  // ---- 3. bits ----

  private static void assertSameRecord(PathRecord a, PathRecord b) {
    assertThat(a.baseline()).isEqualTo(b.baseline());
    assertThat(a.start()).containsExactly(b.start());
    assertThat(a.scores()).containsExactly(b.scores());
    assertThat(a.attributionSum()).isEqualTo(b.attributionSum());
    assertThat(a.attributionL1()).isEqualTo(b.attributionL1());
    assertThat(a.contributionL1()).isEqualTo(b.contributionL1());
    assertThat(a.stepL1()).isEqualTo(b.stepL1());
  }

  private static void assertSameBits(Attribution a, Attribution b) {
    assertThat(Arrays.equals(a.values(), b.values())).isTrue();
    assertThat(a.weights()).containsExactly(b.weights());
    assertThat(a.fitness()).isEqualTo(b.fitness());
    assertThat(a.inputScore()).isEqualTo(b.inputScore());
    assertThat(a.startScores()).containsExactly(b.startScores());
    assertThat(a.skippedSteps()).isEqualTo(b.skippedSteps());
    assertThat(a.gradientPoints()).isEqualTo(b.gradientPoints());
    assertThat(a.forwardPoints()).isEqualTo(b.forwardPoints());
    assertThat(a.diagnostics()).isEqualTo(b.diagnostics());
    assertThat(a.paths()).hasSameSizeAs(b.paths());
    for (int k = 0; k < a.paths().size(); k++) {
      assertSameRecord(a.paths().get(k), b.paths().get(k));
    }
    for (int k = 0; k < N; k++) {
      assertThat(Arrays.equals(a.baselineMap(k), b.baselineMap(k))).as("map " + k).isTrue();
    }
  }

  @Test
  void sharingChangesNoBitOnABatchSensitiveModelInEitherOrder() {
    ModelFunction rounding = new BatchRoundingModel(EXACT);
    List<Supplier<Aggregator>> methods = List.of(StagedIntegrationTest::eg, StagedIntegrationTest::wg,
        () -> filtered(8), () -> filtered(16), () -> filtered(4));
    int[][] orders = {{0, 1, 2, 3, 4}, {2, 3, 4, 1, 0}};
    for (int[] order : orders) {
      SharedIntegrals shared = new SharedIntegrals();
      CountingModel counted = new CountingModel(rounding);
      for (int i : order) {
        Attribution with = run(counted, methods.get(i).get(), TRAPEZOID_32, shared, "c" + i);
        Attribution without = run(rounding, methods.get(i).get(), TRAPEZOID_32, null, "c" + i);
        assertSameBits(with, without);
        assertThat(with.paths()).hasSize(N);
      }
      assertThat(shared.reusedCalls()).isPositive();
      // EG's and WG's full integrals, 16's cheap stage and 4's cheap pass: computed once each
      assertThat(counted.gradientPoints()).isEqualTo(33L * N + 5L * N);
    }
    // the model is batch-sensitive: the one-pass (mixed) integral has other bits
    Attribution staged = run(rounding, eg(), TRAPEZOID_32, null, "c0");
    Attribution mixed = run(rounding, eg(), TRAPEZOID_32, ONE_PASS_BATCH, true, null, "c0");
    assertThat(Arrays.equals(staged.values(), mixed.values())).isFalse();
  }

  // ---- 4. path records ----

  @Test
  void aStagedRecordIsTheOnePassRecord() {
    for (Variant v : new Variant[] {Variant.TRAPEZOID, Variant.LEFT, Variant.RIGHT}) {
      for (int[] chain : CHAINS) {
        int n = chain[0];
        RiemannStepRule rule = new RiemannStepRule(n, v);
        Attribution staged = run(EXACT, eg(), rule, null, "eg");
        Attribution onePass = run(EXACT, eg(), rule, ONE_PASS_BATCH, true, null, "eg");
        assertThat(staged.paths()).hasSize(N);
        for (int k = 0; k < N; k++) {
          PathRecord a = staged.paths().get(k);
          PathRecord b = onePass.paths().get(k);
          String at = v + " " + n + " k=" + k;
          assertThat(a.baseline()).isEqualTo(k);
          // γ(0), the nodes in α order, x: n + 1 points for every variant
          assertThat(a.scores()).as(at).hasSize(n + 1);
          float[] base = BASELINES.get(k).values();
          double[] p = new double[SHAPE.size()];
          for (int j = 0; j <= n; j++) {
            for (int i = 0; i < p.length; i++) {
              p[i] = base[i] + (double) j / n * ((double) INPUT[i] - base[i]);
            }
            assertThat(a.scores()[j]).as(at + " j=" + j).isCloseTo(EXACT.value(p), offset(1e-6));
          }
          assertThat(a.scores()[0]).isEqualTo(staged.startScores()[k]);
          assertThat(a.scores()[n]).isEqualTo(staged.inputScore());
          // a batch-independent model gives each point the same score in either pass
          assertThat(a.scores()).as(at).containsExactly(b.scores());
          assertThat(a.start()).containsExactly(b.start());
          double[] sums = cancellationSums(v, n, base);
          assertThat(a.contributionL1()).as(at).isCloseTo(b.contributionL1(), offset(1e-12 * b.contributionL1()));
          assertThat(a.stepL1()).as(at).isCloseTo(b.stepL1(), offset(1e-12 * b.stepL1()));
          assertThat(a.contributionL1()).as(at).isCloseTo(sums[0], offset(1e-5 * sums[0]));
          assertThat(a.stepL1()).as(at).isCloseTo(sums[1], offset(1e-5 * sums[1]));
          assertThat(a.attributionL1()).as(at).isCloseTo(b.attributionL1(), offset(1e-12 * b.attributionL1()));
          assertThat(a.attributionSum()).as(at).isCloseTo(b.attributionSum(), offset(1e-12 * b.attributionL1()));
        }
      }
    }
  }

  @Test
  void withoutCancellationSumsAStagedRecordHasNone() {
    Attribution a = run(EXACT, eg(), TRAPEZOID_32, BATCH, false, null, "eg");
    for (PathRecord r : a.paths()) {
      assertThat(r.contributionL1()).isNaN();
      assertThat(r.stepL1()).isNaN();
      assertThat(r.scores()).hasSize(33);
    }
  }

  // ---- 6. the midpoint rule ----

  @Test
  void theMidpointRuleIsIntegratedInOnePass() {
    RiemannStepRule midpoint = new RiemannStepRule(32, Variant.MIDPOINT);
    CountingModel counted = new CountingModel(EXACT);
    Attribution eg = run(counted, eg(), midpoint, new SharedIntegrals(), "eg");
    assertThat(counted.gradientPoints()).isEqualTo(32L * N);
    assertThat(eg.gradientPoints()).isEqualTo(32L * N);
    assertThat(counted.calls()).isEqualTo(1 + (long) N * ((32 + BATCH - 1) / BATCH)); // one pass per baseline

    CountingModel alone = new CountingModel(EXACT);
    Attribution f = run(alone, filtered(8), midpoint, null, "f");
    assertThat(alone.gradientPoints()).isEqualTo(8L * N + 32L * S);
    assertThat(f.gradientPoints()).isEqualTo(8L * N + 32L * S);

    // after EG, the survivors' integrals are EG's; the cheap midpoint sum is not one of them
    SharedIntegrals store = new SharedIntegrals();
    CountingModel both = new CountingModel(EXACT);
    run(both, eg(), midpoint, store, "eg");
    Attribution fs = run(both, filtered(8), midpoint, store, "f");
    assertThat(both.gradientPoints()).isEqualTo(32L * N + 8L * N);
    assertThat(fs.gradientPoints()).isEqualTo(8L * N + 32L * S);

    // and its record is the one pass's: the midpoints with γ(0) before and x after
    PathRecord r = eg.paths().get(0);
    assertThat(r.scores()).hasSize(34);
    assertThat(r.scores()[0]).isEqualTo(eg.startScores()[0]);
    assertThat(r.scores()[33]).isEqualTo(eg.inputScore());
  }
}
