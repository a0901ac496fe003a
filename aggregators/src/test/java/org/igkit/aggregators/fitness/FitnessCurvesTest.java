package org.igkit.aggregators.fitness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.aggregate.FitnessCurve;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.SoftmaxLinearModel;
import org.junit.jupiter.api.Test;

/**
 * The deletion curves WG exposes ({@link Attribution#fitnessCurve}): every scored point is the
 * model's score of the input with the first m positions of the baseline's ranking set to zero,
 * recomputed here from the baseline's own map; an exact search's D_α is the definition's minimum
 * over the exposed curve, and the curve holds every size up to it.
 */
class FitnessCurvesTest {

  private static final Shape SHAPE = Shape.of(3, 6, 6);
  private static final SoftmaxLinearModel MODEL = new SoftmaxLinearModel(SHAPE, 4, 17);
  private static final float[] INPUT = image(new SplittableRandom(3));

  private static float[] image(SplittableRandom g) {
    float[] x = new float[SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.nextDouble();
    }
    return x;
  }

  private static Attribution wg(String search, int target) {
    SplittableRandom g = new SplittableRandom(9);
    List<Baseline> baselines = new ArrayList<>();
    baselines.add(new Baseline("black", new float[SHAPE.size()]));
    for (int k = 0; k < 4; k++) {
      baselines.add(new Baseline("noise" + k, image(g)));
    }
    BaselineSampler sampler = request -> baselines;
    FitnessSpec spec = new FitnessSpec(0.5, null, null, search, 2, null, "zero", null, null);
    AttributionMethod m = new AttributionMethod("WG", sampler, new StraightPath(),
        new RiemannStepRule(8, RiemannStepRule.Variant.MIDPOINT), new FitnessAggregator(spec));
    return AttributionEngine.attribute(MODEL, m, INPUT, target, RandomSource.of(1), EngineOptions.batchSize(5));
  }

  /** Positions ranked by the channel-summed map, largest first, ties to the lower position. */
  private static Integer[] ranking(float[] map) {
    int pixels = SHAPE.pixels();
    double[] sum = new double[pixels];
    for (int c = 0; c < SHAPE.channels(); c++) {
      for (int p = 0; p < pixels; p++) {
        sum[p] += map[c * pixels + p];
      }
    }
    Integer[] order = new Integer[pixels];
    for (int p = 0; p < pixels; p++) {
      order[p] = p;
    }
    Arrays.sort(order, (a, b) -> sum[a] != sum[b] ? Double.compare(sum[b], sum[a]) : Integer.compare(a, b));
    return order;
  }

  private static float maskedScore(Integer[] order, int m, int target) {
    float[] x = INPUT.clone();
    int pixels = SHAPE.pixels();
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < SHAPE.channels(); c++) {
        x[c * pixels + order[i]] = 0f;
      }
    }
    return MODEL.scores(List.of(x), new int[] {target})[0];
  }

  private static void assertPointsAreTheModelsScores(Attribution a, FitnessCurve curve) {
    Integer[] order = ranking(a.baselineMap(curve.baseline()));
    int[] sizes = curve.sizes();
    float[] scores = curve.scores();
    assertThat(sizes[0]).isZero();
    assertThat((double) scores[0]).isEqualTo(a.inputScore());
    for (int i = 1; i < sizes.length; i++) {
      assertThat(scores[i]).as("baseline %d, m = %d", curve.baseline(), sizes[i])
          .isEqualTo(maskedScore(order, sizes[i], a.target()));
    }
    assertThat(curve.threshold()).isEqualTo(0.5 * (float) a.inputScore());
    assertThat((double) curve.chosen()).isEqualTo(a.fitness()[curve.baseline()]);
  }

  @Test
  void exactCurvesAreTheModelsScoresAndDAlphaIsTheirDefinitionsMinimum() {
    int crossings = 0;
    for (int target = 0; target < 4; target++) {
      Attribution a = wg("exact", target);
      int pixels = SHAPE.pixels();
      for (int k = 0; k < a.baselineNames().size(); k++) {
        FitnessCurve curve = a.fitnessCurve(k);
        assertThat(curve).isNotNull();
        assertThat(curve.baseline()).isEqualTo(k);
        assertPointsAreTheModelsScores(a, curve);
        int[] sizes = curve.sizes();
        float[] scores = curve.scores();
        int first = -1;
        for (int i = 0; i < sizes.length && first < 0; i++) {
          if (scores[i] <= curve.threshold()) {
            first = sizes[i];
          }
        }
        int expected = first < 0 ? pixels : Math.max(1, first);
        assertThat(curve.chosen()).isEqualTo(expected);
        crossings += expected > 1 && expected < pixels ? 1 : 0;
        // the scan leaves no gap: every size up to the crossing was scored
        int last = first < 0 ? pixels : first;
        for (int m = 0; m <= last; m++) {
          assertThat(sizes[m]).isEqualTo(m);
        }
      }
    }
    assertThat(crossings).as("curves that cross inside (1, P)").isGreaterThan(5);
  }

  @Test
  void fastCurvesAreTheModelsScoresAtTheSizesTheSearchVisited() {
    for (int target = 0; target < 4; target++) {
      Attribution a = wg("fast", target);
      for (int k = 0; k < a.baselineNames().size(); k++) {
        FitnessCurve curve = a.fitnessCurve(k);
        assertPointsAreTheModelsScores(a, curve);
        assertThat(curve.points()).isLessThan(SHAPE.pixels());
      }
    }
  }

  @Test
  void uniformWeightsScoreNoCurve() {
    Attribution eg = AttributionEngine.attribute(MODEL,
        new AttributionMethod("EG", r -> List.of(new Baseline("black", new float[SHAPE.size()])), new StraightPath(),
            new RiemannStepRule(4, RiemannStepRule.Variant.MIDPOINT),
            new org.igkit.aggregators.uniform.UniformAggregator(
                new org.igkit.aggregators.uniform.UniformAggregator.Spec(null, null))),
        INPUT, 0, RandomSource.of(1), EngineOptions.batchSize(5));
    assertThat(eg.fitnessCurves()).isEmpty();
    assertThat(eg.fitnessCurve(0)).isNull();
  }
}
