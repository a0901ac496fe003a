package org.igkit.aggregators.fitness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.image.RankedComposite;
import org.igkit.api.model.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** D_α by the batched k-ary search against exhaustive search, and the round bound. */
class FitnessSearchTest {

  private static final Shape SHAPE = Shape.of(3, 8, 8);

  /** A score that strictly decreases whenever a pixel moves to 0: sigmoid(Σ w_i x_i − b), w &gt; 0. */
  private static ToDoubleFunction<float[]> monotoneModel(SplittableRandom g) {
    double[] w = new double[SHAPE.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.05 + g.nextDouble();
    }
    return x -> {
      double z = -30;
      for (int i = 0; i < w.length; i++) {
        z += w[i] * x[i];
      }
      return 1 / (1 + Math.exp(-z / 8));
    };
  }

  private static float[] randomImage(SplittableRandom g) {
    float[] x = new float[SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.05 + 0.95 * g.nextDouble());
    }
    return x;
  }

  private static double[] randomMap(SplittableRandom g) {
    double[] m = new double[SHAPE.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = g.nextGaussian();
    }
    return m;
  }

  /** The definition, evaluated at every mask size. */
  private static int exhaustive(FitnessSpec spec, float[] x, ToDoubleFunction<float[]> f, double[] map) {
    float[] neutral = spec.neutralMode().image(x, SHAPE, spec.blurSigma());
    int[] order = MapKernels.rankDescending(
        MapKernels.spatialSum(map, SHAPE.channels(), SHAPE.pixels(), spec.rankingMode() == FitnessSpec.Ranking.ABSOLUTE));
    double threshold = spec.alpha() * (float) f.applyAsDouble(x) + spec.epsilon();
    for (int m = 0; m <= SHAPE.pixels(); m++) {
      float s = (float) f.applyAsDouble(RankedComposite.compose(x, neutral, SHAPE, order, m));
      if (s < threshold) {
        return Math.max(1, m);
      }
    }
    return SHAPE.pixels();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 64})
  void equalsExhaustiveSearchOnRandomMapsWithinTheRoundBound(int candidates) {
    SplittableRandom g = new SplittableRandom(candidates);
    for (int trial = 0; trial < 20; trial++) {
      ToDoubleFunction<float[]> f = monotoneModel(g);
      float[] x = randomImage(g);
      FitnessSpec spec = new FitnessSpec(0.2 + 0.7 * g.nextDouble(), 0.005, candidates, trial % 2 == 0 ? "signed" : "absolute", "zero", null);
      List<double[]> maps = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        maps.add(randomMap(g));
      }
      ScoringContext ctx = new ScoringContext(x, SHAPE, f, 1000);
      FitnessSearch.Result r = new FitnessSearch(spec).search(ctx, maps);
      for (int k = 0; k < maps.size(); k++) {
        assertThat(r.d()[k]).as("trial %d baseline %d", trial, k).isEqualTo(exhaustive(spec, x, f, maps.get(k)));
      }
      assertThat(r.rounds()).isLessThanOrEqualTo(FitnessSearch.roundBound(SHAPE.pixels(), candidates));
      // One forward batch per round (the batch holds every baseline's candidates).
      assertThat(ctx.scoreCalls).isEqualTo(r.rounds());
      assertThat(ctx.batches).isEqualTo(r.rounds());
    }
  }

  @Test
  void roundBoundIsTheIssuedFormula() {
    assertThat(FitnessSearch.roundBound(64, 16)).isEqualTo(3); // ⌈log_16 64⌉ + 1 = 2 + 1
    assertThat(FitnessSearch.roundBound(224 * 224, 16)).isEqualTo(5); // ⌈3.87⌉ + 1
    assertThat(FitnessSearch.roundBound(64, 1)).isEqualTo(7); // binary: ⌈log_2 64⌉ + 1
  }

  @Test
  void onNonMonotoneCurvesTheResultIsACrossing() {
    SplittableRandom g = new SplittableRandom(99);
    double[] w = new double[SHAPE.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = g.nextGaussian(); // signed weights: deleting a pixel can raise the score
    }
    ToDoubleFunction<float[]> f = x -> {
      double z = 0;
      for (int i = 0; i < w.length; i++) {
        z += w[i] * x[i];
      }
      return 1 / (1 + Math.exp(-z));
    };
    for (int trial = 0; trial < 30; trial++) {
      float[] x = randomImage(g);
      double[] map = randomMap(g);
      FitnessSpec spec = new FitnessSpec(0.5, 0.0, 4, "signed", "zero", null);
      int d = new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, f, 8), List.of(map)).d()[0];
      int[] order = MapKernels.rankDescending(MapKernels.spatialSum(map, 3, 64, false));
      float[] zero = new float[SHAPE.size()];
      double threshold = 0.5 * (float) f.applyAsDouble(x);
      float atD = (float) f.applyAsDouble(RankedComposite.compose(x, zero, SHAPE, order, d));
      float before = (float) f.applyAsDouble(RankedComposite.compose(x, zero, SHAPE, order, d - 1));
      assertThat(d).isBetween(1, 64);
      if (d < 64 || atD < threshold) {
        assertThat(atD).as("reached at D").isLessThan((float) threshold);
        if (d > 1) {
          assertThat(before).as("not reached at D-1").isGreaterThanOrEqualTo((float) threshold);
        }
      }
    }
  }

  @Test
  void dIsAtLeastOneAndAtMostThePixelCount() {
    float[] x = randomImage(new SplittableRandom(3));
    double[] map = randomMap(new SplittableRandom(4));
    FitnessSpec spec = new FitnessSpec(0.5, 0.005, 16, null, "zero", null);
    // A score already below α·f(x)+ε at m = 0 (tiny score): D clamps to 1, never 0.
    assertThat(new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, v -> 0.001, 16), List.of(map)).d())
        .containsExactly(1);
    // A constant score is never halved: D is every pixel, so its weight is the smallest possible.
    FitnessSearch.Result never = new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, v -> 0.9, 16), List.of(map));
    assertThat(never.d()).containsExactly(64);
    assertThat(never.rounds()).isLessThanOrEqualTo(FitnessSearch.roundBound(64, 16));
  }
}
