package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * Geodesic Integrated Gradients, k-nearest-neighbour variant (Salek and Enguehard, "Using the Path
 * of Least Resistance to Explain Deep Networks", 2025): the path from the baseline to the input is
 * the shortest route through a kNN graph whose edges are weighted by the gradient-norm line
 * integral (the length under the model-induced metric), so it bends around regions where the
 * model's gradient is large.
 *
 * <p>Per traced path: (1) a {@link NodeCloud} of x', x, straight-line points and seeded noisy
 * copies of them; (2) the undirected kNN graph over it, made connected through closest pairs
 * (logged as a warning: raise {@code k}); (3) {@link EdgeWeights}, which for {@code gradient} asks
 * the request's model for 5 gradients per edge before any point is traced; (4) Dijkstra from x' to
 * x; (5) the {@link Polyline} through the route, traced by arc length (default) or edge by edge.
 * Optionally, before (3), {@link SteinerPoints} refine long edges as the reference's
 * {@code n_steiner} does; {@link #route} also returns the reference's curvature.
 *
 * <p><b>The authors' defaults.</b> {@code preset: authors} integrates edge by edge (straight IG on
 * every edge of the route) and counts the node itself among its k neighbours, as their code does;
 * their step rule is {@code gauss-legendre} with 5 steps (their half-moons experiment: 50) and
 * their k has no default (5, 10 and 15 in the half-moons experiment; igkit's default 5). Their
 * graph is built over a data set; a path sees no data set, so the node cloud stands in for it.
 *
 * <p><b>Completeness.</b> The path starts exactly at x' and ends exactly at x, so IDGI telescopes
 * exactly. With a quadrature rule the integrand ∇f·γ' jumps where the polyline turns; by arc
 * length, a rule of order p then converges at O(1/n) rather than O(1/n^p) (the jumps fall inside
 * intervals), while {@code per-edge} integrates each straight edge with the rule's own order at
 * the cost of L·n gradients.
 *
 * <p>Capabilities: needs a baseline; stochastic (the noisy nodes come from the request's seeded
 * source); not symmetric (the noise breaks it); not adaptive (the graph is built before tracing).
 * Memory: the nodes (2 + m·(1 + P) images) and an n×n distance matrix live while the route is
 * built; the trace keeps only the route's vertices.
 */
public final class GeodesicPath implements Path {

  private static final System.Logger LOG = System.getLogger(GeodesicPath.class.getName());

  /** What an edge of the graph costs. */
  public enum Weights {
    /** ∫ ‖∇f‖ along the edge (5-point Gauss–Legendre), the model-induced length. */
    GRADIENT,
    /** The Euclidean length. */
    EUCLIDEAN
  }

  /** Named defaults. */
  public enum Preset {
    /** igkit's defaults: arc-length integration, k real neighbours per node. */
    IGKIT,
    /**
     * The authors' code: edge-by-edge integration, and k counts the node itself (scikit-learn's
     * query of a fitted set that holds the node), so a node gets k − 1 real neighbours.
     */
    AUTHORS
  }

  /** How the route is integrated. */
  public enum Integration {
    /** One schedule over the whole route, parameterised by arc length. */
    ARC_LENGTH,
    /** Every edge with the whole schedule (the reference). */
    PER_EDGE
  }

  /**
   * @param k             neighbours per node, ≥ 1; default 5
   * @param weights       {@code gradient} (default) or {@code euclidean}
   * @param interpolation points on the straight line between x' and x, ≥ 0; default 8
   * @param perturbations noisy copies of each straight-line point, ≥ 0; default 4
   * @param noise         noise standard deviation as a fraction of RMS(x − x'), ≥ 0; default 0.1
   * @param valueMin      lower clamp for noisy nodes (e.g. 0 for images in [0, 1]); default none
   * @param valueMax      upper clamp for noisy nodes; default none
   * @param integration   {@code arc-length} (default; {@code per-edge} with preset {@code authors})
   * @param batchSize     points per model call when weighting edges by gradients, ≥ 1; default 64
   * @param preset        {@code igkit} (default) or {@code authors}: see {@link Preset}
   * @param steiner       Steiner refinement n_steiner, ≥ 1: every edge of length d gets
   *                      ⌊d/(d_max/n_steiner)⌋ evenly spaced interior points, each linked to its k
   *                      nearest original nodes (see {@link SteinerPoints}); default none
   */
  public record Spec(
      Integer k,
      String weights,
      Integer interpolation,
      Integer perturbations,
      Double noise,
      Double valueMin,
      Double valueMax,
      String integration,
      Integer batchSize,
      String preset,
      Integer steiner) {
    /** Fills defaults and validates. */
    public Spec {
      Preset p = Checks.option("preset", Preset.class, preset, Preset.IGKIT);
      preset = Checks.kebab(p);
      k = Checks.atLeast("k", 1, k == null ? 5 : k);
      weights = Checks.kebab(Checks.option("weights", Weights.class, weights, Weights.GRADIENT));
      interpolation = Checks.atLeast("interpolation", 0, interpolation == null ? 8 : interpolation);
      perturbations = Checks.atLeast("perturbations", 0, perturbations == null ? 4 : perturbations);
      noise = Checks.inRange("noise", 0, Double.MAX_VALUE, noise == null ? 0.1 : noise);
      if (valueMin != null && valueMax != null && !(valueMin < valueMax)) {
        throw new IllegalArgumentException(
            "valueMin: must be below valueMax, was " + valueMin + " ≥ " + valueMax);
      }
      integration = Checks.kebab(Checks.option("integration", Integration.class, integration,
          p == Preset.AUTHORS ? Integration.PER_EDGE : Integration.ARC_LENGTH));
      batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 64 : batchSize);
      if (steiner != null) {
        Checks.atLeast("steiner", 1, steiner);
      }
    }

    /** The spec without a preset or Steiner points. */
    public Spec(Integer k, String weights, Integer interpolation, Integer perturbations, Double noise,
        Double valueMin, Double valueMax, String integration, Integer batchSize) {
      this(k, weights, interpolation, perturbations, noise, valueMin, valueMax, integration, batchSize, null, null);
    }
  }

  /**
   * A route through the graph.
   *
   * @param vertices  the route's nodes, x' first and x last
   * @param curvature the reference's curvature: the route's Euclidean length minus ‖x − x'‖ (the
   *                  detour, ≥ 0 up to rounding)
   */
  public record Route(List<float[]> vertices, double curvature) {}

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "geodesic-knn",
          Spec.class,
          GeodesicPath::new,
          "Geodesic IG: shortest route through a kNN graph weighted by gradient norm (Salek & Enguehard 2025)",
          Capability.NEEDS_BASELINE,
          Capability.STOCHASTIC);

  private final Spec spec;
  private final Weights weights;
  private final Integration integration;
  private final Preset preset;

  /** Creates the path from its spec. */
  public GeodesicPath(Spec spec) {
    this.spec = spec;
    this.preset = Checks.option("preset", Preset.class, spec.preset(), Preset.IGKIT);
    this.weights = Checks.option("weights", Weights.class, spec.weights(), Weights.GRADIENT);
    this.integration = Checks.option("integration", Integration.class, spec.integration(), Integration.ARC_LENGTH);
  }

  /** Returns the resolved spec. */
  public Spec spec() {
    return spec;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    Polyline route = polyline(request);
    return integration == Integration.ARC_LENGTH
        ? route.byArcLength(request.schedule())
        : route.perEdge(request.schedule());
  }

  /**
   * Returns the route from the request's baseline to its input: the vertices of the polyline the
   * trace follows (for inspection and tests).
   */
  public List<float[]> vertices(PathRequest request) {
    return polyline(request).vertices();
  }

  /** Returns the route for a request with its curvature (the reference's {@code return_curvature}). */
  public Route route(PathRequest request) {
    Polyline line = polyline(request);
    List<float[]> v = line.vertices();
    double direct = 0;
    float[] a = v.get(0);
    float[] b = v.get(v.size() - 1);
    for (int i = 0; i < a.length; i++) {
      double d = (double) b[i] - a[i];
      direct += d * d;
    }
    return new Route(v, line.length() - Math.sqrt(direct));
  }

  private Polyline polyline(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    float[] b = request.shape().require("baseline", request.baseline());
    List<float[]> nodes =
        NodeCloud.build(x, b, spec.interpolation(), spec.perturbations(), spec.noise(),
            spec.valueMin(), spec.valueMax(), request.random().derive("geodesic-nodes"));
    int n = nodes.size();
    int neighbours = preset == Preset.AUTHORS ? Math.max(1, spec.k() - 1) : spec.k();
    KnnGraph graph = KnnGraph.build(NodeCloud.flatten(nodes), n, x.length, neighbours);
    if (graph.components() > 1) {
      LOG.log(System.Logger.Level.WARNING,
          "geodesic-knn: the k = {0} graph over {1} nodes had {2} components, joined through their "
              + "closest pairs; raise k for a graph that needs no joining",
          spec.k(), n, graph.components());
    }
    List<int[]> edges = graph.edges();
    if (spec.steiner() != null) {
      SteinerPoints refined = SteinerPoints.refine(nodes, graph, spec.steiner(), spec.k());
      nodes = refined.nodes();
      edges = refined.edges();
      n = nodes.size();
    }
    double[] w =
        weights == Weights.EUCLIDEAN
            ? EdgeWeights.euclidean(edges, nodes)
            : EdgeWeights.gradient(edges, nodes, request.model(), request.target(), spec.batchSize());
    List<Integer> order = ShortestPath.route(n, edges, w, NodeCloud.BASELINE, NodeCloud.INPUT);
    List<float[]> points = new ArrayList<>(order.size());
    for (int v : order) {
      points.add(nodes.get(v));
    }
    return new Polyline(points);
  }

  @Override
  public String toString() {
    return "geodesic-knn(k " + spec.k() + ", " + spec.weights() + ", " + spec.integration()
        + (spec.steiner() == null ? "" : ", steiner " + spec.steiner()) + ")";
  }
}
