package org.igkit.aggregators;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.igkit.api.engine.SharedIntegrals;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.BatchRoundingModel;
import org.junit.jupiter.api.Test;

/**
 * Several classes of one input attributed with one method share the path's points and each
 * batch's forward pass: the attributions are the bits of separate single-class runs (and the
 * midpoint sums of the closed-form gradient), and k classes cost one forward and k backward passes
 * per batch. A nested rule (the trapezoid sum) is integrated in the engine's stages for all classes
 * at once, with the bits of the single-class runs on a model whose rounding depends on the batch.
 */
class TargetSharingTest {

  private static final Shape SHAPE = Shape.of(3, 5, 5);
  private static final int CLASSES = 5;
  private static final int STEPS = 12;
  private static final int BATCH = 7;
  private static final int[] TARGETS = {3, 0, 4, 3};
  private static final float[] INPUT = image(new SplittableRandom(5));
  private static final List<Baseline> BASELINES = baselines();
  private static final BaselineSampler SAMPLER = request -> BASELINES;
  private static final FitnessSpec FITNESS = new FitnessSpec(null, null, null, null, null, null, "zero", null, null);

  private static float[] image(SplittableRandom g) {
    return TestImages.image(SHAPE, g);
  }

  private static List<Baseline> baselines() {
    return TestImages.blackWhiteNoise(SHAPE, false, 3, 11);
  }

  private static AttributionMethod method(Aggregator aggregator) {
    return new AttributionMethod("m", SAMPLER, new StraightPath(),
        new RiemannStepRule(STEPS, RiemannStepRule.Variant.MIDPOINT), aggregator);
  }

  private static List<Attribution> together(ModelFunction model, Aggregator aggregator, SharedIntegrals shared) {
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    return AttributionEngine.attributeTargets(model, method(aggregator), INPUT, TARGETS, sample.derive("cell:c"),
        sample.derive("baselines"), EngineOptions.batchSize(BATCH), shared, shared == null ? null : "key");
  }

  private static Attribution alone(ModelFunction model, Aggregator aggregator, int target) {
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    return AttributionEngine.attribute(model, method(aggregator), INPUT, target, sample.derive("cell:c"),
        sample.derive("baselines"), EngineOptions.batchSize(BATCH));
  }

  private static void assertSameBits(Attribution a, Attribution b) {
    assertThat(a.target()).isEqualTo(b.target());
    assertThat(Arrays.equals(a.values(), b.values())).isTrue();
    assertThat(a.weights()).containsExactly(b.weights());
    assertThat(a.fitness()).isEqualTo(b.fitness());
    assertThat(a.inputScore()).isEqualTo(b.inputScore());
    assertThat(a.startScores()).containsExactly(b.startScores());
    assertThat(a.gradientPoints()).isEqualTo(b.gradientPoints());
    assertThat(a.forwardPoints()).isEqualTo(b.forwardPoints());
    assertThat(a.diagnostics()).isEqualTo(b.diagnostics());
    for (int k = 0; k < BASELINES.size(); k++) {
      assertThat(Arrays.equals(a.baselineMap(k), b.baselineMap(k))).isTrue();
      assertThat(a.paths().get(k).scores()).containsExactly(b.paths().get(k).scores());
    }
  }

  private static List<Supplier<Aggregator>> aggregators() {
    return List.of(
        () -> new UniformAggregator(new UniformAggregator.Spec(null, null)),
        () -> new FitnessAggregator(FITNESS),
        () -> new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, 2, true, 4)));
  }

  @Test
  void everyClassGetsTheBitsOfItsOwnRunWithOrWithoutASharedStore() {
    for (Supplier<Aggregator> a : aggregators()) {
      for (SharedIntegrals shared : new SharedIntegrals[] {null, new SharedIntegrals()}) {
        List<Attribution> all = together(new SharedForwardModel(), a.get(), shared);
        assertThat(all).hasSize(TARGETS.length);
        for (int t = 0; t < TARGETS.length; t++) {
          assertSameBits(all.get(t), alone(new SharedForwardModel(), a.get(), TARGETS[t]));
        }
      }
    }
  }

  @Test
  void eachClassIsTheMidpointSumOfItsClosedFormGradient() {
    SharedForwardModel model = new SharedForwardModel();
    List<Attribution> all = together(model, new UniformAggregator(new UniformAggregator.Spec(null, null)), null);
    for (int t = 0; t < TARGETS.length; t++) {
      double[] expected = new double[SHAPE.size()];
      for (Baseline b : BASELINES) {
        float[] base = b.values();
        for (int j = 0; j < STEPS; j++) {
          double alpha = (j + 0.5) / STEPS;
          double[] point = new double[SHAPE.size()];
          for (int i = 0; i < point.length; i++) {
            point[i] = (float) (base[i] + alpha * (INPUT[i] - base[i]));
          }
          double[] g = model.gradient(point, TARGETS[t]);
          for (int i = 0; i < point.length; i++) {
            expected[i] += g[i] * (INPUT[i] - base[i]) / STEPS / BASELINES.size();
          }
        }
      }
      float[] got = all.get(t).values();
      for (int i = 0; i < got.length; i++) {
        assertThat((double) got[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void kClassesCostOneForwardAndKBackwardPassesPerBatch() {
    int distinct = 3; // TARGETS holds class 3 twice
    // A straight path whose rule has at least a batch of nodes: the engine batches each
    // baseline's points on their own, ⌈STEPS / BATCH⌉ batches per baseline.
    assertThat(STEPS).isGreaterThanOrEqualTo(BATCH);
    int batches = BASELINES.size() * ((STEPS + BATCH - 1) / BATCH);
    for (Supplier<Aggregator> a : List.<Supplier<Aggregator>>of(
        () -> new UniformAggregator(new UniformAggregator.Spec(null, null)), () -> new FitnessAggregator(FITNESS))) {
      SharedForwardModel shared = new SharedForwardModel();
      together(shared, a.get(), null);
      assertThat(shared.gradientForwards).isEqualTo(batches);
      assertThat(shared.backwards).isEqualTo((long) distinct * batches);

      SharedForwardModel separate = new SharedForwardModel();
      for (int t : TARGETS) {
        alone(separate, a.get(), t);
      }
      assertThat(separate.gradientForwards).isEqualTo((long) TARGETS.length * batches);
      assertThat(separate.backwards).isEqualTo((long) TARGETS.length * batches);
    }
    // Two-stage filtering integrates class-dependent survivors: each class on its own.
    SharedForwardModel filtered = new SharedForwardModel();
    together(filtered, aggregators().get(2).get(), null);
    assertThat(AttributionEngine.sharesTargets(method(aggregators().get(2).get()))).isFalse();
    assertThat(filtered.sharedCalls).isZero();
  }

  @Test
  void aStoreWithRoomForOneClassNeverCostsMoreGradientPointsThanSeparateRuns() {
    // Room for the integrals of one class's baselines only: integrals computed ahead for three
    // classes could not all be kept, and the classes left out would compute theirs again.
    long oneClass = 2L * BASELINES.size() * SHAPE.size(); // results and maps
    Aggregator uniform = new UniformAggregator(new UniformAggregator.Spec(null, null));
    CountingModel together = new CountingModel(new SharedForwardModel());
    List<Attribution> all = together(together, uniform, new SharedIntegrals(oneClass));
    CountingModel separate = new CountingModel(new SharedForwardModel());
    for (int t = 0; t < TARGETS.length; t++) {
      Attribution own = alone(separate, new UniformAggregator(new UniformAggregator.Spec(null, null)), TARGETS[t]);
      assertSameBits(all.get(t), own);
    }
    assertThat(separate.gradientPoints()).isEqualTo((long) TARGETS.length * BASELINES.size() * STEPS);
    assertThat(together.gradientPoints()).isLessThanOrEqualTo(separate.gradientPoints());
  }

  private static final int TRAPEZOID_STEPS = 32;

  private static AttributionMethod trapezoid(Aggregator aggregator) {
    return new AttributionMethod("m", SAMPLER, new StraightPath(),
        new RiemannStepRule(TRAPEZOID_STEPS, RiemannStepRule.Variant.TRAPEZOID), aggregator);
  }

  @Test
  void aTrapezoidRuleGivesEveryClassTheBitsOfItsOwnStagedRun() {
    ModelFunction model = new BatchRoundingModel(new SharedForwardModel());
    for (Supplier<Aggregator> a : aggregators()) {
      for (SharedIntegrals shared : new SharedIntegrals[] {null, new SharedIntegrals()}) {
        RandomSource sample = RandomSource.of(8).derive("sample:s");
        List<Attribution> all = AttributionEngine.attributeTargets(model, trapezoid(a.get()), INPUT, TARGETS,
            sample.derive("cell:c"), sample.derive("baselines"), EngineOptions.batchSize(BATCH), shared,
            shared == null ? null : "key");
        assertThat(all).hasSize(TARGETS.length);
        for (int t = 0; t < TARGETS.length; t++) {
          Attribution own = AttributionEngine.attribute(model, trapezoid(a.get()), INPUT, TARGETS[t],
              sample.derive("cell:c"), sample.derive("baselines"), EngineOptions.batchSize(BATCH));
          assertSameBits(all.get(t), own);
          assertThat(own.paths().get(0).scores()).hasSize(TRAPEZOID_STEPS + 1);
        }
      }
    }
    // 9 + 8 + 16 gradient points per baseline and class, as one pass would cost
    List<Attribution> eg = AttributionEngine.attributeTargets(model,
        trapezoid(new UniformAggregator(new UniformAggregator.Spec(null, null))), INPUT, TARGETS, RandomSource.of(1),
        RandomSource.of(2), EngineOptions.batchSize(BATCH), null, null);
    for (Attribution e : eg) {
      assertThat(e.gradientPoints()).isEqualTo((long) BASELINES.size() * (TRAPEZOID_STEPS + 1));
    }
  }

  @Test
  void aTrapezoidRulesStagesAreEachOnePassSharedByTheClasses() {
    // Stages 8, 16 and 32 of each baseline: 9, 8 and 16 nodes, in batches of 7 → 2 + 2 + 3 calls,
    // each one forward pass and one backward pass per distinct class.
    int distinct = 3;
    int batches = BASELINES.size() * (2 + 2 + 3);
    SharedForwardModel model = new SharedForwardModel();
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    Aggregator uniform = new UniformAggregator(new UniformAggregator.Spec(null, null));
    AttributionEngine.attributeTargets(model, trapezoid(uniform), INPUT, TARGETS, sample.derive("cell:c"),
        sample.derive("baselines"), EngineOptions.batchSize(BATCH), null, null);
    assertThat(model.gradientForwards).isEqualTo(batches);
    assertThat(model.backwards).isEqualTo((long) distinct * batches);
  }

  @Test
  void aStoreWithRoomForTwoClassesOfWholeIntegralsNeverCostsMoreThanSeparateRunsWhenStaged() {
    // A 64-step trapezoid rule is stored in 4 stages (8, 16, 32, 64) per baseline and class: a store
    // sized for two classes' whole integrals (a result and a map each) holds the stages of one class
    // only, so computing ahead for more would cost gradients that the classes then compute again.
    for (int steps : new int[] {16, 32, 64}) {
      AttributionMethod method = new AttributionMethod("m", SAMPLER, new StraightPath(),
          new RiemannStepRule(steps, RiemannStepRule.Variant.TRAPEZOID),
          new UniformAggregator(new UniformAggregator.Spec(null, null)));
      int[] targets = {3, 0};
      RandomSource sample = RandomSource.of(8).derive("sample:s");
      CountingModel together = new CountingModel(new SharedForwardModel());
      List<Attribution> all = AttributionEngine.attributeTargets(together, method, INPUT, targets,
          sample.derive("cell:c"), sample.derive("baselines"), EngineOptions.batchSize(BATCH),
          new SharedIntegrals(2L * 2 * BASELINES.size() * SHAPE.size()), "key");
      CountingModel separate = new CountingModel(new SharedForwardModel());
      for (int t = 0; t < targets.length; t++) {
        Attribution own = AttributionEngine.attribute(separate, method, INPUT, targets[t], sample.derive("cell:c"),
            sample.derive("baselines"), EngineOptions.batchSize(BATCH));
        assertSameBits(all.get(t), own);
      }
      assertThat(separate.gradientPoints()).isEqualTo(2L * BASELINES.size() * (steps + 1));
      assertThat(together.gradientPoints()).as("%d steps", steps).isLessThanOrEqualTo(separate.gradientPoints());
    }
  }

  @Test
  void theClassesStagesServeATwoStageFiltersCheapPassOfEachClass() {
    // EG's integrals for all classes at once store every stage (8, 16, 32 steps) of every baseline:
    // a two-stage filter with cheapSteps 8 on the same store then computes nothing for any class,
    // and reports what it costs alone (9 per baseline, 24 per survivor)
    CountingModel model = new CountingModel(new BatchRoundingModel(new SharedForwardModel()));
    SharedIntegrals store = new SharedIntegrals();
    RandomSource sample = RandomSource.of(8).derive("sample:s");
    String key = "path:straight;stepRule:riemann32-trapezoid";
    AttributionEngine.attributeTargets(model, trapezoid(new UniformAggregator(new UniformAggregator.Spec(null, null))),
        INPUT, TARGETS, sample.derive("cell:eg"), sample.derive("baselines"), EngineOptions.batchSize(BATCH), store,
        key);
    long afterEg = model.gradientPoints();
    for (int t : TARGETS) {
      Attribution filtered = AttributionEngine.attribute(model,
          trapezoid(new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, 2, true, 8))),
          INPUT, t, sample.derive("cell:filtered"), sample.derive("baselines"), EngineOptions.batchSize(BATCH), store,
          key);
      assertThat(filtered.gradientPoints()).isEqualTo(BASELINES.size() * 9L + (BASELINES.size() - 2) * 24L);
    }
    assertThat(model.gradientPoints()).as("gradient points the filter computed").isEqualTo(afterEg);
  }

  /**
   * A 5-class softmax regression p = softmax(Wx + b) with the closed-form gradient
   * ∇p_c = p_c (W_c − Σ_k p_k W_k), computed in double and rounded to float once. It counts its
   * passes: a gradient call computes each point's forward pass once and then one backward pass per
   * class asked for.
   */
  static final class SharedForwardModel implements ModelFunction {
    private final double[][] w = new double[CLASSES][SHAPE.size()];
    private final double[] b = new double[CLASSES];
    long gradientForwards;
    long backwards;
    long sharedCalls;

    SharedForwardModel() {
      SplittableRandom g = new SplittableRandom(23);
      for (int k = 0; k < CLASSES; k++) {
        for (int i = 0; i < SHAPE.size(); i++) {
          w[k][i] = g.nextDouble(-1, 1);
        }
        b[k] = g.nextDouble(-1, 1);
      }
    }

    @Override
    public Shape inputShape() {
      return SHAPE;
    }

    @Override
    public int numClasses() {
      return CLASSES;
    }

    double[] probabilities(double[] x) {
      double[] z = new double[CLASSES];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < CLASSES; k++) {
        double s = b[k];
        for (int i = 0; i < x.length; i++) {
          s += w[k][i] * x[i];
        }
        z[k] = s;
        max = Math.max(max, s);
      }
      double total = 0;
      for (int k = 0; k < CLASSES; k++) {
        z[k] = Math.exp(z[k] - max);
        total += z[k];
      }
      for (int k = 0; k < CLASSES; k++) {
        z[k] /= total;
      }
      return z;
    }

    double[] gradient(double[] x, int c) {
      return gradient(probabilities(x), c, x.length);
    }

    private double[] gradient(double[] p, int c, int size) {
      double[] g = new double[size];
      for (int i = 0; i < size; i++) {
        double mean = 0;
        for (int k = 0; k < CLASSES; k++) {
          mean += p[k] * w[k][i];
        }
        g[i] = p[c] * (w[c][i] - mean);
      }
      return g;
    }

    private static double[] widen(float[] x) {
      double[] d = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        d[i] = x[i];
      }
      return d;
    }

    private static float[] narrow(double[] x) {
      float[] f = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        f[i] = (float) x[i];
      }
      return f;
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      float[][] out = new float[points.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = narrow(probabilities(widen(points.get(i))));
      }
      return out;
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      gradientForwards++;
      backwards++;
      float[] scores = new float[points.size()];
      List<float[]> grads = new ArrayList<>();
      for (int i = 0; i < scores.length; i++) {
        double[] p = probabilities(widen(points.get(i)));
        scores[i] = (float) p[targets[i]];
        grads.add(narrow(gradient(p, targets[i], SHAPE.size())));
      }
      return new ScoresAndGradients(scores, grads);
    }

    @Override
    public List<ScoresAndGradients> scoresAndGradientsForEach(List<float[]> points, int[] classes) {
      gradientForwards++;
      backwards += classes.length;
      sharedCalls++;
      List<double[]> p = new ArrayList<>();
      for (float[] x : points) {
        p.add(probabilities(widen(x)));
      }
      List<ScoresAndGradients> out = new ArrayList<>();
      for (int c : classes) {
        float[] scores = new float[points.size()];
        List<float[]> grads = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
          scores[i] = (float) p.get(i)[c];
          grads.add(narrow(gradient(p.get(i), c, SHAPE.size())));
        }
        out.add(new ScoresAndGradients(scores, grads));
      }
      return out;
    }
  }
}
