package org.igkit.aggregators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.engine.SharedIntegrals;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.BatchRoundingModel;
import org.junit.jupiter.api.Test;

/**
 * Methods that integrate the same baselines along the same path with the same step rule share
 * their per-baseline integrals: the attributions are the same bits as without sharing, and the
 * model computes each shared integral once. The model moves its gradients' last bits by an amount
 * that depends on the whole batch ({@link BatchRoundingModel}), so a reuse that holds only on a
 * batch-independent model fails here.
 */
class SharedIntegralsTest {

  private static final Shape SHAPE = Shape.of(3, 6, 6);
  private static final SigmoidModel EXACT = new SigmoidModel(SHAPE, 23);
  private static final ModelFunction MODEL = new BatchRoundingModel(EXACT);
  private static final int STEPS = 16;
  private static final int CHEAP = 4;
  private static final float[] INPUT = image(new SplittableRandom(5));
  private static final List<Baseline> BASELINES = baselines();
  private static final BaselineSampler SAMPLER = request -> BASELINES;
  private static final FitnessSpec FITNESS = new FitnessSpec(null, null, null, null, null, null, "zero", null, null);
  private static final String KEY = "path:straight;stepRule:riemann16";

  private static float[] image(SplittableRandom g) {
    return TestImages.image(SHAPE, g);
  }

  private static List<Baseline> baselines() {
    return TestImages.blackWhiteNoise(SHAPE, true, 3, 11);
  }

  /** The quick start's trio, one fresh instance of each plugin per method (as the runner's cells). */
  private static List<Supplier<Aggregator>> trio() {
    return List.of(
        () -> new UniformAggregator(new UniformAggregator.Spec(null, null)),
        () -> new FitnessAggregator(FITNESS),
        () -> new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "threshold", 0.5, null, false, null)),
        () -> new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, 2, true, CHEAP)));
  }

  private static Attribution run(ModelFunction model, Aggregator aggregator, Path path, int steps, int cell,
      SharedIntegrals shared) {
    AttributionMethod m = new AttributionMethod("m" + cell, SAMPLER, path,
        new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT), aggregator);
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    return AttributionEngine.attribute(model, m, INPUT, 0, sample.derive("cell:" + cell), sample.derive("baselines"),
        EngineOptions.batchSize(7), shared, shared == null ? null : KEY);
  }

  private static void assertSameBits(Attribution shared, Attribution alone) {
    assertThat(Arrays.equals(shared.values(), alone.values())).isTrue();
    assertThat(shared.weights()).containsExactly(alone.weights());
    assertThat(shared.fitness()).isEqualTo(alone.fitness());
    assertThat(shared.inputScore()).isEqualTo(alone.inputScore());
    assertThat(shared.startScores()).containsExactly(alone.startScores());
    assertThat(shared.gradientPoints()).isEqualTo(alone.gradientPoints());
    assertThat(shared.forwardPoints()).isEqualTo(alone.forwardPoints());
    assertThat(shared.diagnostics()).isEqualTo(alone.diagnostics());
    assertThat(shared.paths()).hasSameSizeAs(alone.paths());
    for (int k = 0; k < shared.paths().size(); k++) {
      assertThat(shared.paths().get(k).scores()).containsExactly(alone.paths().get(k).scores());
    }
    for (int k = 0; k < BASELINES.size(); k++) {
      assertThat(shared.baselineMap(k)).isEqualTo(alone.baselineMap(k));
    }
  }

  @Test
  void sharingChangesNoBitAndComputesEachSharedIntegralOnce() {
    CountingModel withSharing = new CountingModel(MODEL);
    CountingModel without = new CountingModel(MODEL);
    SharedIntegrals shared = new SharedIntegrals();
    int n = BASELINES.size();
    List<Supplier<Aggregator>> trio = trio();
    double survivors = -1;
    for (int c = 0; c < trio.size(); c++) {
      Attribution a = run(withSharing, trio.get(c).get(), new StraightPath(), STEPS, c, shared);
      Attribution b = run(without, trio.get(c).get(), new StraightPath(), STEPS, c, null);
      assertSameBits(a, b);
      if (c == 3) {
        survivors = a.diagnostics().get("survivors");
      }
    }
    assertThat(survivors).isEqualTo(n - 2);
    // Without sharing: EG, WG and threshold-filtered WG each integrate n baselines with m steps;
    // two-stage filtering n with the cheap count, then its survivors with m.
    long full = (long) n * STEPS;
    long twoStage = (long) n * CHEAP + (long) (n - 2) * STEPS;
    assertThat(without.gradientPoints()).isEqualTo(3 * full + twoStage);
    // With sharing WG and threshold-filtered WG reuse EG's integrals, and so do two-stage
    // filtering's survivors (each baseline is batched on its own: 16 steps fill batches of 7);
    // its cheap rule is its own, computed again.
    assertThat(withSharing.gradientPoints()).isEqualTo(full + (long) n * CHEAP);
    assertThat(shared.reusedCalls()).isEqualTo(3L * n - 2);
    assertThat(shared.reusedGradientPoints()).isEqualTo(2 * full + (long) (n - 2) * STEPS);
  }

  /** Integrates the given sets of baselines in turn, with the method's rule, and keeps each result. */
  private static final class Subsets implements Aggregator {
    private final int[][] sets;
    private final List<List<StepResult>> results = new ArrayList<>();

    Subsets(int[]... sets) {
      this.sets = sets;
    }

    @Override
    public AggregateResult aggregate(AggregationContext ctx) {
      for (int[] set : sets) {
        results.add(ctx.integrate(set, ctx.stepRule()));
      }
      double[] w = new double[ctx.baselines().size()];
      Arrays.fill(w, 1.0 / w.length);
      return new AggregateResult(new double[SHAPE.size()], w, null, 0, Map.of());
    }
  }

  private static List<List<StepResult>> integrateSubsets(Path path, int[]... sets) {
    Subsets subsets = new Subsets(sets);
    run(MODEL, subsets, path, STEPS, 0, null);
    return subsets.results;
  }

  @Test
  void aBaselinesIntegralIsTheSameBitsWhateverOtherBaselinesItsCallHolds() {
    int[] all = {0, 1, 2, 3, 4};
    int[] some = {4, 1, 3};
    int[] one = {3};
    List<List<StepResult>> r = integrateSubsets(new StraightPath(), all, some, one);
    for (int i = 0; i < some.length; i++) {
      assertThat(r.get(1).get(i).attribution()).isEqualTo(r.get(0).get(some[i]).attribution());
    }
    assertThat(r.get(2).get(0).attribution()).isEqualTo(r.get(0).get(3).attribution());
    // The model is batch-sensitive: where the baselines share batches (a path that is not
    // pointwise is batched across the call's baselines) the same baseline gets other bits.
    Path mixed = request -> new StraightPath().trace(request);
    List<List<StepResult>> m = integrateSubsets(mixed, all, one);
    assertThat(Arrays.equals(m.get(1).get(0).attribution(), m.get(0).get(3).attribution())).isFalse();
    assertThat(m.get(1).get(0).attribution()).isEqualTo(r.get(2).get(0).attribution());
  }

  @Test
  void twoStageSurvivorsCostNoGradientPointAfterEg() {
    CountingModel counted = new CountingModel(MODEL);
    SharedIntegrals shared = new SharedIntegrals();
    Supplier<Aggregator> twoStage = trio().get(3);
    run(counted, new UniformAggregator(new UniformAggregator.Spec(null, null)), new StraightPath(), STEPS, 0, shared);
    long afterEg = counted.gradientPoints();
    Attribution filtered = run(counted, twoStage.get(), new StraightPath(), STEPS, 3, shared);
    assertThat(afterEg).isEqualTo((long) BASELINES.size() * STEPS);
    // only the cheap stage is computed: every survivor's full integral is EG's
    assertThat(counted.gradientPoints() - afterEg).isEqualTo((long) BASELINES.size() * CHEAP);
    assertThat(filtered.diagnostics().get("survivors")).isEqualTo(BASELINES.size() - 2.0);
    assertThat(filtered.gradientPoints()).isEqualTo((long) BASELINES.size() * CHEAP + (BASELINES.size() - 2L) * STEPS);
    assertSameBits(filtered, run(MODEL, twoStage.get(), new StraightPath(), STEPS, 3, null));
  }

  @Test
  void perBaselineMapsAreEachBaselinesMidpointIntegral() {
    Attribution eg = run(MODEL, new UniformAggregator(new UniformAggregator.Spec(null, null)), new StraightPath(), STEPS,
        0, new SharedIntegrals());
    for (int k = 0; k < BASELINES.size(); k++) {
      float[] base = BASELINES.get(k).values();
      double[] expected = new double[SHAPE.size()];
      double[] x = new double[SHAPE.size()];
      for (int j = 0; j < STEPS; j++) {
        double alpha = (j + 0.5) / STEPS;
        for (int i = 0; i < x.length; i++) {
          x[i] = base[i] + alpha * (INPUT[i] - base[i]);
        }
        double[] g = EXACT.gradient(x);
        for (int i = 0; i < x.length; i++) {
          expected[i] += g[i] * (INPUT[i] - base[i]) / STEPS;
        }
      }
      float[] got = eg.baselineMap(k);
      double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
      for (int i = 0; i < expected.length; i++) {
        assertThat(Math.abs(got[i] - expected[i])).isLessThanOrEqualTo(1e-5 * scale);
      }
    }
  }

  @Test
  void aPathThatDrawsRandomnessIsNeverShared() {
    Path drawing = request -> {
      request.random().generator().nextLong(); // the draw differs per method: its seed is the cell's
      return new StraightPath().trace(request);
    };
    CountingModel counted = new CountingModel(MODEL);
    SharedIntegrals shared = new SharedIntegrals();
    Attribution a = run(counted, new UniformAggregator(new UniformAggregator.Spec(null, null)), drawing, STEPS, 0, shared);
    Attribution b = run(counted, new FitnessAggregator(FITNESS), drawing, STEPS, 1, shared);
    assertThat(shared.reusedCalls()).isZero();
    assertThat(counted.gradientPoints()).isEqualTo(2L * BASELINES.size() * STEPS);
    assertThat(a.gradientPoints() + b.gradientPoints()).isEqualTo(counted.gradientPoints());
  }

  @Test
  void anotherStepCountOrKeyIsNotReused() {
    CountingModel counted = new CountingModel(MODEL);
    SharedIntegrals shared = new SharedIntegrals();
    run(counted, new UniformAggregator(new UniformAggregator.Spec(null, null)), new StraightPath(), STEPS, 0, shared);
    // The runner's key names the step rule's resolved configuration: another step count is another key.
    AttributionMethod other = new AttributionMethod("o", SAMPLER, new StraightPath(),
        new RiemannStepRule(STEPS * 2, RiemannStepRule.Variant.MIDPOINT), new FitnessAggregator(FITNESS));
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    AttributionEngine.attribute(counted, other, INPUT, 0, sample.derive("cell:9"), sample.derive("baselines"),
        EngineOptions.batchSize(7), shared, "path:straight;stepRule:riemann32");
    assertThat(shared.reusedCalls()).isZero();
    assertThat(counted.gradientPoints()).isEqualTo((long) BASELINES.size() * (STEPS + 2 * STEPS));
  }

  @Test
  void aFullCacheStoresNothingAndStillGivesTheSameBits() {
    CountingModel counted = new CountingModel(MODEL);
    SharedIntegrals tiny = new SharedIntegrals(SHAPE.size() - 1); // less than one baseline's map
    Attribution a = run(counted, new UniformAggregator(new UniformAggregator.Spec(null, null)), new StraightPath(), STEPS, 0, tiny);
    Attribution b = run(counted, new FitnessAggregator(FITNESS), new StraightPath(), STEPS, 1, tiny);
    assertThat(tiny.reusedCalls()).isZero();
    assertSameBits(b, run(MODEL, new FitnessAggregator(FITNESS), new StraightPath(), STEPS, 1, null));
    assertThat(a.gradientPoints()).isEqualTo((long) BASELINES.size() * STEPS);
  }
}
