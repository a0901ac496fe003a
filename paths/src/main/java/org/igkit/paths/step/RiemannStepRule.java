package org.igkit.paths.step;

import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.OmittedWhenNull;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.NestedSteps;
import org.igkit.api.step.QuadratureStepRule;
import org.igkit.api.step.StepRule;

/**
 * Riemann sums over n equal intervals of [0, 1]: left (α = j/n), right (α = (j+1)/n), midpoint
 * (α = (j+½)/n), each with weight 1/n, or trapezoid (α = j/n for j = 0…n, weights 1/(2n) at both
 * ends and 1/n inside). The trapezoid weights sum to exactly 1 — unlike Captum's, which use step
 * 1/n with nodes spaced 1/(n−1) and so sum to 1 − 1/n.
 */
public final class RiemannStepRule extends QuadratureStepRule implements NestedSteps {

  /** Which point of each interval is evaluated. */
  public enum Variant {
    LEFT,
    RIGHT,
    MIDPOINT,
    TRAPEZOID
  }

  /**
   * @param steps     number of intervals n (default 50), or {@code auto}: the engine doubles the
   *                  count from {@code start} until the completeness gap is within
   *                  {@code tolerance} or the next count would pass {@code maxSteps} (see
   *                  {@link AutoSteps})
   * @param variant   {@code left}, {@code right}, {@code midpoint} (default) or {@code trapezoid}
   * @param tolerance with {@code steps: auto} only: the relative completeness gap to reach
   *                  (default 1e-3)
   * @param start     with {@code steps: auto} only: the first count (default 16)
   * @param maxSteps  with {@code steps: auto} only: the largest count (default 1024)
   */
  public record Spec(
      Object steps,
      String variant,
      @OmittedWhenNull Double tolerance,
      @OmittedWhenNull Integer start,
      @OmittedWhenNull Integer maxSteps) {
    /** Fills defaults and validates. */
    public Spec {
      steps = AutoSteps.checkSteps(steps, 50);
      variant = Checks.kebab(Checks.option("variant", Variant.class, variant, Variant.MIDPOINT));
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

    /** A fixed step count ({@code null}: 50) and variant ({@code null}: midpoint). */
    public Spec(Integer steps, String variant) {
      this(steps, variant, null, null, null);
    }

    /** Returns the rule this spec configures: a fixed count, or an automatic one. */
    StepRule build() {
      Variant v = Checks.option("variant", Variant.class, variant, Variant.MIDPOINT);
      return AutoSteps.isAuto(steps)
          ? new AutoSteps(new RiemannStepRule(start, v), tolerance, start, maxSteps)
          : new RiemannStepRule((Integer) steps, v);
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "riemann",
          Spec.class,
          Spec::build,
          "Riemann sum (left, right, midpoint or trapezoid) over equal intervals",
          Capability.COMPLETE);

  private final Variant variant;

  /** Creates the rule with n steps of the given variant. */
  public RiemannStepRule(int steps, Variant variant) {
    super("riemann", Checks.kebab(variant), steps, n -> nodes(n, variant));
    this.variant = variant;
  }

  /** Returns the variant. */
  public Variant variant() {
    return variant;
  }

  @Override
  public RiemannStepRule withSteps(int n) {
    return new RiemannStepRule(n, variant);
  }

  /**
   * Returns the midpoints (j + ½)/n of the n intervals, each weighted 1/n, for the left, right and
   * trapezoid sums: their nodes at n are among those at 2n, and the nodes 2n adds are the
   * midpoints, so A_2n = ½ (A_n + M_n) with M_n the midpoint sum. Null for the midpoint sum, whose
   * nodes at n are not among those at 2n.
   */
  @Override
  public Schedule refinement(int steps) {
    return variant == Variant.MIDPOINT ? null : nodes(steps, Variant.MIDPOINT);
  }

  /** Returns the nodes and weights of the n-interval Riemann sum of the given variant. */
  public static Schedule nodes(int n, Variant variant) {
    boolean trapezoid = variant == Variant.TRAPEZOID;
    int nodes = trapezoid ? n + 1 : n;
    double[] a = new double[nodes];
    double[] w = new double[nodes];
    for (int j = 0; j < nodes; j++) {
      switch (variant) {
        case LEFT -> a[j] = (double) j / n;
        case RIGHT -> a[j] = (double) (j + 1) / n;
        case MIDPOINT -> a[j] = (j + 0.5) / n;
        case TRAPEZOID -> a[j] = (double) j / n;
      }
      w[j] = trapezoid && (j == 0 || j == n) ? 0.5 / n : 1.0 / n;
    }
    return new Schedule(a, w);
  }
}
