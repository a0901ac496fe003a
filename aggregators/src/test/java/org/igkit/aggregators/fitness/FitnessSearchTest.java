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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * D_α by both searches against exhaustive search on smooth models (the earlier {@code offset}
 * rule), and the fast search's round bound. {@link FitnessCurveTest} checks both on chosen curves.
 */
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
  @CsvSource({"fast,1", "fast,2", "fast,3", "fast,7", "fast,16", "fast,64", "exact,1", "exact,5", "exact,64"})
  void equalsExhaustiveSearchOnMonotoneCurves(String search, int candidates) {
    SplittableRandom g = new SplittableRandom(candidates);
    for (int trial = 0; trial < 20; trial++) {
      ToDoubleFunction<float[]> f = monotoneModel(g);
      float[] x = randomImage(g);
      FitnessSpec spec = new FitnessSpec(0.2 + 0.7 * g.nextDouble(), 0.005, "offset", search, candidates,
          trial % 2 == 0 ? "signed" : "absolute", "zero", null, null);
      List<double[]> maps = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        maps.add(randomMap(g));
      }
      ScoringContext ctx = new ScoringContext(x, SHAPE, f, 1000);
      FitnessSearch.Result r = new FitnessSearch(spec).search(ctx, maps);
      for (int k = 0; k < maps.size(); k++) {
        assertThat(r.d()[k]).as("trial %d baseline %d", trial, k).isEqualTo(exhaustive(spec, x, f, maps.get(k)));
      }
      if (search.equals("fast")) {
        assertThat(r.rounds()).isLessThanOrEqualTo(FitnessSearch.roundBound(SHAPE.pixels(), candidates));
      }
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
  void onNonMonotoneCurvesTheFastResultIsACrossing() {
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
      FitnessSpec spec = new FitnessSpec(0.5, 0.0, "offset", "fast", 4, "signed", "zero", null, null);
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
    FitnessSpec spec = new FitnessSpec(0.5, 0.005, "offset", "fast", 16, null, "zero", null, null);
    // A score already below α·f(x)+ε at m = 0 (tiny score): D clamps to 1, never 0.
    assertThat(new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, v -> 0.001, 16), List.of(map)).d())
        .containsExactly(1);
    // A constant score is never halved: D is every pixel, so its weight is the smallest possible.
    FitnessSearch.Result never = new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, v -> 0.9, 16), List.of(map));
    assertThat(never.d()).containsExactly(64);
    assertThat(never.rounds()).isLessThanOrEqualTo(FitnessSearch.roundBound(64, 16));
  }

  /** Softmax probability of class 0 of a random linear 5-class model with signed weights. */
  private static ToDoubleFunction<float[]> softmaxModel(SplittableRandom g) {
    int classes = 5;
    double[][] w = new double[classes][SHAPE.size()];
    double[] bias = new double[classes];
    for (int c = 0; c < classes; c++) {
      bias[c] = c == 0 ? 1.5 : g.nextGaussian();
      for (int i = 0; i < w[c].length; i++) {
        w[c][i] = 0.4 * g.nextGaussian();
      }
    }
    return x -> {
      double[] z = new double[classes];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        z[c] = bias[c];
        for (int i = 0; i < x.length; i++) {
          z[c] += w[c][i] * x[i];
        }
        max = Math.max(max, z[c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(z[c] - max);
      }
      return Math.exp(z[0] - max) / sum;
    };
  }

  /**
   * The definition by a scan written here: rank positions by the channel sum of the map (largest
   * first, ties by position), zero the first m in every channel, return the first m whose score
   * (as the model's float) is ≤ α·f(x), clamped to ≥ 1, or H·W. Also counts the curve's rises.
   */
  private static int[] scan(double alpha, float[] x, ToDoubleFunction<float[]> f, double[] map) {
    int pixels = SHAPE.pixels();
    Integer[] order = new Integer[pixels];
    double[] sum = new double[pixels];
    for (int p = 0; p < pixels; p++) {
      order[p] = p;
      for (int c = 0; c < SHAPE.channels(); c++) {
        sum[p] += map[c * pixels + p];
      }
    }
    java.util.Arrays.sort(order, (a, b) -> sum[a] != sum[b] ? Double.compare(sum[b], sum[a]) : Integer.compare(a, b));
    double t = alpha * (float) f.applyAsDouble(x);
    float[] masked = x.clone();
    int rises = 0;
    int found = -1;
    float previous = Float.NaN;
    for (int m = 0; m <= pixels; m++) {
      if (m > 0) {
        for (int c = 0; c < SHAPE.channels(); c++) {
          masked[c * pixels + order[m - 1]] = 0;
        }
      }
      float s = (float) f.applyAsDouble(masked);
      rises += s > previous ? 1 : 0;
      previous = s;
      if (found < 0 && s <= t) {
        found = Math.max(1, m);
      }
    }
    return new int[] {found < 0 ? pixels : found, rises};
  }

  @Test
  void exactEqualsAnIndependentScanOnSoftmaxModels() {
    SplittableRandom g = new SplittableRandom(21);
    int rising = 0;
    for (int trial = 0; trial < 40; trial++) {
      ToDoubleFunction<float[]> f = softmaxModel(g);
      float[] x = randomImage(g);
      List<double[]> maps = List.of(randomMap(g), randomMap(g), randomMap(g));
      int width = 1 + g.nextInt(9);
      FitnessSpec spec = new FitnessSpec(0.5, 0.005, null, null, width, "signed", "zero", null, null);
      FitnessSearch.Result r = new FitnessSearch(spec).search(new ScoringContext(x, SHAPE, f, 5), maps);
      for (int k = 0; k < maps.size(); k++) {
        int[] want = scan(0.5, x, f, maps.get(k));
        rising += want[1] > 0 ? 1 : 0;
        assertThat(r.d()[k]).as("trial %d baseline %d", trial, k).isEqualTo(want[0]);
      }
    }
    assertThat(rising).as("curves that rise somewhere").isGreaterThan(60);
  }

  @Test
  void aCornerSizeLargerThanTheImageIsRefusedNamingTheKey() {
    float[] x = randomImage(new SplittableRandom(5));
    FitnessSpec spec = new FitnessSpec(null, null, null, null, null, null, "corner-mean", null, 9);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FitnessSearch(spec)
            .search(new ScoringContext(x, SHAPE, v -> 0.5, 4), List.of(randomMap(new SplittableRandom(6)))))
        .hasMessageStartingWith("cornerSize: must be in [0, 8]").hasMessageEndingWith("was 9");
  }
}
