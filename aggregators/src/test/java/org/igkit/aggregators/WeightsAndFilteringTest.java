package org.igkit.aggregators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.junit.jupiter.api.Test;

/**
 * WG weights are normalised 1/D; WG is the weighted sum of per-baseline IG; filtered WG removes
 * exactly what its rule says; two-stage mode integrates in full only the survivors.
 */
class WeightsAndFilteringTest {

  private static final Shape SHAPE = Shape.of(3, 8, 8);
  private static final SigmoidModel MODEL = new SigmoidModel(SHAPE, 17);
  private static final StepRule RULE = new RiemannStepRule(32, RiemannStepRule.Variant.MIDPOINT);
  private static final float[] INPUT = image(new SplittableRandom(3));
  private static final List<Baseline> BASELINES = baselines();
  private static final FitnessSpec FITNESS = new FitnessSpec(null, null, null, null, null, null, "zero", null, null);

  private static float[] image(SplittableRandom g) {
    return TestImages.image(SHAPE, g);
  }

  /** Black, white, gray, noise, and two near-copies of the input (whose rankings are poor). */
  private static List<Baseline> baselines() {
    List<Baseline> b = new ArrayList<>();
    SplittableRandom g = new SplittableRandom(9);
    float[] white = new float[SHAPE.size()];
    float[] gray = new float[SHAPE.size()];
    java.util.Arrays.fill(white, 1f);
    java.util.Arrays.fill(gray, 0.5f);
    b.add(new Baseline("black", new float[SHAPE.size()]));
    b.add(new Baseline("white", white));
    b.add(new Baseline("gray", gray));
    b.add(new Baseline("noise", image(g)));
    for (double mix : new double[] {0.15, 0.05}) {
      float[] noise = image(g);
      float[] v = new float[SHAPE.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((1 - mix) * INPUT[i] + mix * noise[i]);
      }
      b.add(new Baseline("near-input-" + mix, v));
    }
    return b;
  }

  private static final BaselineSampler SAMPLER = request -> BASELINES;

  private static Attribution run(Aggregator aggregator, BaselineSampler sampler) {
    return AttributionEngine.attribute(
        MODEL, new AttributionMethod("m", sampler, new StraightPath(), RULE, aggregator), INPUT, 0, RandomSource.of(1), EngineOptions.batchSize(16));
  }

  /** IG of one baseline alone, through the uniform aggregator. */
  private static float[] singleIg(int k, StepRule rule) {
    BaselineSampler one = request -> List.of(BASELINES.get(k));
    return AttributionEngine.attribute(
            MODEL, new AttributionMethod("ig", one, new StraightPath(), rule, new UniformAggregator(new UniformAggregator.Spec(null, null))),
            INPUT, 0, RandomSource.of(1), EngineOptions.batchSize(16))
        .values();
  }

  private static double[] normalisedInverse(double[] d, boolean[] keep) {
    double[] w = new double[d.length];
    double s = 0;
    for (int k = 0; k < d.length; k++) {
      if (keep[k]) {
        w[k] = 1 / d[k];
        s += w[k];
      }
    }
    for (int k = 0; k < d.length; k++) {
      w[k] /= s;
    }
    return w;
  }

  private static boolean[] all(int n) {
    boolean[] keep = new boolean[n];
    java.util.Arrays.fill(keep, true);
    return keep;
  }

  private static void assertWeightedSum(Attribution a, double[] w, StepRule rule) {
    double[] expected = new double[SHAPE.size()];
    for (int k = 0; k < w.length; k++) {
      if (w[k] != 0) {
        float[] ig = singleIg(k, rule);
        for (int i = 0; i < expected.length; i++) {
          expected[i] += w[k] * ig[i];
        }
      }
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) a.values()[i]).isCloseTo(expected[i], within(1e-6 + 1e-5 * Math.abs(expected[i])));
    }
  }

  @Test
  void wgWeightsAreNormalisedInverseFitnessAndWgIsTheWeightedSumOfIg() {
    Attribution a = run(new FitnessAggregator(FITNESS), SAMPLER);
    double[] d = a.fitness();
    assertThat(d).hasSize(6);
    assertThat(java.util.Arrays.stream(d).distinct().count()).as("baselines differ in fitness").isGreaterThan(2);
    double[] w = normalisedInverse(d, all(6));
    assertThat(a.weights()).containsExactly(w, within(1e-15));
    assertWeightedSum(a, w, RULE);
    assertThat(a.completenessGap()).isLessThan(1e-3 * Math.abs(a.expectedSum()));
  }

  @Test
  void thresholdFilterDropsExactlyTheWeightsBelowTauTimesTheMean() {
    double tau = 0.9;
    Attribution wg = run(new FitnessAggregator(FITNESS), SAMPLER);
    Attribution a = run(new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "threshold", tau, null, null, null)), SAMPLER);
    double[] w0 = wg.weights();
    boolean[] keep = new boolean[6];
    int dropped = 0;
    for (int k = 0; k < 6; k++) {
      keep[k] = w0[k] >= tau / 6;
      dropped += keep[k] ? 0 : 1;
    }
    assertThat(dropped).as("the rule removes some baselines here").isBetween(1, 5);
    double[] w = normalisedInverse(wg.fitness(), keep);
    assertThat(a.weights()).containsExactly(w, within(1e-15));
    assertThat(a.diagnostics()).containsEntry("survivors", (double) (6 - dropped));
    assertWeightedSum(a, w, RULE);
  }

  @Test
  void dropLowestRemovesTheBaselinesOfLargestD() {
    Attribution wg = run(new FitnessAggregator(FITNESS), SAMPLER);
    Attribution a = run(new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, 2, null, null)), SAMPLER);
    Integer[] byD = {0, 1, 2, 3, 4, 5};
    double[] d = wg.fitness();
    java.util.Arrays.sort(byD, (x, y) -> d[x] != d[y] ? Double.compare(d[y], d[x]) : Integer.compare(y, x));
    boolean[] keep = all(6);
    keep[byD[0]] = false;
    keep[byD[1]] = false;
    assertThat(a.weights()).containsExactly(normalisedInverse(d, keep), within(1e-15));
  }

  @Test
  void twoStageIntegratesInFullOnlyTheSurvivors() {
    int cheap = 4;
    Attribution a = run(new FilteredAggregator(new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, 3, true, cheap)), SAMPLER);
    int survivors = 3;
    assertThat(a.diagnostics()).containsEntry("survivors", (double) survivors);
    // Stage one: 6 baselines × 4 cheap nodes; stage two: 3 survivors × 32 nodes.
    assertThat(a.gradientPoints()).isEqualTo(6L * cheap + (long) survivors * RULE.steps());
    Attribution full = run(new FitnessAggregator(FITNESS), SAMPLER);
    assertThat(full.gradientPoints()).isEqualTo(6L * RULE.steps());
    // The weights come from the cheap pass's fitness, the map from full integrals.
    boolean[] keep = new boolean[6];
    for (int k = 0; k < 6; k++) {
      keep[k] = a.weights()[k] > 0;
    }
    assertThat(a.weights()).containsExactly(normalisedInverse(a.fitness(), keep), within(1e-15));
    assertWeightedSum(a, a.weights(), RULE);
    assertThat(a.completenessGap()).isLessThan(1e-3 * Math.abs(a.expectedSum()));
  }

  @Test
  void samplingEstimatorOfEgConvergesToTheIntegralEstimator() {
    Attribution integral = run(new UniformAggregator(new UniformAggregator.Spec("integral", null)), SAMPLER);
    Attribution sampled = run(new UniformAggregator(new UniformAggregator.Spec("sampling", 4000)), SAMPLER);
    Attribution one = run(new UniformAggregator(new UniformAggregator.Spec("sampling", null)), SAMPLER);
    assertThat(one.gradientPoints()).isEqualTo(6);
    double err = 0;
    double scale = 0;
    for (int i = 0; i < SHAPE.size(); i++) {
      err = Math.max(err, Math.abs(sampled.values()[i] - integral.values()[i]));
      scale = Math.max(scale, Math.abs(integral.values()[i]));
    }
    assertThat(err / scale).isLessThan(0.03);
    // Same seed, same draws.
    assertThat(run(new UniformAggregator(new UniformAggregator.Spec("sampling", null)), SAMPLER).values()).containsExactly(one.values());
  }
}
