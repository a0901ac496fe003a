package org.igkit.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pairwise distances and k nearest neighbours against brute force. */
class DistanceKernelsTest {

  @Test
  void pairwiseSquaredDistancesAreExactSymmetricAndZeroOnTheDiagonal() {
    float[] p = {0, 0, 3, 4, 1, 1};
    double[] d = DistanceKernels.pairwiseSquaredDistances(p, 3, 2);
    assertThat(d).containsExactly(0, 25, 2, 25, 0, 13, 2, 13, 0);
    SplittableRandom g = new SplittableRandom(1);
    float[] q = new float[9 * 7];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) g.nextDouble(-1, 1);
    }
    double[] e = DistanceKernels.pairwiseSquaredDistances(q, 9, 7);
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 9; j++) {
        assertThat(e[i * 9 + j]).isEqualTo(e[j * 9 + i]);
      }
    }
  }

  @Test
  void nearestNeighboursMatchBruteForceWithLowerIndexOnTies() {
    // On a line at 0, 1, 2, 3, 5: node 1 has 0 and 2 at distance 1 (tie → 0 first); node 3 has 2,
    // then 1 and 4 tied at distance 2 (→ 1).
    float[] p = {0, 1, 2, 3, 5};
    double[] d = DistanceKernels.pairwiseSquaredDistances(p, 5, 1);
    int[] nn = DistanceKernels.nearestNeighbours(d, 5, 2);
    assertThat(nn).containsExactly(1, 2, 0, 2, 1, 3, 2, 1, 3, 2);
    SplittableRandom g = new SplittableRandom(2);
    int n = 30;
    int k = 4;
    float[] q = new float[n * 3];
    for (int i = 0; i < q.length; i++) {
      q[i] = g.nextInt(4); // many ties
    }
    double[] e = DistanceKernels.pairwiseSquaredDistances(q, n, 3);
    int[] knn = DistanceKernels.nearestNeighbours(e, n, k);
    for (int i = 0; i < n; i++) {
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
      }
      final int row = i;
      java.util.Arrays.sort(order, (a, b) -> {
        int c = Double.compare(e[row * n + a], e[row * n + b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      int filled = 0;
      for (int j = 0; j < n && filled < k; j++) {
        if (order[j] != i) {
          assertThat(knn[i * k + filled]).as("row %d, neighbour %d", i, filled).isEqualTo(order[j]);
          filled++;
        }
      }
    }
  }

  @Test
  void rejectsBadSizes() {
    assertThatThrownBy(() -> DistanceKernels.pairwiseSquaredDistances(new float[5], 2, 3))
        .hasMessageContaining("expected n·dim");
    assertThatThrownBy(() -> DistanceKernels.nearestNeighbours(new double[4], 2, 2))
        .hasMessageContaining("k: must be in [1, 1]");
  }
}
