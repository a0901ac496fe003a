package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN guarantee 2 on a real CNN (the TorchScript fixture): batch sizes 1, 7 and 256 give the
 * same EG, WG, filtered WG and IG+IDGI attributions, weights and fitness values.
 */
class BatchInvarianceTest {

  private static DjlModelFunction model;
  private static float[] input;
  private static int target;

  @BeforeAll
  static void load() {
    model = DjlModelFunction.load(Fixtures.tinyCnn());
    input = Fixtures.randomImage(42);
    float[] out = model.outputs(List.of(input))[0];
    for (int c = 1; c < out.length; c++) {
      if (out[c] > out[target]) {
        target = c;
      }
    }
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<AttributionMethod> methods() {
    var noise = new UniformNoiseBaselineSampler(new UniformNoiseBaselineSampler.Spec(4, null, null));
    var straight = new StraightPath();
    var riemann = new RiemannStepRule(16, RiemannStepRule.Variant.MIDPOINT);
    var uniform = new UniformAggregator(new UniformAggregator.Spec(null, null));
    return List.of(
        new AttributionMethod("EG", noise, straight, riemann, uniform),
        new AttributionMethod("EG-sampling", noise, straight, riemann, new UniformAggregator(new UniformAggregator.Spec("sampling", 3))),
        new AttributionMethod("WG", noise, straight, riemann, new FitnessAggregator(FitnessSpec.defaults().withCandidatesPerRound(8))),
        new AttributionMethod(
            "filtered-WG", noise, straight, riemann,
            new FilteredAggregator(new FilteredAggregator.Spec(null, "drop-lowest", null, 1, true, 4))),
        new AttributionMethod(
            "IG+IDGI", new ConstantBaselineSampler("black", 0f), straight, new IdgiStepRule(16), uniform));
  }

  private static double relativeMaxDifference(float[] a, float[] b) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(a[i]));
    }
    return diff / scale;
  }

  @Test
  void batchSizesOneSevenAnd256GiveTheSameAttributions() {
    for (AttributionMethod m : methods()) {
      List<Attribution> runs = new ArrayList<>();
      for (int batch : new int[] {1, 7, 256}) {
        runs.add(AttributionEngine.attribute(model, m, input, target, RandomSource.of(5), EngineOptions.batchSize(batch)));
      }
      Attribution ref = runs.get(0);
      assertThat(ref.sum()).as(m.name()).isNotZero();
      for (Attribution a : runs.subList(1, 3)) {
        assertThat(relativeMaxDifference(ref.values(), a.values())).as(m.name()).isLessThanOrEqualTo(1e-5);
        assertThat(a.weights()).as(m.name()).containsExactly(ref.weights());
        if (ref.fitness() != null) {
          assertThat(a.fitness()).as(m.name()).containsExactly(ref.fitness());
        }
        assertThat(a.gradientPoints()).as(m.name()).isEqualTo(ref.gradientPoints());
      }
    }
  }

  @Test
  void idgiIsCompleteOnTheCnnAndEgWgCloseTheGapWithSteps() {
    AttributionMethod idgi = methods().get(4);
    Attribution a = AttributionEngine.attribute(model, idgi, input, target, RandomSource.of(5), EngineOptions.batchSize(32));
    assertThat(a.completenessGap()).isLessThanOrEqualTo(1e-5 * Math.max(1e-3, Math.abs(a.expectedSum())) + 1e-6);
    assertThat(a.skippedSteps()).isZero();
    for (AttributionMethod m : methods().subList(2, 3)) {
      double coarse = AttributionEngine.attribute(model, m, input, target, RandomSource.of(5), EngineOptions.batchSize(64)).completenessGap();
      AttributionMethod fine = new AttributionMethod(m.name(), m.baselines(), m.path(), m.stepRule().withSteps(128), m.aggregator());
      Attribution f = AttributionEngine.attribute(model, fine, input, target, RandomSource.of(5), EngineOptions.batchSize(64));
      assertThat(f.completenessGap()).as(m.name()).isLessThan(coarse + 1e-7);
      assertThat(f.completenessGap()).as(m.name()).isLessThanOrEqualTo(0.02 * Math.abs(f.expectedSum()) + 1e-5);
    }
  }
}
