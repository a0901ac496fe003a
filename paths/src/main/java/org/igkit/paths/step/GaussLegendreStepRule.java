package org.igkit.paths.step;

import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.OmittedWhenNull;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.QuadratureStepRule;
import org.igkit.api.step.StepRule;

/**
 * Gauss–Legendre quadrature with n nodes mapped to [0, 1] (Captum's default rule for Integrated
 * Gradients). Exact for polynomial integrands of degree ≤ 2n − 1. Nodes are the roots of the
 * Legendre polynomial P_n found by Newton's method in double precision; weights sum to 1.
 */
public final class GaussLegendreStepRule extends QuadratureStepRule {

  /**
   * @param steps     number of nodes n (default 50), or {@code auto} (see {@link AutoSteps}; the
   *                  nodes do not nest, so each doubling recomputes the rule)
   * @param tolerance with {@code steps: auto} only: the relative completeness gap (default 1e-3)
   * @param start     with {@code steps: auto} only: the first count (default 16)
   * @param maxSteps  with {@code steps: auto} only: the largest count (default 1024)
   */
  public record Spec(
      Object steps,
      @OmittedWhenNull Double tolerance,
      @OmittedWhenNull Integer start,
      @OmittedWhenNull Integer maxSteps) {
    /** Fills defaults and validates. */
    public Spec {
      steps = AutoSteps.checkSteps(steps, 50);
      boolean auto = AutoSteps.isAuto(steps);
      tolerance = AutoSteps.autoOnly("tolerance", auto, tolerance, AutoSteps.DEFAULT_TOLERANCE);
      start = AutoSteps.autoOnly("start", auto, start, AutoSteps.DEFAULT_START);
      maxSteps = AutoSteps.autoOnly("maxSteps", auto, maxSteps, Math.max(AutoSteps.DEFAULT_MAX_STEPS, start == null ? 1 : start));
      if (auto) {
        Checks.positive("tolerance", tolerance);
        Checks.atLeast("start", 1, start);
        Checks.atLeast("maxSteps", start, maxSteps);
      }
    }

    /** A fixed node count ({@code null}: 50). */
    public Spec(Integer steps) {
      this(steps, null, null, null);
    }

    /** Returns the rule this spec configures: a fixed count, or an automatic one (recomputed at each doubling). */
    StepRule build() {
      return AutoSteps.isAuto(steps)
          ? new AutoSteps(new GaussLegendreStepRule(start), tolerance, start, maxSteps)
          : new GaussLegendreStepRule((Integer) steps);
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "gauss-legendre",
          Spec.class,
          Spec::build,
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
