package org.igkit.paths.geodesic;

import java.util.List;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * Geodesic Integrated Gradients by energy minimisation: the path-optimising variant of Salek and
 * Enguehard ("Using the Path of Least Resistance to Explain Deep Networks", 2025), in its faithful
 * first-order form. The path is a polyline x' = p_0, p_1, …, p_m = x whose ends are exact and
 * whose interior vertices minimise the discrete energy of the model-induced metric G = ∇f∇fᵀ plus
 * a small Euclidean regulariser λI,
 * E = Σ_j (f(p_{j+1}) − f(p_j))²/F² + λ Σ_j ‖p_{j+1} − p_j‖²/‖x − x'‖² (F = |f(x) − f(x')|), starting
 * from the straight line; see {@link EnergyOptimiser} for the gradient (f and ∇f at the vertices,
 * no second derivatives), the monotone Adam steps and the memory bound. A minimiser makes f
 * monotone along the path when such a path exists, which is No-Cancellation Completeness at the
 * level of the path: Σ_j |f(p_{j+1}) − f(p_j)| = |Δf|.
 *
 * <p>The polyline is traced like {@code geodesic-knn}'s route, by arc length through the step
 * rule's schedule (default) or edge by edge ({@code per-edge}: every segment with the whole rule;
 * with the 2-point trapezoid rule that is the line integral Σ_j ½(∇f(p_j) + ∇f(p_{j+1}))·(p_{j+1}
 * − p_j) of the reference formulation). Both ends are exact, so IDGI telescopes exactly.
 *
 * <p><b>The published code's objective is not offered.</b> The authors' SVI code does not minimise
 * a length: it optimises per-point offsets δ from the straight line under Pyro's stochastic
 * variational inference (a learned Gaussian guide, sampled offsets, an ELBO with entropy) with the
 * potential Σ ‖δ‖ − β‖∇_p Σ_k F_k(p)‖, which rewards the gradient norm of the sum of all outputs.
 * Reproducing it needs (1) second derivatives (∇_p of a gradient norm) of the sum of every class,
 * where a model function answers first derivatives of one class per point; (2) for igkit's default
 * softmax output, Σ_k F_k ≡ 1, so that term vanishes and the path would not move at all; (3) its
 * attribution, step length × (x − x') × gradient, is not a path integral, so no step rule turns
 * its path into its numbers; and (4) its results depend on optimiser state carried over from the
 * previous image. A mode reproducing the published numbers therefore cannot be built faithfully
 * on igkit's path interface and is left out.
 *
 * <p>Capabilities: needs a baseline; stochastic only through {@code noise} (0 by default: then the
 * path is a function of the model, x and x' alone); not adaptive (the path is optimised before
 * any point is traced). Cost: at most {@code iterations} passes of forward and backward over
 * m − 1 points, plus one forward pass for f(x') and f(x).
 */
public final class EnergyPath implements Path {

  /**
   * @param segments     polyline segments m, ≥ 1 (m − 1 optimised points); default 50
   * @param iterations   passes over the points (forward + backward each), ≥ 1; default 200
   * @param learningRate Adam's step per coordinate as a fraction of RMS(x − x'), &gt; 0;
   *                     default 0.05
   * @param lambda       weight λ of the Euclidean regulariser, ≥ 0; default 0.1 (the reference
   *                     suggests 0.1 to 1; below about 0.01 plain descent stops converging)
   * @param tolerance    stop when an accepted step lowers the energy by less than this fraction,
   *                     ≥ 0; default 1e-4
   * @param noise        standard deviation of the seeded noise added to the initial straight line,
   *                     as a fraction of RMS(x − x'), ≥ 0; default 0
   * @param valueMin     lower clamp for the path's points (e.g. 0 for images in [0, 1]); default
   *                     none
   * @param valueMax     upper clamp for the path's points; default none
   * @param integration  {@code arc-length} (default) or {@code per-edge}
   * @param batchSize    points per model call while optimising, ≥ 1; default 64
   */
  public record Spec(
      Integer segments,
      Integer iterations,
      Double learningRate,
      Double lambda,
      Double tolerance,
      Double noise,
      Double valueMin,
      Double valueMax,
      String integration,
      Integer batchSize) {
    /** Fills defaults and validates. */
    public Spec {
      segments = Checks.atLeast("segments", 1, segments == null ? 50 : segments);
      iterations = Checks.atLeast("iterations", 1, iterations == null ? 200 : iterations);
      learningRate = Checks.positive("learningRate", learningRate == null ? 0.05 : learningRate);
      lambda = Checks.inRange("lambda", 0, Double.MAX_VALUE, lambda == null ? 0.1 : lambda);
      tolerance = Checks.inRange("tolerance", 0, 1, tolerance == null ? 1e-4 : tolerance);
      noise = Checks.inRange("noise", 0, Double.MAX_VALUE, noise == null ? 0.0 : noise);
      if (valueMin != null && valueMax != null && !(valueMin < valueMax)) {
        throw new IllegalArgumentException(
            "valueMin: must be below valueMax, was " + valueMin + " ≥ " + valueMax);
      }
      integration = Checks.kebab(
          Checks.option("integration", GeodesicPath.Integration.class, integration,
              GeodesicPath.Integration.ARC_LENGTH));
      batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 64 : batchSize);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "geodesic-energy",
          Spec.class,
          EnergyPath::new,
          "Geodesic IG: polyline minimising the model-induced path energy (Salek & Enguehard 2025)",
          Capability.NEEDS_BASELINE,
          Capability.STOCHASTIC);

  /**
   * An optimised path.
   *
   * @param vertices    x' (the request's baseline array), the m − 1 optimised points, x (the
   *                    request's input array)
   * @param energies    the energy of the straight line (with noise) and after every accepted
   *                    step; strictly decreasing
   * @param evaluations passes of forward and backward over the points, rejected steps included
   */
  public record Optimised(List<float[]> vertices, double[] energies, int evaluations) {}

  private final Spec spec;
  private final GeodesicPath.Integration integration;

  /** Creates the path from its spec. */
  public EnergyPath(Spec spec) {
    this.spec = spec;
    this.integration = Checks.option("integration", GeodesicPath.Integration.class, spec.integration(),
        GeodesicPath.Integration.ARC_LENGTH);
  }

  /** Returns the resolved spec. */
  public Spec spec() {
    return spec;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    Polyline line = new Polyline(optimise(request).vertices());
    return integration == GeodesicPath.Integration.ARC_LENGTH
        ? line.byArcLength(request.schedule())
        : line.perEdge(request.schedule());
  }

  /** Optimises the path for a request (what {@link #trace} follows; for inspection and tests). */
  public Optimised optimise(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    float[] b = request.shape().require("baseline", request.baseline());
    EnergyOptimiser.Result r =
        new EnergyOptimiser(request.model(), request.target(), spec.segments(), spec.iterations(),
                spec.learningRate(), spec.lambda(), spec.tolerance(), spec.batchSize(),
                spec.valueMin(), spec.valueMax())
            .optimise(x, b, spec.noise(), request.random().derive("geodesic-energy-init"));
    return new Optimised(r.vertices(), r.energies(), r.evaluations());
  }

  @Override
  public String toString() {
    return "geodesic-energy(" + spec.segments() + " segments, λ " + spec.lambda() + ", "
        + spec.iterations() + " iterations, " + spec.integration() + ")";
  }
}
