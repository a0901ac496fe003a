package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.DistanceKernels;

/**
 * The undirected k-nearest-neighbour graph over the node cloud (Euclidean distance), made
 * connected as the reference does: while the baseline's component does not hold every node, the
 * closest pair of nodes between it and the rest is joined by an edge. Edges are listed once, as
 * (i, j) with i &lt; j, in increasing order.
 *
 * @param edges      undirected edges, {@code edges[e] = {i, j}}
 * @param squared    the n×n squared distances
 * @param n          number of nodes
 * @param components the number of connected components before joining (1 = nothing joined)
 */
record KnnGraph(List<int[]> edges, double[] squared, int n, int components) {

  /** Builds the graph over {@code nodes} with {@code k} neighbours per node (at most n − 1). */
  static KnnGraph build(float[] flatNodes, int n, int dim, int k) {
    double[] squared = ComputeBackends.get().pairwiseSquaredDistances(flatNodes, n, dim);
    boolean[] adjacent = new boolean[n * n];
    if (n > 1) {
      int kk = Math.min(k, n - 1);
      int[] nn = DistanceKernels.nearestNeighbours(squared, n, kk);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < kk; c++) {
          int j = nn[i * kk + c];
          adjacent[i * n + j] = true;
          adjacent[j * n + i] = true;
        }
      }
    }
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (adjacent[i * n + j]) {
          union(parent, i, j);
        }
      }
    }
    int components = 0;
    for (int i = 0; i < n; i++) {
      if (find(parent, i) == i) {
        components++;
      }
    }
    for (int joined = 1; joined < components; joined++) {
      int root = find(parent, NodeCloud.BASELINE);
      int bestA = -1;
      int bestB = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < n; a++) {
        if (find(parent, a) != root) {
          continue;
        }
        for (int b = 0; b < n; b++) {
          if (find(parent, b) != root && squared[a * n + b] < best) {
            best = squared[a * n + b];
            bestA = a;
            bestB = b;
          }
        }
      }
      adjacent[bestA * n + bestB] = true;
      adjacent[bestB * n + bestA] = true;
      union(parent, bestA, bestB);
    }
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (adjacent[i * n + j]) {
          edges.add(new int[] {i, j});
        }
      }
    }
    return new KnnGraph(List.copyOf(edges), squared, n, components);
  }

  /** Returns the Euclidean length of edge (i, j). */
  double length(int i, int j) {
    return Math.sqrt(squared[i * n + j]);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
