package org.igkit.paths.gradient;

import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * The plain gradient ("vanilla gradient" saliency, Simonyan et al., "Deep Inside Convolutional
 * Networks", 2014): A = ∇f(x), not multiplied by anything. As a step rule it asks for the single
 * node α = 1 and returns the gradient seen at the path's point with α = 1 — the input on every
 * path that ends there (straight, blur, guided) — ignoring tangent and weight, so the baseline
 * and path do not change the result.
 *
 * <p>One gradient call per path (adaptive paths that emit their own points, such as guided, still
 * take their own steps). Not complete, not a path integral. A path that never reaches α = 1 is an
 * error, reported by {@link StepAccumulator#finish()}.
 */
public final class GradientStepRule extends AtInputStepRule {

  /** Takes no parameters. */
  public record Spec() {}

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
              StepRule.class,
              "gradient",
              Spec.class,
              s -> new GradientStepRule(),
              "Plain gradient grad f(x) at the path's end (alpha = 1), not multiplied by the path's tangent")
          .withModelCalls("1 gradient (at the input)");

  @Override
  public StepAccumulator start(Shape shape) {
    return new StepAccumulator() {
      private double[] gradientAtEnd;

      @Override
      public void accept(PathPoint point, float score, float[] gradient) {
        if (point.alpha() == 1.0) {
          double[] g = new double[gradient.length];
          for (int i = 0; i < g.length; i++) {
            g[i] = gradient[i];
          }
          gradientAtEnd = g;
        }
      }

      @Override
      public StepResult finish() {
        if (gradientAtEnd == null) {
          throw new IllegalStateException(
              "gradient step rule: the path gave no point at alpha = 1 (the input); use it with the straight path");
        }
        return new StepResult(gradientAtEnd, 0);
      }
    };
  }

  @Override
  public String toString() {
    return "gradient";
  }
}
