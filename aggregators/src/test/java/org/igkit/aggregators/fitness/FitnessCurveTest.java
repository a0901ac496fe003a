package org.igkit.aggregators.fitness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * Both searches on deletion curves chosen outright: the input is all ones, deleted pixels become
 * 0, and the model's score is c[number of zero pixels], so s(m) = c[m] whatever the ranking. The
 * expected D is read off the curve by a scan written here, in double precision.
 */
class FitnessCurveTest {

  /** A model whose score after m deletions is {@code c[m]}. */
  private static ToDoubleFunction<float[]> curve(float[] c) {
    return x -> {
      int zeros = 0;
      for (float v : x) {
        if (v == 0) {
          zeros++;
        }
      }
      return c[zeros];
    };
  }

  /** min{m : c[m] ≤ α·c[0]} clamped to ≥ 1, or P: the paper's definition on the curve. */
  private static int definition(float[] c, double alpha) {
    double t = alpha * c[0];
    for (int m = 0; m < c.length; m++) {
      if (c[m] <= t) {
        return Math.max(1, m);
      }
    }
    return c.length - 1;
  }

  private static FitnessSpec spec(String search, double epsilon, int width) {
    return new FitnessSpec(0.5, epsilon, "band", search, width, null, "zero", null, null);
  }

  private static FitnessSearch.Result run(FitnessSpec spec, float[] c, int baselines, boolean accelerated) {
    int pixels = c.length - 1;
    Shape shape = Shape.of(1, pixels / 16, 16);
    float[] x = new float[shape.size()];
    Arrays.fill(x, 1f);
    SplittableRandom g = new SplittableRandom(5);
    List<double[]> maps = new ArrayList<>();
    for (int k = 0; k < baselines; k++) {
      double[] map = new double[shape.size()];
      for (int i = 0; i < map.length; i++) {
        map[i] = g.nextGaussian();
      }
      maps.add(map);
    }
    ScoringContext ctx = new ScoringContext(x, shape, curve(c), 7);
    ctx.accelerated = accelerated;
    return new FitnessSearch(spec).search(ctx, maps);
  }

  /** A random walk from c[0] ∈ [0.5, 1): steps up and down, so it may cross t several times, or never. */
  private static float[] randomCurve(SplittableRandom g, int pixels) {
    float[] c = new float[pixels + 1];
    double v = 0.5 + 0.5 * g.nextDouble();
    double drift = -g.nextDouble() * 1.5 * v / pixels;
    double noise = 0.02 + 0.1 * g.nextDouble();
    c[0] = (float) v;
    for (int m = 1; m <= pixels; m++) {
      v = Math.min(1, Math.max(0, v + drift + noise * (g.nextDouble() - 0.5)));
      c[m] = (float) v;
    }
    return c;
  }

  private static boolean monotone(float[] c) {
    for (int m = 1; m < c.length; m++) {
      if (c[m] > c[m - 1]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void exactEqualsTheDefinitionOnRandomNonMonotoneCurves() {
    SplittableRandom g = new SplittableRandom(15);
    int nonMonotone = 0;
    int unreached = 0;
    int fastDiffers = 0;
    for (int trial = 0; trial < 300; trial++) {
      int pixels = trial % 2 == 0 ? 64 : 256;
      float[] c = randomCurve(g, pixels);
      nonMonotone += monotone(c) ? 0 : 1;
      int want = definition(c, 0.5);
      unreached += c[want] > 0.5 * c[0] ? 1 : 0;
      int width = 1 + g.nextInt(20);
      FitnessSearch.Result r = run(spec("exact", 0.005, width), c, 3, false);
      assertThat(r.d()).as("trial %d, width %d", trial, width).containsOnly(want);
      // every size up to D of every baseline, in rounds of `width` consecutive sizes
      int scanned = Math.min(pixels, (want + width - 1) / width * width);
      assertThat(r.rounds()).isEqualTo((scanned + width - 1) / width);
      assertThat(r.scoredMasks()).isEqualTo(3 * scanned);
      fastDiffers += run(spec("fast", 0, width), c, 1, false).d()[0] != want ? 1 : 0;
    }
    // the curves are what this test is about: non-monotone, some never halved, some where fast errs
    assertThat(nonMonotone).isGreaterThan(250);
    assertThat(unreached).isBetween(10, 200);
    assertThat(fastDiffers).isGreaterThan(10);
  }

  @Test
  void fastEqualsExactOnMonotoneCurves() {
    SplittableRandom g = new SplittableRandom(16);
    for (int trial = 0; trial < 200; trial++) {
      int pixels = trial % 2 == 0 ? 64 : 256;
      float[] c = randomCurve(g, pixels);
      // sorting a random walk gives a non-increasing curve with the same values
      float[] sorted = c.clone();
      Arrays.sort(sorted);
      for (int m = 0; m <= pixels; m++) {
        c[m] = sorted[pixels - m];
      }
      int want = definition(c, 0.5);
      int width = 1 + g.nextInt(20);
      assertThat(run(spec("fast", 0, width), c, 2, false).d()).as("trial %d", trial).containsOnly(want);
      assertThat(run(spec("exact", 0.005, width), c, 2, false).d()).containsOnly(want);
      // with ε > 0 the fast search may stop early, at a scored size within ε of the target
      double eps = 0.02;
      int d = run(spec("fast", eps, width), c, 1, false).d()[0];
      assertThat(d == want || Math.abs(c[d] - 0.5 * c[0]) < eps).as("trial %d: D %d, exact %d", trial, d, want).isTrue();
    }
  }

  @Test
  void aDipTheFastSearchStepsOverIsFoundByTheExactScan() {
    // 256 sizes, never halved except at m = 93 (as a checker found on a real model's curve)
    float[] c = new float[257];
    Arrays.fill(c, 0.8f);
    c[93] = 0.3f;
    for (int width : new int[] {1, 4, 16}) {
      assertThat(run(spec("exact", 0.005, width), c, 2, false).d()).containsOnly(93);
      assertThat(run(spec("fast", 0.005, width), c, 2, false).d()).containsOnly(256);
    }
  }

  @Test
  void neverReachedGivesEveryPixelAfterScoringThemAll() {
    float[] c = new float[65];
    Arrays.fill(c, 0.9f);
    FitnessSearch.Result r = run(spec("exact", 0.005, 8), c, 2, false);
    assertThat(r.d()).containsOnly(64);
    assertThat(r.scoredMasks()).isEqualTo(2 * 64);
    assertThat(r.rounds()).isEqualTo(8);
  }

  @Test
  void epsilonIsTheAuthorsStoppingBandOfTheFastSearch() {
    // c[m] = 1 − 0.04·m, t = 0.5: c[12] = 0.52 (above t, within 0.03), c[13] = 0.48 (reached)
    float[] c = new float[17];
    for (int m = 0; m <= 16; m++) {
      c[m] = (float) (1 - 0.04 * m);
    }
    // bisection (width 1) over (0, 17]: 8 → 0.68, not reached → (8, 17]: 12 → 0.52, in the band
    // |0.52 − 0.5| < 0.03: stop at 12, as the authors' loop (mid 8, then 12, break)
    assertThat(run(spec("fast", 0.03, 1), c, 1, false).d()).containsOnly(12);
    // ε = 0.01: 12 is outside the band → (12, 17]: 14 → 0.44 reached → (12, 14]: 13 → 0.48 reached: D 13
    assertThat(run(spec("fast", 0.01, 1), c, 1, false).d()).containsOnly(13);
    // the exact scan returns the definition's minimum whatever ε
    assertThat(run(spec("exact", 0.03, 1), c, 1, false).d()).containsOnly(13);
    // the earlier rule, offset: reached ⇔ s < t + ε, in both searches: 0.52 < 0.53 gives 12
    FitnessSpec offset = new FitnessSpec(0.5, 0.03, "offset", "exact", 1, null, "zero", null, null);
    assertThat(run(offset, c, 1, false).d()).containsOnly(12);
    assertThat(run(offset.withSearch("fast"), c, 1, false).d()).containsOnly(12);
    // a score exactly at the target counts as reached (eq. 5: f ≤ α·f(x)); offset with ε = 0 needs below
    c[10] = 0.5f;
    assertThat(run(spec("exact", 0.03, 1), c, 1, false).d()).containsOnly(10);
    assertThat(run(new FitnessSpec(0.5, 0.0, "offset", "exact", 1, null, "zero", null, null), c, 1, false).d())
        .containsOnly(13);
  }

  @Test
  void theDeviceChoosesTheWidthWhenNoneIsGiven() {
    float[] c = new float[65];
    Arrays.fill(c, 0.9f);
    c[40] = 0.1f;
    FitnessSpec auto = spec("exact", 0.005, 0);
    // CPU: 4 sizes per round (40 sizes in 10 rounds), GPU: 16 (48 sizes in 3 rounds)
    FitnessSearch.Result cpu = run(auto, c, 1, false);
    FitnessSearch.Result gpu = run(auto, c, 1, true);
    assertThat(cpu.d()).containsOnly(40);
    assertThat(gpu.d()).containsOnly(40);
    assertThat(cpu.rounds()).isEqualTo(10);
    assertThat(cpu.scoredMasks()).isEqualTo(40);
    assertThat(gpu.rounds()).isEqualTo(3);
    assertThat(gpu.scoredMasks()).isEqualTo(48);
    assertThat(FitnessSpec.defaults().width(false)).isEqualTo(FitnessSpec.CPU_WIDTH).isEqualTo(4);
    assertThat(FitnessSpec.defaults().width(true)).isEqualTo(FitnessSpec.ACCELERATOR_WIDTH).isEqualTo(16);
    assertThat(FitnessSpec.defaults().withCandidatesPerRound(3).width(true)).isEqualTo(3);
  }
}
