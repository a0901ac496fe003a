package org.igkit.example;

import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * An example of an external path plugin: the straight segment from x' to x traversed with the
 * schedule α ↦ α^p, γ(α) = x' + α^p (x − x'), γ'(α) = p α^(p−1) (x − x'). The path integral is
 * the same as straight IG's (a reparametrisation), but the quadrature nodes crowd near the
 * baseline for p &gt; 1, where gradients of saturated models often change most.
 */
public final class PowerPath implements Path {

  /** @param power the exponent p ≥ 1 (default 2) */
  public record Spec(Double power) {
    /** Fills the default and validates. */
    public Spec {
      power = Checks.inRange("power", 1, 16, power == null ? 2.0 : power);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "power",
          Spec.class,
          s -> new PowerPath(s.power()),
          "example plugin: the straight segment traversed as α^p (nodes crowd near the baseline)",
          Capability.NEEDS_BASELINE,
          Capability.SYMMETRIC);

  private final double power;

  /** Creates the path with exponent {@code power}. */
  public PowerPath(double power) {
    this.power = power;
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
        double s = Math.pow(a, power);
        double speed = power * Math.pow(a, power - 1);
        float[] p = new float[x.length];
        float[] t = new float[x.length];
        for (int i = 0; i < p.length; i++) {
          p[i] = a == 1.0 ? x[i] : (float) (b[i] + s * delta[i]);
          t[i] = (float) (speed * delta[i]);
        }
        return new PathPoint(j, a, p, t, schedule.weight(j));
      }
    };
  }
}
