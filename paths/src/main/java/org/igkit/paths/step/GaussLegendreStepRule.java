package org.igkit.paths.step;

import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.QuadratureStepRule;
import org.igkit.api.step.StepRule;

/**
 * Gauss–Legendre quadrature with n nodes mapped to [0, 1] (Captum's default rule for Integrated
 * Gradients). Exact for polynomial integrands of degree ≤ 2n − 1. Nodes are the roots of the
 * Legendre polynomial P_n found by Newton's method in double precision; weights sum to 1.
 */
public final class GaussLegendreStepRule extends QuadratureStepRule {

  /** @param steps number of nodes n (default 50) */
  public record Spec(Integer steps) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 50 : steps);
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "gauss-legendre",
          Spec.class,
          s -> new GaussLegendreStepRule(s.steps()),
          "Gauss-Legendre quadrature on [0, 1]",
          Capability.COMPLETE);

  /** Creates the rule with n nodes. */
  public GaussLegendreStepRule(int steps) {
    super("gauss-legendre", null, steps, GaussLegendreStepRule::nodes);
  }

  @Override
  public GaussLegendreStepRule withSteps(int n) {
    return new GaussLegendreStepRule(n);
  }

  /** Returns the n ≥ 1 Gauss–Legendre nodes on [0, 1], ascending, and their weights. */
  public static Schedule nodes(int n) {
    double[] a = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < (n + 1) / 2; i++) {
      // Initial guess (Tricomi), then Newton on P_n.
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      for (int it = 0; it < 100; it++) {
        double[] p = legendre(n, x);
        double dx = p[0] / p[1];
        x -= dx;
        if (Math.abs(dx) < 1e-15) {
          break;
        }
      }
      double dp = legendre(n, x)[1]; // the derivative at the converged node
      double weight = 2 / ((1 - x * x) * dp * dp);
      // Map [-1, 1] to [0, 1]: ascending order, weights halved.
      a[i] = (1 - x) / 2;
      a[n - 1 - i] = (1 + x) / 2;
      w[i] = weight / 2;
      w[n - 1 - i] = weight / 2;
    }
    return new Schedule(a, w);
  }

  /** Returns {P_n(x), P_n'(x)} by the three-term recurrence. */
  private static double[] legendre(int n, double x) {
    double p0 = 1;
    double p1 = x;
    for (int k = 2; k <= n; k++) {
      double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    double pn = n == 1 ? x : p1;
    double pnm1 = n == 1 ? 1 : p0;
    return new double[] {pn, n * (x * pn - pnm1) / (x * x - 1)};
  }
}
