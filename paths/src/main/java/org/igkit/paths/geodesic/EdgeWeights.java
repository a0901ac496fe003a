package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;

/**
 * Edge weights of the geodesic graph. {@code euclidean}: the edge's length ‖v_j − v_i‖₂.
 * {@code gradient}: the line integral of the gradient norm along the edge,
 * ‖v_j − v_i‖₂ · Σ_q c_q ‖∇f_c(v_i + t_q(v_j − v_i))‖₂ with the 5-point Gauss–Legendre rule on
 * [0, 1] (nodes t_q, weights c_q summing to 1) — the length of the edge under the model-induced
 * metric, as in Salek and Enguehard (2025). The rule's nodes are symmetric about ½, so the
 * weight does not depend on the edge's direction. Gradients are taken through the request's model
 * in batches of at most {@code batchSize} points.
 */
final class EdgeWeights {

  /** 5-point Gauss–Legendre nodes on [0, 1]. */
  static final double[] NODES;

  /** 5-point Gauss–Legendre weights on [0, 1], summing to 1. */
  static final double[] WEIGHTS;

  static {
    double a = Math.sqrt(5 - 2 * Math.sqrt(10.0 / 7)) / 3; // inner roots ±a of P₅
    double b = Math.sqrt(5 + 2 * Math.sqrt(10.0 / 7)) / 3; // outer roots ±b
    double wa = (322 + 13 * Math.sqrt(70)) / 900;
    double wb = (322 - 13 * Math.sqrt(70)) / 900;
    double w0 = 128.0 / 225;
    double[] x = {-b, -a, 0, a, b};
    double[] w = {wb, wa, w0, wa, wb};
    NODES = new double[5];
    WEIGHTS = new double[5];
    for (int q = 0; q < 5; q++) {
      NODES[q] = (1 + x[q]) / 2;
      WEIGHTS[q] = w[q] / 2;
    }
  }

  private EdgeWeights() {}

  /** Returns the Euclidean length of every edge of the graph. */
  static double[] euclidean(KnnGraph graph) {
    double[] w = new double[graph.edges().size()];
    for (int e = 0; e < w.length; e++) {
      int[] ij = graph.edges().get(e);
      w[e] = graph.length(ij[0], ij[1]);
    }
    return w;
  }

  /** Returns the Euclidean length of every edge {i, j} between {@code nodes}. */
  static double[] euclidean(List<int[]> edgeList, List<float[]> nodes) {
    double[] w = new double[edgeList.size()];
    for (int e = 0; e < w.length; e++) {
      int[] ij = edgeList.get(e);
      w[e] = length(nodes.get(ij[0]), nodes.get(ij[1]));
    }
    return w;
  }

  /** Returns the gradient-norm line integral along every edge {i, j} between {@code nodes}. */
  static double[] gradient(
      List<int[]> edgeList, List<float[]> nodes, ModelFunction model, int target, int batchSize) {
    int edges = edgeList.size();
    int total = edges * NODES.length;
    double[] norms = new double[total];
    List<float[]> batch = new ArrayList<>(Math.min(batchSize, total));
    for (int start = 0; start < total; start += batchSize) {
      int m = Math.min(batchSize, total - start);
      batch.clear();
      for (int p = start; p < start + m; p++) {
        int[] ij = edgeList.get(p / NODES.length);
        batch.add(point(nodes.get(ij[0]), nodes.get(ij[1]), NODES[p % NODES.length]));
      }
      int[] targets = new int[m];
      java.util.Arrays.fill(targets, target);
      ScoresAndGradients sg = model.scoresAndGradients(batch, targets);
      for (int r = 0; r < m; r++) {
        double s = 0;
        for (float g : sg.gradients().get(r)) {
          s += (double) g * g;
        }
        norms[start + r] = Math.sqrt(s);
      }
    }
    double[] w = new double[edges];
    for (int e = 0; e < edges; e++) {
      int[] ij = edgeList.get(e);
      double integral = 0;
      for (int q = 0; q < NODES.length; q++) {
        integral += WEIGHTS[q] * norms[e * NODES.length + q];
      }
      w[e] = length(nodes.get(ij[0]), nodes.get(ij[1])) * integral;
    }
    return w;
  }

  /** Returns ‖b − a‖₂. */
  static double length(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) b[i] - a[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Returns a + t·(b − a). */
  static float[] point(float[] a, float[] b, double t) {
    float[] p = new float[a.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (a[i] + t * ((double) b[i] - a[i]));
    }
    return p;
  }
}
