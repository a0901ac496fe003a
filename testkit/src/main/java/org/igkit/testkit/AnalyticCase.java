package org.igkit.testkit;

import java.util.Objects;

/**
 * One analytic model with an input x, a baseline x' and a target class: a case on which the
 * contracts check a plugin against known Integrated Gradients.
 *
 * @param name     a short name shown in test reports
 * @param model    the model
 * @param input    the input x (defensively copied in and out)
 * @param baseline the baseline x' (defensively copied in and out)
 * @param target   the explained class
 * @param smooth   whether the gradient is continuous along the straight line from x' to x; when it
 *                 is not (ReLU kinks), quadrature errors are O(1/n) whatever the rule's order
 */
public record AnalyticCase(
    String name, AnalyticModel model, float[] input, float[] baseline, int target, boolean smooth) {

  /** Checks shapes and the target, and copies the arrays. */
  public AnalyticCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    input = model.inputShape().require(name + ": input", input).clone();
    baseline = model.inputShape().require(name + ": baseline", baseline).clone();
    if (target < 0 || target >= model.numClasses()) {
      throw new IllegalArgumentException(name + ": target " + target + " is not a class of " + model);
    }
  }

  @Override
  public float[] input() {
    return input.clone();
  }

  @Override
  public float[] baseline() {
    return baseline.clone();
  }

  /** Returns f(x), in double precision. */
  public double inputScore() {
    return model.value(input, target);
  }

  /** Returns f(x'), in double precision. */
  public double baselineScore() {
    return model.value(baseline, target);
  }

  /** Returns f(x) − f(x'), what completeness says the attributions sum to. */
  public double scoreChange() {
    return inputScore() - baselineScore();
  }

  /** Returns the true Integrated Gradients of this case (closed form or high-accuracy reference). */
  public double[] expectedAttribution() {
    return model.integratedGradients(input, baseline, target);
  }

  @Override
  public String toString() {
    return name;
  }
}
