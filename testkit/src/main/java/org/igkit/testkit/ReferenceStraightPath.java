package org.igkit.testkit;

import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;

/**
 * The straight line γ(α) = x' + α(x − x') with tangent x − x', written independently of the
 * {@code straight} plugin so that step rules and aggregators can be tested without depending on
 * the paths module. Points are computed in double and rounded once; α = 0 and α = 1 give the
 * baseline and the input exactly. A test double, not a registered plugin.
 */
public final class ReferenceStraightPath implements Path {

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.input().clone();
    float[] b = request.baseline().clone();
    float[] tangent = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      tangent[i] = (float) ((double) x[i] - b[i]);
    }
    Schedule schedule = request.schedule();
    return new PathTrace() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < schedule.size();
      }

      @Override
      public PathPoint next() {
        int j = next++;
        double a = schedule.alpha(j);
        float[] p;
        if (a == 0) {
          p = b.clone();
        } else if (a == 1) {
          p = x.clone();
        } else {
          p = new float[x.length];
          for (int i = 0; i < p.length; i++) {
            p[i] = (float) (b[i] + a * ((double) x[i] - b[i]));
          }
        }
        return new PathPoint(j, a, p, tangent, schedule.weight(j));
      }
    };
  }

  @Override
  public String toString() {
    return "reference-straight";
  }
}
