package org.igkit.paths.straight;

import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;

/**
 * The straight line γ(α) = x' + α(x − x') of Integrated Gradients (Sundararajan et al., "Axiomatic
 * Attribution for Deep Networks", ICML 2017), with tangent γ'(α) = x − x'. Symmetric: it treats
 * features that are symmetric in the model and equal in x and x' alike.
 */
public final class StraightPath implements Path {

  /** The straight path takes no parameters. */
  public record Spec() {}

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "straight",
          Spec.class,
          s -> new StraightPath(),
          "straight line from the baseline to the input (Integrated Gradients)",
          Capability.NEEDS_BASELINE,
          Capability.SYMMETRIC);

  /** Returns true: the point at α is x' + α (x − x') whatever the other nodes. */
  @Override
  public boolean pointwise() {
    return true;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.input();
    float[] b = request.baseline();
    float[] delta = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      delta[i] = x[i] - b[i];
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
        float[] p = new float[x.length];
        if (a == 1.0) {
          System.arraycopy(x, 0, p, 0, x.length);
        } else {
          for (int i = 0; i < p.length; i++) {
            p[i] = (float) (b[i] + a * delta[i]);
          }
        }
        return new PathPoint(j, a, p, delta, schedule.weight(j));
      }
    };
  }
}
