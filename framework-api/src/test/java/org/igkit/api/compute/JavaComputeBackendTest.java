package org.igkit.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the Java backend against a straightforward reference loop, on random inputs
 * of several shapes, the empty and single-element ones included. Results must be equal bit for
 * bit: the kernels add in the same order as the references.
 */
class JavaComputeBackendTest {

  private final ComputeBackend backend = new JavaComputeBackend();

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

  private static int[] counts(SplittableRandom g, int m, int pixels) {
    int[] c = new int[m];
    for (int i = 0; i < m; i++) {
      c[i] = g.nextInt(pixels + 1);
    }
    return c;
  }

  @ParameterizedTest(name = "C={0}, P={1}")
  @CsvSource({"1, 0", "1, 1", "3, 1", "1, 7", "3, 64", "4, 257"})
  void spatialSumsAndOrdersMatchTheReference(int channels, int pixels) {
    SplittableRandom g = new SplittableRandom(channels * 1000L + pixels);
    for (boolean ties : new boolean[] {false, true}) {
      double[] map = doubles(g, channels * pixels, ties);
      for (boolean absolute : new boolean[] {false, true}) {
        double[] sum = backend.spatialSum(map, channels, pixels, absolute);
        assertThat(sum).containsExactly(ReferenceLoops.spatialSum(map, channels, pixels, absolute));
        assertThat(backend.order(map, channels, pixels, absolute)).containsExactly(ReferenceLoops.rankDescending(sum));
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @CsvSource({"0", "1", "2", "17", "1000", "50176"})
  void rankDescendingIsTheComparatorSortWithTiesByIndex(int n) {
    SplittableRandom g = new SplittableRandom(n);
    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1, -1};
    for (int trial = 0; trial < 3; trial++) {
      double[] v = doubles(g, n, trial == 1);
      if (trial == 2) {
        for (int i = 0; i < n; i++) {
          v[i] = special[g.nextInt(special.length)];
        }
      }
      assertThat(backend.rankDescending(v)).containsExactly(ReferenceLoops.rankDescending(v));
    }
  }

  @Test
  void rankDescendingOfSmallHandExamples() {
    assertThat(MapKernels.rankDescending(new double[] {1, 3, 3, -0.0, 0.0, Double.NaN}))
        .containsExactly(5, 1, 2, 0, 4, 3);
  }

  @ParameterizedTest(name = "C={0}, P={1}, m={2}")
  @CsvSource({"1, 1, 0", "1, 1, 3", "3, 1, 2", "1, 9, 1", "3, 16, 5", "2, 100, 7"})
  void ranksMasksAndCompositesMatchTheReference(int channels, int pixels, int m) {
    SplittableRandom g = new SplittableRandom(channels * 31L + pixels * 7L + m);
    int[] order = backend.rankDescending(doubles(g, pixels, true));
    int[] rank = backend.ranks(order);
    assertThat(rank).containsExactly(ReferenceLoops.ranks(order));
    int[] counts = counts(g, m + 2, pixels);
    counts[0] = 0;
    counts[counts.length - 1] = pixels;

    float[] masks = backend.masks(rank, counts);
    for (int i = 0; i < counts.length; i++) {
      float[] ones = new float[pixels];
      Arrays.fill(ones, 1f);
      float[] expected = ReferenceLoops.composite(new float[pixels], ones, 1, order, counts[i]);
      assertThat(Arrays.copyOfRange(masks, i * pixels, (i + 1) * pixels)).containsExactly(expected);
    }

    int size = channels * pixels;
    float[] base = floats(g, size);
    float[] donor = floats(g, size);
    float[] out = new float[m * size + 3];
    backend.composites(base, donor, channels, rank, counts, 1, m, out);
    for (int i = 0; i < m; i++) {
      assertThat(Arrays.copyOfRange(out, i * size, (i + 1) * size))
          .containsExactly(ReferenceLoops.composite(base, donor, channels, order, counts[1 + i]));
    }
    assertThat(Arrays.copyOfRange(out, m * size, out.length)).containsOnly(0f);
  }

  @ParameterizedTest(name = "C={0}, P={1}, baselines={2}, m={3}")
  @CsvSource({"1, 1, 1, 0", "1, 1, 1, 2", "3, 16, 4, 9", "2, 50, 3, 1"})
  void rankedCompositesFollowEachImagesRanking(int channels, int pixels, int baselines, int m) {
    SplittableRandom g = new SplittableRandom(channels + pixels * 13L + baselines * 101L + m);
    int[][] orders = new int[baselines][];
    int[] ranks = new int[baselines * pixels];
    for (int k = 0; k < baselines; k++) {
      orders[k] = backend.rankDescending(doubles(g, pixels, true));
      System.arraycopy(backend.ranks(orders[k]), 0, ranks, k * pixels, pixels);
    }
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = g.nextInt(baselines);
    }
    int[] counts = counts(g, m, pixels);
    int size = channels * pixels;
    float[] base = floats(g, size);
    float[] donor = floats(g, size);
    float[] out = new float[m * size];
    backend.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, out);
    for (int i = 0; i < m; i++) {
      assertThat(Arrays.copyOfRange(out, i * size, (i + 1) * size))
          .containsExactly(ReferenceLoops.composite(base, donor, channels, orders[rows[i]], counts[i]));
    }
  }

  @ParameterizedTest(name = "curves={0}, n={1}")
  @CsvSource({"0, 3", "1, 0", "1, 1", "1, 2", "5, 11", "40, 101"})
  void curveAreasMatchTheReference(int curves, int n) {
    SplittableRandom g = new SplittableRandom(curves * 97L + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = n == 1 ? 0 : (double) i / (n - 1);
    }
    double[] y = doubles(g, curves * n, false);
    double[] area = backend.trapezoids(x, y, curves);
    for (int j = 0; j < curves; j++) {
      assertThat(area[j]).isEqualTo(ReferenceLoops.trapezoid(x, y, j * n));
      assertThat(area[j]).isEqualTo(CurveKernels.trapezoid(x, Arrays.copyOfRange(y, j * n, (j + 1) * n)));
    }
  }

  @ParameterizedTest(name = "curves={0}, n={1}, q={2}")
  @CsvSource({"0, 2, 3", "1, 1, 4", "1, 2, 1", "3, 6, 0", "6, 9, 10"})
  void sortedInterpolationMeansAndMediansMatchTheReference(int curves, int n, int q) {
    SplittableRandom g = new SplittableRandom(curves * 7L + n * 3L + q);
    double[] xs = new double[curves * n];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = g.nextInt(5) / 4.0; // equal x values on purpose
    }
    double[] ys = doubles(g, curves * n, false);
    double[] xs0 = xs.clone();
    double[] ys0 = ys.clone();
    backend.sortByX(xs, ys, curves, n);
    double[] at = new double[q];
    for (int b = 0; b < q; b++) {
      at[b] = g.nextDouble(-0.2, 1.2);
    }
    double[] out = backend.interpolate(xs, ys, curves, n, at);
    for (int j = 0; j < curves; j++) {
      // Stable sort reference: indices by x, ties by original position.
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      int o = j * n;
      Arrays.sort(idx, (a, b) -> Double.compare(xs0[o + a], xs0[o + b]));
      double[] sx = new double[n];
      double[] sy = new double[n];
      for (int i = 0; i < n; i++) {
        sx[i] = xs0[o + idx[i]];
        sy[i] = ys0[o + idx[i]];
      }
      assertThat(Arrays.copyOfRange(xs, o, o + n)).containsExactly(sx);
      assertThat(Arrays.copyOfRange(ys, o, o + n)).containsExactly(sy);
      for (int b = 0; b < q; b++) {
        assertThat(out[j * q + b]).isEqualTo(ReferenceLoops.interpolate(sx, sy, at[b]));
      }
    }
    double[] means = backend.columnMeans(out, curves, q);
    double[] medians = backend.columnMedians(out, curves, q);
    if (curves == 0) {
      assertThat(means).containsOnly(Double.NaN);
      assertThat(medians).containsOnly(Double.NaN);
    }
    for (int b = 0; b < q && curves > 0; b++) {
      double s = 0;
      double[] col = new double[curves];
      for (int j = 0; j < curves; j++) {
        s += out[j * q + b];
        col[j] = out[j * q + b];
      }
      Arrays.sort(col);
      assertThat(means[b]).isEqualTo(s / curves);
      assertThat(medians[b]).isEqualTo(curves % 2 == 1 ? col[curves / 2] : (col[curves / 2 - 1] + col[curves / 2]) / 2);
    }
  }

  @ParameterizedTest(name = "maps={0}, size={1}")
  @CsvSource({"0, 4", "1, 0", "1, 1", "3, 10", "8, 3000"})
  void weightedSumsMatchTheReferenceAndSkipZeroWeights(int count, int size) {
    SplittableRandom g = new SplittableRandom(count * 17L + size);
    List<double[]> maps = new ArrayList<>();
    double[] w = new double[count];
    for (int k = 0; k < count; k++) {
      w[k] = k % 3 == 1 ? 0 : g.nextDouble();
      maps.add(w[k] == 0 ? null : doubles(g, size, false));
    }
    assertThat(backend.weightedSum(maps, w, size)).containsExactly(ReferenceLoops.weightedSum(maps, w, size));
    double[] packed = new double[count * size];
    for (int k = 0; k < count; k++) {
      if (maps.get(k) != null) {
        System.arraycopy(maps.get(k), 0, packed, k * size, size);
      }
    }
    double[] kernel = new double[size];
    MapKernels.weightedSum(packed, w, count, size, kernel);
    assertThat(kernel).containsExactly(ReferenceLoops.weightedSum(maps, w, size));
  }

  @ParameterizedTest(name = "n={0}, dim={1}")
  @CsvSource({"0, 3", "1, 4", "2, 1", "9, 7", "40, 3", "64, 2048"})
  void distancesMatchTheReferenceOnOneOrManyThreads(int n, int dim) {
    SplittableRandom g = new SplittableRandom(n * 5L + dim);
    float[] p = floats(g, n * dim);
    double[] d = backend.pairwiseSquaredDistances(p, n, dim);
    assertThat(d).containsExactly(ReferenceLoops.squaredDistances(p, n, dim));
    assertThat(d).containsExactly(DistanceKernels.pairwiseSquaredDistances(p, n, dim));
    if (n >= 2) {
      int k = Math.min(3, n - 1);
      assertThat(backend.nearestNeighbours(d, n, k)).containsExactly(DistanceKernels.nearestNeighbours(d, n, k));
    }
  }

  @Test
  void largeDistanceMatricesSplitIntoBlocksGiveTheSameNumbers() {
    int n = 70;
    int dim = (int) (JavaComputeBackend.PARALLEL_DISTANCE_WORK / (n * n)) + 1;
    float[] p = floats(new SplittableRandom(9), n * dim);
    assertThat(backend.pairwiseSquaredDistances(p, n, dim)).containsExactly(ReferenceLoops.squaredDistances(p, n, dim));
  }

  @Test
  void rejectsWrongSizesWithTheSameMessagesAsTheKernels() {
    assertThatThrownBy(() -> backend.spatialSum(new double[5], 2, 3, false)).hasMessageContaining("expected channels·pixels = 2·3");
    assertThatThrownBy(() -> backend.masks(new int[] {0, 1}, new int[] {3})).hasMessageContaining("counts[0]: must be in [0, 2], was 3");
    assertThatThrownBy(() -> backend.ranks(new int[] {0, 0, 2})).hasMessageContaining("order[1] = 0 repeats");
    assertThatThrownBy(() -> backend.ranks(new int[] {0, 3, 1})).hasMessageContaining("order[1] = 3 is out of range");
    assertThatThrownBy(() -> backend.composites(new float[2], new float[2], 1, new int[] {0, 1}, new int[] {1}, 0, 2, new float[4]))
        .hasMessageContaining("asked of 1 counts");
    assertThatThrownBy(() -> backend.composites(new float[2], new float[2], 1, new int[] {0, 1}, new int[] {1}, 0, 1, new float[1]))
        .hasMessageContaining("out: has 1 values");
    assertThatThrownBy(() -> backend.rankedComposites(new float[2], new float[2], 1, 2, new int[] {0, 1}, new int[] {1}, new int[] {1}, 1, new float[2]))
        .hasMessageContaining("rows[0]: must be in [0, 1), was 1");
    assertThatThrownBy(() -> backend.weightedSum(List.of(new double[2]), new double[] {1}, 3))
        .hasMessageContaining("maps[0]: has 2 values");
    assertThatThrownBy(() -> backend.pairwiseSquaredDistances(new float[5], 2, 3)).hasMessageContaining("expected n·dim");
    assertThatThrownBy(() -> backend.nearestNeighbours(new double[4], 2, 2)).hasMessageContaining("k: must be in [1, 1]");
  }
}
