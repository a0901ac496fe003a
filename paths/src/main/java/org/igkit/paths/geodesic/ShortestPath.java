package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Dijkstra's shortest path over the undirected weighted graph, O(n²) with an array scan (the
 * graphs are small). Ties go to the lower node index and to the first-found predecessor, so the
 * route is deterministic.
 */
final class ShortestPath {

  private ShortestPath() {}

  /**
   * Returns the node sequence from {@code from} to {@code to}.
   *
   * @param n       number of nodes
   * @param edges   undirected edges {i, j}
   * @param weights one non-negative weight per edge
   * @throws IllegalStateException if {@code to} cannot be reached (the graph is joined, so never)
   */
  static List<Integer> route(int n, List<int[]> edges, double[] weights, int from, int to) {
    List<List<int[]>> adjacency = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      adjacency.add(new ArrayList<>());
    }
    for (int e = 0; e < edges.size(); e++) {
      int[] ij = edges.get(e);
      adjacency.get(ij[0]).add(new int[] {ij[1], e});
      adjacency.get(ij[1]).add(new int[] {ij[0], e});
    }
    double[] dist = new double[n];
    int[] previous = new int[n];
    boolean[] done = new boolean[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(previous, -1);
    dist[from] = 0;
    for (int round = 0; round < n; round++) {
      int u = -1;
      for (int i = 0; i < n; i++) {
        if (!done[i] && (u < 0 || dist[i] < dist[u])) {
          u = i;
        }
      }
      if (u < 0 || dist[u] == Double.POSITIVE_INFINITY || u == to) {
        break;
      }
      done[u] = true;
      for (int[] ve : adjacency.get(u)) {
        double d = dist[u] + weights[ve[1]];
        if (d < dist[ve[0]]) {
          dist[ve[0]] = d;
          previous[ve[0]] = u;
        }
      }
    }
    if (from != to && previous[to] < 0) {
      throw new IllegalStateException("geodesic path: the input cannot be reached from the baseline");
    }
    List<Integer> route = new ArrayList<>();
    for (int v = to; v != -1; v = v == from ? -1 : previous[v]) {
      route.add(v);
    }
    Collections.reverse(route);
    return route;
  }
}
