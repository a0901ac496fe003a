package org.igkit.metrics.ncc;

import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;

/**
 * A test path through given vertices from the baseline to the input, each edge cut into
 * {@code perEdge} equal segments, visited at the segments' midpoints with the segment's
 * displacement as tangent and weight 1 (the midpoint rule of the line integral). It ignores the
 * step rule's schedule, as a discrete path does.
 */
final class PolylinePath implements Path {

  private final double[][] interior;
  private final int perEdge;

  /** Vertices between the baseline and the input, and segments per edge. */
  PolylinePath(int perEdge, double[]... interior) {
    this.interior = interior;
    this.perEdge = perEdge;
  }

  /** Returns every vertex of the path for this request: baseline, interior, input. */
  double[][] vertices(float[] baseline, float[] input) {
    double[][] v = new double[interior.length + 2][];
    v[0] = toDouble(baseline);
    System.arraycopy(interior, 0, v, 1, interior.length);
    v[v.length - 1] = toDouble(input);
    return v;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    double[][] v = vertices(request.baseline(), request.input());
    int segments = (v.length - 1) * perEdge;
    return new PathTrace() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < segments;
      }

      @Override
      public PathPoint next() {
        int j = next++;
        double[] a = v[j / perEdge];
        double[] b = v[j / perEdge + 1];
        int s = j % perEdge;
        float[] p = new float[a.length];
        float[] t = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          p[i] = (float) (a[i] + (s + 0.5) / perEdge * (b[i] - a[i]));
          t[i] = (float) ((b[i] - a[i]) / perEdge);
        }
        return new PathPoint(j, (j + 0.5) / segments, p, t, 1);
      }
    };
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }
}
