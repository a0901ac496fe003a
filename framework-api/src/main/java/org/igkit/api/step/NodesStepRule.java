package org.igkit.api.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;

/**
 * A quadrature rule with explicitly given nodes and weights — for example the single random α of
 * the sampling estimator of Expected Gradients (Erion et al., 2021), whose nodes an aggregator
 * draws per baseline. Not a registered plugin: aggregators build it.
 */
public final class NodesStepRule implements StepRule {

  private final Schedule schedule;

  /** Creates the rule Σ_j weights[j] · ∇f(γ(alphas[j])) ⊙ γ'(alphas[j]). */
  public NodesStepRule(double[] alphas, double[] weights) {
    this.schedule = new Schedule(alphas, weights);
  }

  /** Returns the Monte-Carlo rule with the given nodes, each weighted 1/n. */
  public static NodesStepRule monteCarlo(double[] sortedAlphas) {
    double[] w = new double[sortedAlphas.length];
    java.util.Arrays.fill(w, 1.0 / sortedAlphas.length);
    return new NodesStepRule(sortedAlphas, w);
  }

  @Override
  public int steps() {
    return schedule.size();
  }

  @Override
  public StepRule withSteps(int steps) {
    throw new UnsupportedOperationException("explicit nodes cannot be resampled to " + steps + " steps");
  }

  @Override
  public Schedule schedule() {
    return schedule;
  }

  @Override
  public StepAccumulator start(Shape shape) {
    return new QuadratureAccumulator(shape);
  }
}
