package org.igkit.testkit;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.QuadratureAccumulator;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepRule;

/**
 * The midpoint Riemann sum (nodes (j + ½)/n, weights 1/n), written independently of the
 * {@code riemann} plugin so that paths and aggregators can be tested without depending on the
 * paths module. Supports {@link #withSteps}, which fitness aggregators use for cheap passes. A
 * test double, not a registered plugin.
 */
public final class ReferenceMidpointStepRule implements StepRule {

  private final int steps;

  /** Creates the rule with n intervals. */
  public ReferenceMidpointStepRule(int steps) {
    this.steps = Checks.atLeast("steps", 1, steps);
  }

  @Override
  public int steps() {
    return steps;
  }

  @Override
  public StepRule withSteps(int n) {
    return new ReferenceMidpointStepRule(n);
  }

  @Override
  public Schedule schedule() {
    double[] a = new double[steps];
    double[] w = new double[steps];
    for (int j = 0; j < steps; j++) {
      a[j] = (j + 0.5) / steps;
      w[j] = 1.0 / steps;
    }
    return new Schedule(a, w);
  }

  @Override
  public StepAccumulator start(Shape shape) {
    return new QuadratureAccumulator(shape);
  }

  @Override
  public String toString() {
    return "reference-midpoint(" + steps + ")";
  }
}
