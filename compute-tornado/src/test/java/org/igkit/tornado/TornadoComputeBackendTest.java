package org.igkit.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.compute.ComputeBackend;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.JavaComputeBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TornadoVM backend against the Java backend on random inputs, run on TornadoVM's default
 * device with bailouts to sequential Java turned into failures (a bailout the backend caught and ran
 * as Java fails the test through {@link ComputeBackend#fallbacks()}). Selections and integer outputs
 * must be equal bit for bit. Sums of products are compared to a relative 1e-12: an OpenCL compiler
 * may fuse {@code a·b + c} into one rounding (FP_CONTRACT is on by default in OpenCL C), which moves
 * a sum of a few thousand double terms by a few ulps (2⁻⁵² ≈ 2.2e-16 each), far below 1e-12.
 * The device's column means also differ in the last bits (its fp64 division and conversion of the
 * row count), so they too are compared to 1e-12; channel sums, pure additions, are equal.
 */
class TornadoComputeBackendTest {

  private static final double RELATIVE = 1e-12;

  private static ComputeBackend tornado;
  private final ComputeBackend plain = new JavaComputeBackend();

  @BeforeAll
  static void start() {
    tornado = new TornadoComputeBackend();
  }

  /** Every comparison ran on the device: a bailout would run the Java kernel and pass unseen. */
  @AfterEach
  void nothingFellBackToJava() {
    assertThat(tornado.fallbacks()).as("kernels that bailed out of TornadoVM and ran as Java").isEmpty();
  }

  private static double[] doubles(SplittableRandom g, int n, boolean ties) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = ties ? g.nextInt(-3, 4) * 0.5 : g.nextDouble(-1, 1);
    }
    return v;
  }

  private static float[] floats(SplittableRandom g, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) g.nextDouble(-1, 1);
    }
    return v;
  }

  private static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(RELATIVE * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void theChooserPicksTornadoWhenTheRuntimeIsLoaded() {
    assertThat(System.getProperty(ComputeBackends.TORNADO_RUNTIME_PROPERTY)).isNotNull();
    assertThat(ComputeBackends.get()).isInstanceOf(TornadoComputeBackend.class);
    assertThat(ComputeBackends.get().name()).startsWith("tornado: ");
    assertThat(ComputeBackends.get().offloads()).isTrue();
  }

  @ParameterizedTest(name = "C={0}, P={1}")
  @CsvSource({"1, 1", "3, 7", "3, 4096", "1, 50176"})
  void channelSumsOrdersAndRanksAreEqual(int channels, int pixels) {
    SplittableRandom g = new SplittableRandom(pixels);
    for (boolean ties : new boolean[] {false, true}) {
      double[] map = doubles(g, channels * pixels, ties);
      for (boolean absolute : new boolean[] {false, true}) {
        assertThat(tornado.spatialSum(map, channels, pixels, absolute)).containsExactly(plain.spatialSum(map, channels, pixels, absolute));
        int[] order = tornado.order(map, channels, pixels, absolute);
        assertThat(order).containsExactly(plain.order(map, channels, pixels, absolute));
        assertThat(tornado.ranks(order)).containsExactly(plain.ranks(order));
      }
    }
  }

  @ParameterizedTest(name = "C={0}, P={1}, m={2}")
  @CsvSource({"1, 1, 1", "3, 64, 5", "3, 1024, 16", "3, 1024, 7"})
  void masksAndCompositesAreEqual(int channels, int pixels, int m) {
    SplittableRandom g = new SplittableRandom(channels + pixels + m);
    int[] rank = plain.ranks(plain.rankDescending(doubles(g, pixels, true)));
    int[] counts = new int[m + 3];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = g.nextInt(pixels + 1);
    }
    assertThat(tornado.masks(rank, counts)).containsExactly(plain.masks(rank, counts));
    float[] base = floats(g, channels * pixels);
    float[] donor = floats(g, channels * pixels);
    for (int first : new int[] {0, 3}) {
      float[] a = new float[m * channels * pixels];
      float[] b = new float[m * channels * pixels];
      tornado.composites(base, donor, channels, rank, counts, first, m, a);
      plain.composites(base, donor, channels, rank, counts, first, m, b);
      assertThat(a).containsExactly(b);
    }
    int baselines = 3;
    int[] ranks = new int[baselines * pixels];
    for (int k = 0; k < baselines; k++) {
      System.arraycopy(plain.ranks(plain.rankDescending(doubles(g, pixels, true))), 0, ranks, k * pixels, pixels);
    }
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = g.nextInt(baselines);
    }
    float[] a = new float[m * channels * pixels];
    float[] b = new float[m * channels * pixels];
    tornado.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, a);
    plain.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, b);
    assertThat(a).containsExactly(b);
  }

  @ParameterizedTest(name = "curves={0}, n={1}, q={2}")
  @CsvSource({"1, 1, 1", "1, 2, 3", "9, 11, 10", "300, 101, 20"})
  void curveKernelsAgree(int curves, int n, int q) {
    SplittableRandom g = new SplittableRandom(curves * 3L + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = n == 1 ? 0 : (double) i / (n - 1);
    }
    double[] y = doubles(g, curves * n, false);
    assertClose(tornado.trapezoids(x, y, curves), plain.trapezoids(x, y, curves));

    double[] xs = new double[curves * n];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = g.nextInt(7) / 6.0;
    }
    double[] ys = doubles(g, curves * n, false);
    double[] xt = xs.clone();
    double[] yt = ys.clone();
    tornado.sortByX(xt, yt, curves, n);
    plain.sortByX(xs, ys, curves, n);
    assertThat(xt).containsExactly(xs);
    assertThat(yt).containsExactly(ys);
    double[] at = new double[q];
    for (int b = 0; b < q; b++) {
      at[b] = g.nextDouble(-0.1, 1.1);
    }
    double[] it = tornado.interpolate(xs, ys, curves, n, at);
    double[] ij = plain.interpolate(xs, ys, curves, n, at);
    assertClose(it, ij);
    assertClose(tornado.columnMeans(ij, curves, q), plain.columnMeans(ij, curves, q));
    assertThat(tornado.columnMedians(ij, curves, q)).containsExactly(plain.columnMedians(ij, curves, q));
  }

  @ParameterizedTest(name = "maps={0}, size={1}")
  @CsvSource({"1, 1", "4, 150528", "16, 3000"})
  void weightedSumsAgree(int count, int size) {
    SplittableRandom g = new SplittableRandom(count * 11L + size);
    List<double[]> maps = new ArrayList<>();
    double[] w = new double[count];
    for (int k = 0; k < count; k++) {
      w[k] = k % 3 == 2 ? 0 : g.nextDouble();
      maps.add(w[k] == 0 ? null : doubles(g, size, false));
    }
    assertClose(tornado.weightedSum(maps, w, size), plain.weightedSum(maps, w, size));
  }

  @ParameterizedTest(name = "n={0}, dim={1}")
  @CsvSource({"2, 1", "9, 7", "64, 3072", "300, 16"})
  void distancesAndNeighboursAgree(int n, int dim) {
    SplittableRandom g = new SplittableRandom(n * 13L + dim);
    float[] p = floats(g, n * dim);
    double[] d = plain.pairwiseSquaredDistances(p, n, dim);
    assertClose(tornado.pairwiseSquaredDistances(p, n, dim), d);
    int k = Math.min(5, n - 1);
    assertThat(tornado.nearestNeighbours(d, n, k)).containsExactly(plain.nearestNeighbours(d, n, k));
    // Many exact ties: lower index first on both.
    float[] q = new float[n * 2];
    for (int i = 0; i < q.length; i++) {
      q[i] = g.nextInt(3);
    }
    double[] e = plain.pairwiseSquaredDistances(q, n, 2);
    assertThat(tornado.pairwiseSquaredDistances(q, n, 2)).containsExactly(e);
    assertThat(tornado.nearestNeighbours(e, n, k)).containsExactly(plain.nearestNeighbours(e, n, k));
  }

  @Test
  void aCachedPlanGivesFreshAnswersForNewInputs() {
    SplittableRandom g = new SplittableRandom(5);
    for (int run = 0; run < 3; run++) {
      double[] map = doubles(g, 3 * 256, false);
      assertThat(tornado.spatialSum(map, 3, 256, true)).containsExactly(plain.spatialSum(map, 3, 256, true));
    }
  }

  @Test
  void aBoundedCacheClosesTheLeastRecentlyUsedPlanAndRebuildsItWhenNeeded() {
    TornadoComputeBackend small = new TornadoComputeBackend(2);
    SplittableRandom g = new SplittableRandom(6);
    for (int round = 0; round < 2; round++) {
      for (int pixels : new int[] {16, 32, 48}) { // three shapes through a cache of two
        double[] map = doubles(g, 2 * pixels, false);
        assertThat(small.spatialSum(map, 2, pixels, false)).containsExactly(plain.spatialSum(map, 2, pixels, false));
        assertThat(small.cachedPlans()).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void concurrentCallersOfDifferentPlansGetTheirOwnAnswers() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int seed = t;
      threads.add(new Thread(() -> {
        try {
          SplittableRandom g = new SplittableRandom(100 + seed);
          for (int run = 0; run < 5; run++) {
            if (seed % 2 == 0) {
              float[] p = floats(g, 12 * 4);
              assertClose(tornado.pairwiseSquaredDistances(p, 12, 4), plain.pairwiseSquaredDistances(p, 12, 4));
            } else {
              double[] map = doubles(g, 3 * 64, false);
              assertThat(tornado.spatialSum(map, 3, 64, true)).containsExactly(plain.spatialSum(map, 3, 64, true));
            }
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void concurrentCallersOfOnePlanGetTheirOwnAnswers() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int seed = t;
      threads.add(new Thread(() -> {
        try {
          SplittableRandom g = new SplittableRandom(seed);
          for (int run = 0; run < 5; run++) {
            float[] p = floats(g, 20 * 8);
            assertClose(tornado.pairwiseSquaredDistances(p, 20, 8), plain.pairwiseSquaredDistances(p, 20, 8));
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
  }
}
