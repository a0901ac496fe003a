package org.igkit.paths.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * The left sum over a path's own point differences, as the SIG and MA-GIG authors integrate every
 * path: for points p_0 = γ(0), p_1, …, p_n = x at α_j = j/n,
 *
 * <pre>  A = Σ_{j=0}^{n−1} ∇f(p_j) ⊙ (p_{j+1} − p_j).</pre>
 *
 * The path's tangent and the node weights are not used — only where the points are — so the rule
 * means the same on smooth paths (straight, blur, spectral, latent) and on paths that place their
 * own points (guided, geodesic by edge). Their reference code runs m = n + 1 points and computes a
 * gradient at the last one, p_m−1 = x, that it never uses; here the last point is the input the
 * engine hands to {@link #start(Shape, float[])} and its gradient is not computed: n steps cost n
 * gradient calls (nodes α = 0, 1/n, …, (n−1)/n). The authors' {@code num_steps: 200} is
 * {@code steps: 199}.
 *
 * <p><b>Completeness.</b> Σ_i A_i = Σ_j ∇f(p_j)·(p_{j+1} − p_j), while f(x) − f(p_0) =
 * Σ_j [f(p_{j+1}) − f(p_j)]; each term differs by the remainder of f's first-order Taylor
 * expansion at p_j, so the sum is exactly complete only where f is affine on every segment
 * [p_j, p_{j+1}] (a linear model; a ReLU network whose activation pattern does not change inside
 * any segment). A kink inside a segment costs O(|p_{j+1} − p_j|) there; on smooth models the gap
 * is O(Σ_j |p_{j+1} − p_j|²), first order in 1/n for evenly spread points. Per path:
 *
 * <ul>
 *   <li>{@code straight}: p_{j+1} − p_j = (x − x')/n, so A is IG by the left Riemann sum over n
 *       intervals (to float rounding of the points); gap O(1/n).
 *   <li>{@code guided}: the path takes n steps (the schedule has n nodes, none at α = 1) and A is
 *       the Guided IG authors' own sum — the same as any quadrature rule on that path, which
 *       already weights its displacements by 1. Features jump within a step with the gradient of
 *       the step's start, so on ReLU models the gap does not shrink with n.
 *   <li>{@code blur}: the finite point differences replace the path's forward-difference tangent;
 *       each gradient is taken at the blurrier end of its interval (PAIR's Blur IG takes the
 *       sharper end: {@code riemann}, {@code variant: right}). First order.
 *   <li>{@code geodesic-knn}: the polyline's vertices are not nodes unless the arc-length split
 *       puts one there, so a difference may cut a corner: the sum is still Σ ∇f(p_j)·(chord), first
 *       order. With {@code integration: per-edge} every edge has n nodes starting at its first
 *       vertex, so the sum is the left sum of each edge's straight IG.
 *   <li>{@code spectral}, latent paths: the left sum over the path's points; first order, plus any
 *       jump the path itself makes (a latent path with {@code endBlend: 0} jumps from x' to D(z')).
 * </ul>
 *
 * IDGI ({@code idgi}) is the exactly complete rule over the same kind of point sequence.
 */
public final class PathDifferencesStepRule implements StepRule {

  /**
   * @param steps number of intervals n (default 199: the authors' {@code num_steps: 200}, the
   *              setting of all their configurations); n gradients, at α = j/n for j &lt; n
   */
  public record Spec(Integer steps) {
    /** Fills defaults and validates. */
    public Spec {
      steps = Checks.atLeast("steps", 1, steps == null ? 199 : steps);
    }
  }

  /** The plugin registration. */
  public static final PluginType<StepRule> TYPE =
      PluginType.of(
          StepRule.class,
          "path-differences",
          Spec.class,
          s -> new PathDifferencesStepRule(s.steps()),
          "left sum over the path's own point differences (the SIG and MA-GIG authors' integration)",
          Capability.COMPLETE);

  private final int steps;

  /** Creates the rule with n intervals. */
  public PathDifferencesStepRule(int steps) {
    this.steps = Checks.atLeast("steps", 1, steps);
  }

  @Override
  public int steps() {
    return steps;
  }

  @Override
  public StepRule withSteps(int n) {
    return new PathDifferencesStepRule(n);
  }

  /**
   * Returns the nodes α_j = j/n for j = 0…n−1, weighted 1/n (the left Riemann sum's weights, which
   * this rule does not read: the point differences carry the step length).
   */
  @Override
  public Schedule schedule() {
    double[] a = new double[steps];
    double[] w = new double[steps];
    for (int j = 0; j < steps; j++) {
      a[j] = (double) j / steps;
      w[j] = 1.0 / steps;
    }
    return new Schedule(a, w);
  }

  /**
   * Not available: the last interval ends at the path's end point, which this overload does not
   * receive. The engine calls {@link #start(Shape, float[])}.
   */
  @Override
  public StepAccumulator start(Shape shape) {
    throw new UnsupportedOperationException(
        "path-differences: the last interval ends at the path's end (the input); call start(shape, end)");
  }

  /** Returns an accumulator whose last interval ends at {@code end}. */
  @Override
  public StepAccumulator start(Shape shape, float[] end) {
    return new Accumulator(shape.require("end", end));
  }

  @Override
  public String toString() {
    return "path-differences(" + steps + ")";
  }

  /** Keeps the previous point and its gradient: O(C·H·W) state. */
  private static final class Accumulator implements StepAccumulator {
    private final double[] sum;
    private final float[] end;
    private float[] previousPosition;
    private float[] previousGradient;

    Accumulator(float[] end) {
      this.sum = new double[end.length];
      this.end = end;
    }

    @Override
    public void accept(PathPoint point, float score, float[] gradient) {
      if (previousPosition != null) {
        add(point.position());
      }
      previousPosition = point.position();
      previousGradient = gradient;
    }

    /** A += ∇f(previous) ⊙ (next − previous), in double precision. */
    private void add(float[] next) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += (double) previousGradient[i] * ((double) next[i] - previousPosition[i]);
      }
    }

    @Override
    public StepResult finish() {
      if (previousPosition != null) {
        add(end);
        previousPosition = null;
        previousGradient = null;
      }
      return new StepResult(sum, 0);
    }
  }
}
