package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.random.RandomSource;

/**
 * The points a geodesic is routed through: node 0 is the baseline x', node 1 the input x, then
 * {@code interpolation} points x' + j/(m+1)·(x − x') on the straight line (j = 1…m), then, for each
 * of those, {@code perturbations} copies with isotropic Gaussian noise of standard deviation
 * {@code noise}·RMS(x − x') per feature, optionally clamped to [valueMin, valueMax]. The
 * reference also adds data set points; paths receive no data set, so the cloud is built around the
 * straight line instead. Noise is drawn by Box–Muller from the request's seeded source, so nodes
 * are the same on every JVM.
 */
final class NodeCloud {

  /** Index of the baseline node. */
  static final int BASELINE = 0;

  /** Index of the input node. */
  static final int INPUT = 1;

  private NodeCloud() {}

  /** Returns the nodes, each its own array. */
  static List<float[]> build(
      float[] input,
      float[] baseline,
      int interpolation,
      int perturbations,
      double noise,
      Double valueMin,
      Double valueMax,
      RandomSource random) {
    int n = input.length;
    List<float[]> nodes = new ArrayList<>(2 + interpolation * (1 + perturbations));
    nodes.add(baseline.clone());
    nodes.add(input.clone());
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double d = (double) input[i] - baseline[i];
      ss += d * d;
    }
    double sd = noise * Math.sqrt(ss / n);
    SplittableRandom g = random.generator();
    List<float[]> line = new ArrayList<>(interpolation);
    for (int j = 1; j <= interpolation; j++) {
      double a = (double) j / (interpolation + 1);
      float[] p = new float[n];
      for (int i = 0; i < n; i++) {
        p[i] = (float) (baseline[i] + a * ((double) input[i] - baseline[i]));
      }
      line.add(p);
      nodes.add(p);
    }
    for (float[] p : line) {
      for (int q = 0; q < perturbations; q++) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          double value = p[i] + sd * gaussian(g);
          if (valueMin != null) {
            value = Math.max(valueMin, value);
          }
          if (valueMax != null) {
            value = Math.min(valueMax, value);
          }
          v[i] = (float) value;
        }
        nodes.add(v);
      }
    }
    return nodes;
  }

  /** A standard normal draw by Box–Muller (one of the pair; simple and specified). */
  private static double gaussian(SplittableRandom g) {
    double u = 1.0 - g.nextDouble(); // (0, 1]
    double v = g.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Returns the nodes laid out row by row in one array, for the distance kernels. */
  static float[] flatten(List<float[]> nodes) {
    int dim = nodes.get(0).length;
    float[] out = new float[nodes.size() * dim];
    for (int k = 0; k < nodes.size(); k++) {
      System.arraycopy(nodes.get(k), 0, out, k * dim, dim);
    }
    return out;
  }
}
