package org.igkit.api.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;

/**
 * The accumulator of every quadrature rule: A += weight · ∇f(γ(α)) ⊙ γ'(α) per node, in double
 * precision. Holds one C×H×W array, whatever the number of nodes.
 */
public final class QuadratureAccumulator implements StepAccumulator {

  private final double[] sum;

  /** Creates an empty accumulator for inputs of {@code shape}. */
  public QuadratureAccumulator(Shape shape) {
    this.sum = new double[shape.size()];
  }

  @Override
  public void accept(PathPoint point, float score, float[] gradient) {
    double w = point.weight();
    float[] t = point.tangent();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += w * ((double) gradient[i] * t[i]);
    }
  }

  @Override
  public StepResult finish() {
    return new StepResult(sum, 0);
  }
}
