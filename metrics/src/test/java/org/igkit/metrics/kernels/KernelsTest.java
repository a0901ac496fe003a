package org.igkit.metrics.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.igkit.api.compute.CurveKernels;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.compute.MaskKernels;
import org.igkit.api.image.RankedComposite;
import org.igkit.api.model.Shape;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

/** The batched mask and curve kernels against hand-computed values and one-at-a-time code. */
class KernelsTest {

  @Test
  void ranksInvertTheOrder() {
    assertThat(MaskKernels.ranks(new int[] {2, 0, 3, 1})).containsExactly(1, 3, 0, 2);
  }

  @Test
  void masksOfSeveralCountsAtOnce() {
    // order 2, 0, 3, 1 → ranks 1, 3, 0, 2
    int[] rank = MaskKernels.ranks(new int[] {2, 0, 3, 1});
    float[] out = new float[3 * 4];
    MaskKernels.masks(rank, new int[] {0, 2, 4}, out);
    assertThat(out).containsExactly(
        0, 0, 0, 0,
        1, 0, 1, 0,
        1, 1, 1, 1);
  }

  @Test
  void batchedCompositesEqualOneAtATimeComposites() {
    Shape s = Shape.of(3, 7, 9);
    float[] base = TestInputs.uniform(1, s.size(), 0, 1);
    float[] donor = TestInputs.uniform(2, s.size(), -1, 0);
    int[] order = MapKernels.rankDescending(MapKernels.spatialSum(
        toDouble(TestInputs.uniform(3, s.size(), -1, 1)), s.channels(), s.pixels(), false));
    int[] rank = MaskKernels.ranks(order);
    int[] counts = {0, 1, 5, 17, 30, 62, 63};
    float[] out = new float[4 * s.size()];
    for (int first = 0; first < counts.length; first += 4) {
      int m = Math.min(4, counts.length - first);
      MaskKernels.composites(base, donor, s.channels(), rank, counts, first, m, out);
      for (int i = 0; i < m; i++) {
        float[] one = RankedComposite.compose(base, donor, s, order, counts[first + i]);
        float[] batched = java.util.Arrays.copyOfRange(out, i * s.size(), (i + 1) * s.size());
        assertThat(batched).as("count %d", counts[first + i]).containsExactly(one);
      }
    }
  }

  @Test
  void trapezoidsOfManyCurvesEqualOneAtATime() {
    double[] x = {0, 0.25, 0.25, 0.75, 1};
    double[] y = {10, 7, 6, 4, 0, /* second curve */ 1, 1, 1, 1, 1};
    double[] out = new double[2];
    CurveKernels.trapezoids(x, y, 2, out);
    // 0.25·(10+7)/2 + 0·(7+6)/2 + 0.5·(6+4)/2 + 0.25·(4+0)/2 = 2.125 + 2.5 + 0.5
    assertThat(out[0]).isEqualTo(5.125);
    assertThat(out[1]).isEqualTo(1.0);
    assertThat(CurveKernels.trapezoid(x, new double[] {10, 7, 6, 4, 0})).isEqualTo(out[0]);
  }

  @Test
  void sortByXIsStable() {
    double[] xs = {0.5, 0, 0.5, 1, /* second */ 1, 0.5, 0, 0.5};
    double[] ys = {1, 2, 3, 4, 5, 6, 7, 8};
    CurveKernels.sortByX(xs, ys, 2, 4);
    assertThat(xs).containsExactly(0, 0.5, 0.5, 1, 0, 0.5, 0.5, 1);
    assertThat(ys).containsExactly(2, 1, 3, 4, 7, 6, 8, 5);
  }

  @Test
  void interpolationBetweenPointsWithTiesAndConstantEnds() {
    // curve 1: (0, 0), (0.5, 0), (0.5, 1), (1, 1) — a jump at 0.5, the last of the ties counts
    // curve 2: (0.3, 0.2), (0.6, 0.8) — constant beyond its ends
    double[] xs = {0, 0.5, 0.5, 1, 0.3, 0.6, 0.6, 0.6};
    double[] ys = {0, 0, 1, 1, 0.2, 0.8, 0.8, 0.8};
    double[] at = {0.125, 0.375, 0.5, 0.625, 0.875};
    double[] out = new double[10];
    CurveKernels.interpolate(xs, ys, 2, 4, at, out);
    assertThat(java.util.Arrays.copyOfRange(out, 0, 5)).containsExactly(0, 0, 1, 1, 1);
    // 0.2 + 0.6·(0.075/0.3) = 0.35; 0.2 + 0.6·(0.2/0.3) = 0.6
    assertThat(out[5]).isEqualTo(0.2);
    assertThat(out[6]).isCloseTo(0.35, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(out[7]).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(out[8]).isEqualTo(0.8);
    assertThat(out[9]).isEqualTo(0.8);
  }

  @Test
  void columnMeansAndMedians() {
    // 4 rows × 2 columns
    double[] v = {1, 10, 4, 20, 2, 30, 8, 40};
    double[] mean = new double[2];
    double[] median = new double[2];
    CurveKernels.columnMeans(v, 4, 2, mean);
    CurveKernels.columnMedians(v, 4, 2, median);
    assertThat(mean).containsExactly(3.75, 25);
    assertThat(median).containsExactly(3, 25); // (2 + 4)/2, (20 + 30)/2
    CurveKernels.columnMedians(v, 3, 2, median);
    assertThat(median).containsExactly(2, 20);
  }

  @Test
  void randomCompositesMatchForEveryCountOfASmallImage() {
    Shape s = Shape.of(2, 3, 3);
    SplittableRandom r = new SplittableRandom(4);
    int[] order = {4, 0, 8, 2, 6, 1, 3, 5, 7};
    int[] rank = MaskKernels.ranks(order);
    float[] base = new float[s.size()];
    float[] donor = new float[s.size()];
    for (int i = 0; i < s.size(); i++) {
      base[i] = (float) r.nextDouble();
      donor[i] = (float) r.nextDouble();
    }
    int[] counts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] out = new float[counts.length * s.size()];
    MaskKernels.composites(base, donor, s.channels(), rank, counts, 0, counts.length, out);
    float[] masks = new float[counts.length * s.pixels()];
    MaskKernels.masks(rank, counts, masks);
    for (int k : counts) {
      float[] one = RankedComposite.compose(base, donor, s, order, k);
      assertThat(java.util.Arrays.copyOfRange(out, k * s.size(), (k + 1) * s.size())).containsExactly(one);
      float sum = 0;
      for (int p = 0; p < s.pixels(); p++) {
        sum += masks[k * s.pixels() + p];
      }
      assertThat(sum).isEqualTo(k);
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
