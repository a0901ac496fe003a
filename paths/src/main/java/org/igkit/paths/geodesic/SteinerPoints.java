package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;

/**
 * Steiner refinement of the geodesic graph, as the reference's {@code n_steiner} does it: with
 * d_max the longest edge, every edge (i, j) of length d gets n − 1 evenly spaced interior points
 * v_i + q/n·(v_j − v_i), q = 1 … n − 1, where n = ⌊d/(d_max/n_steiner)⌋ + 1 (so the longest edges
 * get n_steiner points, edges shorter than d_max/n_steiner none). Each new point is linked to its
 * k nearest <em>original</em> nodes (ties to the lower index): like the reference, which queries
 * the index fitted before refinement, Steiner points are not linked to each other, and the
 * original edges stay. New nodes follow the original ones, edge by edge in edge order.
 *
 * @param nodes the original nodes followed by the Steiner points
 * @param edges the original edges followed by the new ones, each {i, j} with i &lt; j, no duplicates
 */
record SteinerPoints(List<float[]> nodes, List<int[]> edges) {

  /** Refines {@code graph} over {@code nodes} with {@code steiner} ≥ 1 and {@code k} links. */
  static SteinerPoints refine(List<float[]> nodes, KnnGraph graph, int steiner, int k) {
    int original = nodes.size();
    List<int[]> edges = new ArrayList<>(graph.edges());
    double max = 0;
    for (int[] ij : graph.edges()) {
      max = Math.max(max, EdgeWeights.length(nodes.get(ij[0]), nodes.get(ij[1])));
    }
    List<float[]> all = new ArrayList<>(nodes);
    if (max == 0) {
      return new SteinerPoints(List.copyOf(all), List.copyOf(edges));
    }
    double unit = max / steiner;
    int kk = Math.min(k, original);
    for (int[] ij : graph.edges()) {
      float[] a = nodes.get(ij[0]);
      float[] b = nodes.get(ij[1]);
      int n = (int) Math.floor(EdgeWeights.length(a, b) / unit) + 1;
      for (int q = 1; q < n; q++) {
        float[] s = EdgeWeights.point(a, b, (double) q / n);
        int index = all.size();
        all.add(s);
        for (int neighbour : nearest(s, nodes, kk)) {
          edges.add(new int[] {neighbour, index});
        }
      }
    }
    return new SteinerPoints(List.copyOf(all), List.copyOf(edges));
  }

  /** The k nearest of {@code nodes} to {@code p} by Euclidean distance, ties to the lower index. */
  static int[] nearest(float[] p, List<float[]> nodes, int k) {
    int n = nodes.size();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = EdgeWeights.length(p, nodes.get(i));
    }
    int[] out = new int[k];
    boolean[] taken = new boolean[n];
    for (int c = 0; c < k; c++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (!taken[i] && (best < 0 || d[i] < d[best])) {
          best = i;
        }
      }
      taken[best] = true;
      out[c] = best;
    }
    return out;
  }
}
