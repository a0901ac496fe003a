package org.igkit.paths.step;

import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.QuadratureStepRule;
import org.igkit.api.step.StepRule;

/**
 * Riemann sums over n equal intervals of [0, 1]: left (α = j/n), right (α = (j+1)/n), midpoint
 * (α = (j+½)/n), each with weight 1/n, or trapezoid (α = j/n for j = 0…n, weights 1/(2n) at both
 * ends and 1/n inside). The trapezoid weights sum to exactly 1 — unlike Captum's, which use step
 * 1/n with nodes spaced 1/(n−1) and so sum to 1 − 1/n.
 */
public final class RiemannStepRule extends QuadratureStepRule {

  /** Which point of each interval is evaluated. */
  public enum Variant {
    LEFT,
    RIGHT,
    MIDPOINT,
    TRAPEZOID
  }

  /**
   * @param steps   number of intervals n (default 50)
   * @param variant {@code left}, {@code right}, {@code midpoint} (default) or {@code trapezoid}
   */
  public record Spec(Integer steps, String variant) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 50 : steps);
      variant = Checks.kebab(Checks.option("variant", Variant.class, variant, Variant.MIDPOINT));
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "riemann",
          Spec.class,
          RiemannStepRule::new,
          "Riemann sum (left, right, midpoint or trapezoid) over equal intervals",
          Capability.COMPLETE);

  private final Variant variant;

  /** Creates the rule from its spec. */
  public RiemannStepRule(Spec spec) {
    this(spec.steps(), Checks.option("variant", Variant.class, spec.variant(), Variant.MIDPOINT));
  }

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
