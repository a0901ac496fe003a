package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;

/**
 * A piecewise-linear path through vertices v₀ = x', v₁, …, v_L = x (consecutive duplicates
 * removed), traced in one of two ways:
 *
 * <ul>
 *   <li><b>arc length</b>: one schedule over the whole polyline, α proportional to Euclidean arc
 *       length; the point at α lies on segment e with tangent (v_{e+1} − v_e)·(total length /
 *       segment length). One point per node of the schedule.
 *   <li><b>per edge</b> (the reference): every segment is integrated with the whole schedule;
 *       node α_j of segment e is emitted at global α = (e + α_j)/L with tangent L·(v_{e+1} − v_e)
 *       and weight w_j/L, so it adds w_j·∇f ⊙ (v_{e+1} − v_e) — straight-line IG of that edge.
 *       L·size points; when the schedule visits both ends with weight 0 (IDGI), the joint shared by
 *       two segments is emitted once.
 * </ul>
 *
 * The point at α = 0 is exactly x' and the point at α = 1 exactly x; both are fresh arrays.
 */
final class Polyline {

  private final List<float[]> vertices;
  private final double[] cumulative;
  private final double total;

  /** Builds the polyline through {@code route}, dropping zero-length segments. */
  Polyline(List<float[]> route) {
    List<float[]> v = new ArrayList<>();
    for (float[] p : route) {
      if (v.isEmpty() || distance(v.get(v.size() - 1), p) > 0) {
        v.add(p);
      }
    }
    if (v.size() == 1 && route.size() > 1) {
      v.add(route.get(route.size() - 1)); // x == x': one segment of length 0
    }
    this.vertices = List.copyOf(v);
    this.cumulative = new double[vertices.size()];
    for (int e = 1; e < vertices.size(); e++) {
      cumulative[e] = cumulative[e - 1] + distance(vertices.get(e - 1), vertices.get(e));
    }
    this.total = cumulative[cumulative.length - 1];
  }

  /** Returns the vertices, x' first and x last. */
  List<float[]> vertices() {
    return vertices;
  }

  /** Returns the number of segments L. */
  int segments() {
    return vertices.size() - 1;
  }

  /** Returns the total Euclidean length. */
  double length() {
    return total;
  }

  /** Traces the polyline by arc length through the schedule's nodes. */
  PathTrace byArcLength(Schedule schedule) {
    return new PathTrace() {
      private int next;
      private int tangentSegment = -1;
      private float[] tangent;

      @Override
      public boolean hasNext() {
        return next < schedule.size();
      }

      @Override
      public PathPoint next() {
        int j = next++;
        double a = schedule.alpha(j);
        int e = segmentAt(a);
        double segment = cumulative[e + 1] - cumulative[e];
        double u = segment == 0 ? 0 : Math.min(1, Math.max(0, (a * total - cumulative[e]) / segment));
        if (e != tangentSegment) {
          tangent = difference(e, segment == 0 ? 0 : total / segment);
          tangentSegment = e;
        }
        return new PathPoint(j, a, position(e, u, a), tangent, schedule.weight(j));
      }
    };
  }

  /** Traces every segment with the whole schedule (the reference's edge-by-edge integration). */
  PathTrace perEdge(Schedule schedule) {
    int m = schedule.size();
    int segments = segments();
    boolean shareJoints =
        m > 1 && schedule.alpha(0) == 0 && schedule.alpha(m - 1) == 1
            && schedule.weight(0) == 0 && schedule.weight(m - 1) == 0;
    return new PathTrace() {
      private int e;
      private int j;
      private int index;
      private float[] tangent = difference(0, segments);

      @Override
      public boolean hasNext() {
        return e < segments;
      }

      @Override
      public PathPoint next() {
        double local = schedule.alpha(j);
        double a = e == segments - 1 && local == 1 ? 1.0 : (e + local) / segments;
        PathPoint p = new PathPoint(index++, a, position(e, local, a), tangent, schedule.weight(j) / segments);
        if (++j == m) {
          j = shareJoints ? 1 : 0;
          if (++e < segments) {
            tangent = difference(e, segments);
          }
        }
        return p;
      }
    };
  }

  /** The segment holding α: the last e with cumulative[e] ≤ α·total, at most L − 1. */
  private int segmentAt(double alpha) {
    double s = alpha * total;
    int e = 0;
    while (e + 1 < segments() && cumulative[e + 1] <= s) {
      e++;
    }
    return e;
  }

  /** Returns v_e + u·(v_{e+1} − v_e), exactly x' at α = 0 and x at α = 1. */
  private float[] position(int e, double u, double alpha) {
    if (alpha == 0) {
      return vertices.get(0).clone();
    }
    if (alpha == 1) {
      return vertices.get(vertices.size() - 1).clone();
    }
    float[] a = vertices.get(e);
    float[] b = vertices.get(e + 1);
    float[] p = new float[a.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (a[i] + u * ((double) b[i] - a[i]));
    }
    return p;
  }

  /** Returns scale·(v_{e+1} − v_e). */
  private float[] difference(int e, double scale) {
    float[] a = vertices.get(e);
    float[] b = vertices.get(e + 1);
    float[] d = new float[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (((double) b[i] - a[i]) * scale);
    }
    return d;
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
