package org.igkit.api.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;
import org.igkit.api.spec.Checks;

/**
 * A step rule that is a quadrature of the path integral on [0, 1]:
 * A = Σ_j w_j · ∇f(γ(α_j)) ⊙ γ'(α_j), accumulated node by node by {@link QuadratureAccumulator}.
 * A quadrature plugin supplies only its nodes and weights as a function of the step count
 * ({@link Nodes}); this class does the rest (step count, {@link #withSteps}, accumulator, name).
 * Riemann sums and Gauss–Legendre quadrature are such rules.
 *
 * <p>Laws: {@link #schedule()} is {@code nodes.of(steps())}, so equal step counts give equal
 * schedules, and {@link #withSteps withSteps(n)} is the same rule with {@code nodes.of(n)}. A
 * quadrature of Integrated Gradients has weights summing to 1 at every step count, and declares
 * {@code COMPLETE} only if its sums converge to ∫₀¹ as the step count grows.
 */
public class QuadratureStepRule implements StepRule {

  /** The nodes and weights of a quadrature on [0, 1] as a function of the step count. */
  @FunctionalInterface
  public interface Nodes {

    /**
     * Returns the nodes (non-decreasing, in [0, 1]) and weights for {@code steps} ≥ 1 — a pure
     * function of {@code steps}.
     */
    Schedule of(int steps);
  }

  private final String name;
  private final String variant;
  private final int steps;
  private final Nodes nodes;

  /**
   * Creates the rule with {@code steps} ≥ 1.
   *
   * @param name    the plugin id, for {@link #toString()}
   * @param variant the variant's kebab-case name, or null for a rule without variants
   * @param steps   the step count handed to {@code nodes}
   * @param nodes   the quadrature
   */
  public QuadratureStepRule(String name, String variant, int steps, Nodes nodes) {
    this.name = name;
    this.variant = variant;
    this.steps = Checks.atLeast("steps", 1, steps);
    this.nodes = nodes;
  }

  @Override
  public int steps() {
    return steps;
  }

  /** Returns the same quadrature with another step count; subclasses override it to keep their type. */
  @Override
  public StepRule withSteps(int n) {
    return new QuadratureStepRule(name, variant, n, nodes);
  }

  /** Returns {@code nodes.of(steps())}, computed on each call. */
  @Override
  public Schedule schedule() {
    return nodes.of(steps);
  }

  /** Returns a {@link QuadratureAccumulator}. */
  @Override
  public StepAccumulator start(Shape shape) {
    return new QuadratureAccumulator(shape);
  }

  /** Returns {@code name(steps)} or {@code name(steps, variant)}. */
  @Override
  public String toString() {
    return name + "(" + steps + (variant == null ? "" : ", " + variant) + ")";
  }
}
