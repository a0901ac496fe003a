package org.igkit.paths.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Important Direction Gradient Integration (Yang, Wang and Bilen, "IDGI: A Framework to Eliminate
 * Explanation Noise from Integrated Gradients", CVPR 2023, Algorithm 1), usable on any path.
 *
 * <p>For consecutive path points p_j, p_{j+1} with g = ∇f_c(p_j) and d = f_c(p_{j+1}) − f_c(p_j),
 * each step adds A_i += g_i² · d / Σ_l g_l². The last point's gradient is unused, and the
 * attributions sum to exactly f(p_N) − f(p_0) at every step count (up to float rounding). A step
 * whose gradient is zero has no important direction: it is skipped and counted in
 * {@link StepResult#skippedSteps()} — where the reference code divides 0 by 0. A skipped step's
 * score change is not credited to any feature, so exact completeness holds when no step is
 * skipped (a zero gradient with a score change only happens where the model jumps, e.g. at a
 * ReLU kink between two nodes); results report the count so that this is never silent.
 *
 * <p>Nodes: α = j/n for j = 0…n, so both ends of the path are visited.
 */
public final class IdgiStepRule implements StepRule {

  /** @param steps number of intervals n (default 50); n + 1 points are visited */
  public record Spec(Object steps) {
    /** Fills defaults and validates; refuses {@code auto}, which has nothing to choose here. */
    public Spec {
      if (AutoSteps.isAuto(steps)) {
        throw new IllegalArgumentException("steps: idgi is complete at every step count, so " + AutoSteps.AUTO
            + " has no gap to close; give the number of steps, e.g. 50");
      }
      steps = AutoSteps.checkSteps(steps, 50);
    }

    /** A step count ({@code null}: 50). */
    public Spec(Integer steps) {
      this((Object) steps);
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "idgi",
          Spec.class,
          s -> new IdgiStepRule((Integer) s.steps()),
          "IDGI: credit each step's score change along the gradient direction (Yang et al. 2023)",
          Capability.COMPLETE,
          Capability.EXACTLY_COMPLETE);

  private final int steps;

  /** Creates the rule with n intervals. */
  public IdgiStepRule(int steps) {
    this.steps = Checks.atLeast("steps", 1, steps);
  }

  @Override
  public int steps() {
    return steps;
  }

  @Override
  public StepRule withSteps(int n) {
    return new IdgiStepRule(n);
  }

  @Override
  public Schedule schedule() {
    double[] a = new double[steps + 1];
    for (int j = 0; j <= steps; j++) {
      a[j] = (double) j / steps;
    }
    return new Schedule(a, new double[steps + 1]);
  }

  @Override
  public StepAccumulator start(Shape shape) {
    return new Accumulator(shape.size());
  }

  @Override
  public String toString() {
    return "idgi(" + steps + ")";
  }

  /** Keeps the previous point's score and gradient: O(C·H·W) state. */
  private static final class Accumulator implements StepAccumulator {
    private final double[] sum;
    private float[] previousGradient;
    private double previousScore;
    private int skipped;

    Accumulator(int size) {
      this.sum = new double[size];
    }

    @Override
    public void accept(PathPoint point, float score, float[] gradient) {
      if (previousGradient != null) {
        double d = (double) score - previousScore;
        double norm = 0;
        for (float g : previousGradient) {
          norm += (double) g * g;
        }
        if (norm == 0 || !Double.isFinite(norm)) {
          skipped++;
        } else {
          double scale = d / norm;
          for (int i = 0; i < sum.length; i++) {
            double g = previousGradient[i];
            sum[i] += g * g * scale;
          }
        }
      }
      previousGradient = gradient;
      previousScore = score;
    }

    @Override
    public StepResult finish() {
      return new StepResult(sum, skipped);
    }
  }
}
