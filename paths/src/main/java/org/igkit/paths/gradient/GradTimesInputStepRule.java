package org.igkit.paths.gradient;

import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.step.QuadratureAccumulator;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepRule;

/**
 * Gradient × Input (Shrikumar et al., "Not Just a Black Box: Learning Important Features Through
 * Propagating Activation Differences", 2016; as the SIG authors run it, with a baseline):
 * A = ∇f(x) ⊙ (x − x'). As a step rule it is the one-node quadrature α = 1 with weight 1, so on
 * the {@code straight} path, whose tangent is x − x', it accumulates exactly ∇f(x) ⊙ (x − x'); on
 * another smooth path it gives ∇f(x) ⊙ γ'(1).
 *
 * <p>One gradient call per path (at the input). Not complete: Σ A = f(x) − f(x') only where f is
 * linear along the segment. The step count is fixed at one node; {@link #withSteps} returns this
 * rule unchanged, so aggregators that ask for a cheaper pass get the same single gradient.
 */
public final class GradTimesInputStepRule extends AtInputStepRule {

  /** Takes no parameters. */
  public record Spec() {}

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
              StepRule.class,
              "grad-x-input",
              Spec.class,
              s -> new GradTimesInputStepRule(),
              "Gradient x Input: grad f(x) * (x - x'), one node at alpha = 1 (use with the straight path)")
          .withModelCalls("1 gradient (at the input)");

  @Override
  public StepAccumulator start(Shape shape) {
    return new QuadratureAccumulator(shape);
  }

  @Override
  public String toString() {
    return "grad-x-input";
  }
}
