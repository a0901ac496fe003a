package org.igkit.paths.geodesic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.plugin.Capability;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.testkit.FormulaModel;
import org.igkit.paths.TracedPoints;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * Geodesic IG (kNN): the path contract, a 2-D toy problem where the geodesic bends around a
 * high-gradient bump that the straight line runs through, exact telescoping with IDGI, and the
 * reference's edge-by-edge integration.
 *
 * <p>Completeness tolerance: by arc length the integrand jumps where the route turns, so the
 * contract's 256-step midpoint rule is first order there: {@link Tolerances#COMPLETENESS_KINKED}
 * (2e-2) on every case.
 */
class GeodesicPathTest implements PathContract {

  @Override
  public Path path() {
    return GeodesicPath.TYPE.createDefault();
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return Tolerances.COMPLETENESS_KINKED;
  }

  /**
   * f(p) = p₀/2 + exp(−‖p‖² / (2·0.25²)) on the plane: a gentle slope plus a bump of height 1 at
   * the origin whose flanks are steep (|∇| up to 2.4). From x' = (−1, 0) to x = (1, 0) the straight
   * line climbs the bump and comes down again; a route around it only feels the slope.
   */
  static final class BumpModel extends FormulaModel {
    static final double R = 0.25;

    BumpModel() {
      super(Shape.of(1, 1, 2));
    }

    @Override
    public double value(double[] p) {
      return p[0] / 2 + Math.exp(-(p[0] * p[0] + p[1] * p[1]) / (2 * R * R));
    }

    @Override
    public double[] gradient(double[] p) {
      double e = Math.exp(-(p[0] * p[0] + p[1] * p[1]) / (2 * R * R));
      return new double[] {0.5 - p[0] / (R * R) * e, -p[1] / (R * R) * e};
    }

    /** ∫ ‖∇f‖ ds along the polyline, 2000-point midpoint rule per segment. */
    double gradientLength(List<float[]> polyline) {
      double total = 0;
      for (int e = 0; e + 1 < polyline.size(); e++) {
        float[] a = polyline.get(e);
        float[] b = polyline.get(e + 1);
        double len = Math.hypot((double) b[0] - a[0], (double) b[1] - a[1]);
        int n = 2000;
        for (int j = 0; j < n; j++) {
          double t = (j + 0.5) / n;
          double[] g = gradient(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
          total += Math.hypot(g[0], g[1]) * len / n;
        }
      }
      return total;
    }
  }

  static final float[] X = {1, 0};
  static final float[] X_BASELINE = {-1, 0};

  static GeodesicPath toyPath(String weights, String integration) {
    return new GeodesicPath(new GeodesicPath.Spec(5, weights, 10, 20, 0.5, null, null, integration, null));
  }

  static PathRequest toyRequest(BumpModel m, StepRule rule) {
    return new PathRequest(X, X_BASELINE, m.inputShape(), rule.schedule(), m, 0, RandomSource.of(1).derive("path", 0));
  }

  /**
   * The gradient-weighted route's ∫‖∇f‖ is below the straight line's, and the route keeps clear of
   * the bump's centre, where the Euclidean-weighted route goes straight through.
   */
  @Test
  void routesAroundTheHighGradientBump() {
    BumpModel m = new BumpModel();
    List<float[]> straight = List.of(X_BASELINE, X);
    List<float[]> geodesic = toyPath("gradient", null).vertices(toyRequest(m, new IdgiStepRule(8)));
    double straightCost = m.gradientLength(straight);
    double geodesicCost = m.gradientLength(geodesic);
    assertThat(geodesic.get(0)).containsExactly(X_BASELINE);
    assertThat(geodesic.get(geodesic.size() - 1)).containsExactly(X);
    assertThat(geodesicCost).as("∫‖∇f‖ along the geodesic vs the straight line (%s)", straightCost)
        .isLessThan(0.75 * straightCost);
    TracedPoints t = TracedPoints.trace(toyPath("gradient", null), m, X, X_BASELINE, new IdgiStepRule(400).schedule(), 64);
    double closest = Double.POSITIVE_INFINITY;
    for (int k = 0; k < t.size(); k++) {
      closest = Math.min(closest, Math.hypot(t.position(k)[0], t.position(k)[1]));
    }
    assertThat(closest).as("closest approach of the geodesic to the bump's centre").isGreaterThan(2 * BumpModel.R);

    TracedPoints euclid = TracedPoints.trace(toyPath("euclidean", null), m, X, X_BASELINE, new IdgiStepRule(400).schedule(), 64);
    double euclidClosest = Double.POSITIVE_INFINITY;
    for (int k = 0; k < euclid.size(); k++) {
      euclidClosest = Math.min(euclidClosest, Math.hypot(euclid.position(k)[0], euclid.position(k)[1]));
    }
    assertThat(euclidClosest).as("the Euclidean route runs close to the centre").isLessThan(BumpModel.R);
  }

  /** IDGI telescopes exactly along the geodesic, by arc length and edge by edge. */
  @Test
  void idgiTelescopesExactly() {
    BumpModel m = new BumpModel();
    double change = m.value(X) - m.value(X_BASELINE);
    for (String integration : new String[] {"arc-length", "per-edge"}) {
      for (int steps : new int[] {1, 7, 64}) {
        StepResult r = IG.compute(m, toyPath("gradient", integration), new IdgiStepRule(steps), X, X_BASELINE, 0, 16);
        assertThat(Math.abs(Attributions.sum(r.attribution()) - change))
            .as("%s, %d steps", integration, steps)
            .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(change));
      }
    }
  }

  /**
   * Edge by edge, the attribution is the sum of straight-line IG over the route's edges (each edge
   * integrated with the same rule), as in the reference; and the trace emits L·n points (IDGI: the
   * shared joints once, L·n + 1).
   */
  @Test
  void perEdgeIsTheSumOfStraightLineIgOverTheEdges() {
    BumpModel m = new BumpModel();
    GeodesicPath p = toyPath("gradient", "per-edge");
    for (StepRule rule : List.of(new GaussLegendreStepRule(6), new RiemannStepRule(5, RiemannStepRule.Variant.TRAPEZOID))) {
      List<float[]> route = p.vertices(toyRequest(m, rule));
      double[] expected = new double[2];
      for (int e = 0; e + 1 < route.size(); e++) {
        double[] a = IG.compute(m, new StraightPath(), rule, route.get(e + 1), route.get(e), 0, 8).attribution();
        expected[0] += a[0];
        expected[1] += a[1];
      }
      double[] actual = IG.compute(m, p, rule, X, X_BASELINE, 0, 8).attribution();
      assertThat(Attributions.relativeMaxDifference(actual, expected)).as("%s", rule).isLessThanOrEqualTo(1e-5);
      int segments = route.size() - 1;
      assertThat(TracedPoints.trace(p, m, X, X_BASELINE, rule.schedule(), 8).size())
          .isEqualTo(segments * rule.schedule().size());
    }
    int segments = p.vertices(toyRequest(m, new IdgiStepRule(4))).size() - 1;
    TracedPoints idgi = TracedPoints.trace(p, m, X, X_BASELINE, new IdgiStepRule(4).schedule(), 8);
    assertThat(idgi.size()).isEqualTo(segments * 4 + 1);
    for (int k = 0; k + 1 < idgi.size(); k++) {
      assertThat(idgi.points().get(k + 1).alpha()).isGreaterThan(idgi.points().get(k).alpha());
    }
  }

  /** With a quadrature rule the arc-length gap shrinks as steps grow (first order at the turns). */
  @Test
  void arcLengthQuadratureConverges() {
    BumpModel m = new BumpModel();
    double change = m.value(X) - m.value(X_BASELINE);
    GeodesicPath p = toyPath("gradient", null);
    double g32 = Math.abs(Attributions.sum(IG.compute(m, p, new RiemannStepRule(32, RiemannStepRule.Variant.MIDPOINT), X, X_BASELINE, 0, 64).attribution()) - change);
    double g512 = Math.abs(Attributions.sum(IG.compute(m, p, new RiemannStepRule(512, RiemannStepRule.Variant.MIDPOINT), X, X_BASELINE, 0, 64).attribution()) - change);
    assertThat(g512).as("gap at 512 vs 32 steps (%s)", g32).isLessThan(g32);
    assertThat(g512).isLessThanOrEqualTo(Tolerances.COMPLETENESS_KINKED * Math.abs(change));
  }

  /** Noisy nodes respect the declared value range, so every point of the path does. */
  @Test
  void pointsStayInTheDeclaredRange() {
    AnalyticCase c = AnalyticModels.softmaxLinear(); // x, x' in [0, 1)
    GeodesicPath p = new GeodesicPath(new GeodesicPath.Spec(3, null, 4, 6, 2.0, 0.0, 1.0, null, null));
    TracedPoints t = TracedPoints.trace(p, c.model(), c.input(), c.baseline(), new IdgiStepRule(64).schedule(), 16);
    for (int k = 0; k < t.size(); k++) {
      for (float v : t.position(k)) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  /** k = 1 leaves the graph in pieces; they are joined and the route still runs x' → x. */
  @Test
  void disconnectedGraphsAreJoined() {
    float[] nodes = {0, 0, 0.1f, 0, 5, 0, 5.1f, 0, 10, 0, 10.1f, 0};
    KnnGraph g = KnnGraph.build(nodes, 6, 2, 1);
    assertThat(g.components()).isEqualTo(3);
    List<Integer> route = ShortestPath.route(6, g.edges(), EdgeWeights.euclidean(g), 0, 5);
    assertThat(route).containsExactly(0, 1, 2, 3, 4, 5);
    AnalyticCase c = AnalyticModels.linear();
    GeodesicPath p = new GeodesicPath(new GeodesicPath.Spec(1, null, 3, 3, 1.0, null, null, null, null));
    StepResult r = IG.compute(c, p, new IdgiStepRule(16), 4);
    assertThat(Math.abs(Attributions.sum(r.attribution()) - c.scoreChange()))
        .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(c.scoreChange()));
  }

  /**
   * Steiner points on a hand-built graph A(0, 0), B(4, 0), C(4, 1) with k = 1 (edges A–B, B–C),
   * n_steiner 4: d_max = 4, so A–B (d = 4) gets ⌊4/1⌋ = 4 points at 0.8, 1.6, 2.4, 3.2 and B–C
   * (d = 1) one at its middle; each links to its nearest original node (the middle of B–C is
   * equally near B and C: the lower index, B).
   */
  @Test
  void steinerPointsOnAHandBuiltGraph() {
    List<float[]> nodes = List.of(new float[] {0, 0}, new float[] {4, 0}, new float[] {4, 1});
    KnnGraph g = KnnGraph.build(NodeCloud.flatten(nodes), 3, 2, 1);
    assertThat(g.edges()).containsExactly(new int[] {0, 1}, new int[] {1, 2});
    SteinerPoints s = SteinerPoints.refine(nodes, g, 4, 1);
    assertThat(s.nodes()).hasSize(8);
    float[][] expected = {{0.8f, 0}, {1.6f, 0}, {2.4f, 0}, {3.2f, 0}, {4, 0.5f}};
    for (int q = 0; q < expected.length; q++) {
      assertThat(s.nodes().get(3 + q)).as("Steiner point %d", q).containsExactly(expected[q]);
    }
    assertThat(s.edges()).containsExactly(
        new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 3}, new int[] {0, 4}, new int[] {1, 5},
        new int[] {1, 6}, new int[] {1, 7});
    SteinerPoints two = SteinerPoints.refine(nodes, g, 4, 2);
    assertThat(two.edges().subList(2, 4)).containsExactly(new int[] {0, 3}, new int[] {1, 3});
    assertThat(two.edges().get(two.edges().size() - 1)).containsExactly(2, 7);
  }

  /**
   * The refined graph keeps every original edge and weight, so the gradient-weighted length of the
   * route (the same Gauss–Legendre edge weights, recomputed here along the route) never grows with
   * Steiner points; the route still runs x' → x, and IDGI still telescopes.
   */
  @Test
  void steinerRoutesAreNoLongerUnderTheMetric() {
    BumpModel m = new BumpModel();
    GeodesicPath plain = toyPath("gradient", null);
    GeodesicPath refined =
        new GeodesicPath(new GeodesicPath.Spec(5, "gradient", 10, 20, 0.5, null, null, null, null, null, 3));
    PathRequest r = toyRequest(m, new IdgiStepRule(8));
    List<float[]> a = plain.vertices(r);
    List<float[]> b = refined.vertices(r);
    assertThat(b.get(0)).containsExactly(X_BASELINE);
    assertThat(b.get(b.size() - 1)).containsExactly(X);
    double costA = routeWeight(a, m);
    double costB = routeWeight(b, m);
    assertThat(costB).as("weighted length with Steiner points vs without (%s)", costA).isLessThanOrEqualTo(costA + 1e-9);
    StepResult ig = IG.compute(m, refined, new IdgiStepRule(16), X, X_BASELINE, 0, 16);
    double change = m.value(X) - m.value(X_BASELINE);
    assertThat(Math.abs(Attributions.sum(ig.attribution()) - change))
        .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(change));
  }

  private static double routeWeight(List<float[]> route, BumpModel m) {
    List<int[]> edges = new java.util.ArrayList<>();
    for (int e = 0; e + 1 < route.size(); e++) {
      edges.add(new int[] {e, e + 1});
    }
    double total = 0;
    for (double w : EdgeWeights.gradient(edges, route, m, 0, 64)) {
      total += w;
    }
    return total;
  }

  /**
   * Curvature = the route's Euclidean length − ‖x − x'‖: 0 for a cloud on the straight line, and
   * the detour, summed here from the vertices, around the bump.
   */
  @Test
  void curvatureIsTheDetourLength() {
    BumpModel m = new BumpModel();
    GeodesicPath line = new GeodesicPath(new GeodesicPath.Spec(2, "euclidean", 6, 0, 0.0, null, null, null, null));
    assertThat(line.route(toyRequest(m, new IdgiStepRule(8))).curvature()).isCloseTo(0.0, offset(1e-6));
    GeodesicPath.Route r = toyPath("gradient", null).route(toyRequest(m, new IdgiStepRule(8)));
    double length = 0;
    for (int e = 0; e + 1 < r.vertices().size(); e++) {
      float[] p = r.vertices().get(e);
      float[] q = r.vertices().get(e + 1);
      length += Math.hypot((double) q[0] - p[0], (double) q[1] - p[1]);
    }
    assertThat(r.curvature()).isCloseTo(length - 2.0, offset(1e-9));
    assertThat(r.curvature()).as("a detour around the bump").isGreaterThan(0.1);
  }

  /**
   * The authors' preset integrates edge by edge and counts the node among its k neighbours: it
   * routes like igkit's preset with k − 1 and {@code per-edge}.
   */
  @Test
  void authorsPresetCountsTheNodeAmongItsNeighbours() {
    BumpModel m = new BumpModel();
    GeodesicPath.Spec authors = new GeodesicPath.Spec(6, null, 10, 20, 0.5, null, null, null, null, "authors", null);
    assertThat(authors.integration()).isEqualTo("per-edge");
    GeodesicPath same = new GeodesicPath(new GeodesicPath.Spec(5, null, 10, 20, 0.5, null, null, "per-edge", null));
    GeodesicPath other = new GeodesicPath(new GeodesicPath.Spec(6, null, 10, 20, 0.5, null, null, "per-edge", null));
    StepRule rule = new GaussLegendreStepRule(5);
    double[] a = IG.compute(m, new GeodesicPath(authors), rule, X, X_BASELINE, 0, 8).attribution();
    assertThat(a).containsExactly(IG.compute(m, same, rule, X, X_BASELINE, 0, 8).attribution());
    List<float[]> va = new GeodesicPath(authors).vertices(toyRequest(m, rule));
    List<float[]> vo = other.vertices(toyRequest(m, rule));
    assertThat(va.size() != vo.size() || !java.util.stream.IntStream.range(0, va.size())
        .allMatch(i -> java.util.Arrays.equals(va.get(i), vo.get(i))))
        .as("the authors' k = 6 routes differently from igkit's k = 6").isTrue();
  }

  @Test
  void gaussLegendreEdgeRuleIntegratesQuintics() {
    double s = 0;
    double w = 0;
    for (int q = 0; q < 5; q++) {
      s += EdgeWeights.WEIGHTS[q] * Math.pow(EdgeWeights.NODES[q], 9);
      w += EdgeWeights.WEIGHTS[q];
    }
    assertThat(w).isCloseTo(1.0, org.assertj.core.api.Assertions.offset(1e-15));
    assertThat(s).isCloseTo(0.1, org.assertj.core.api.Assertions.offset(1e-14)); // ∫₀¹ t⁹ = 1/10, degree 9 = 2·5 − 1
  }

  @Test
  void specDefaultsAndCapabilities() {
    GeodesicPath.Spec s = new GeodesicPath.Spec(null, null, null, null, null, null, null, null, null);
    assertThat(s.k()).isEqualTo(5);
    assertThat(s.weights()).isEqualTo("gradient");
    assertThat(s.interpolation()).isEqualTo(8);
    assertThat(s.perturbations()).isEqualTo(4);
    assertThat(s.noise()).isEqualTo(0.1);
    assertThat(s.integration()).isEqualTo("arc-length");
    assertThat(s.batchSize()).isEqualTo(64);
    assertThat(s.preset()).isEqualTo("igkit");
    assertThat(s.steiner()).isNull();
    assertThatThrownBy(() -> new GeodesicPath.Spec(null, null, null, null, null, null, null, null, null, null, 0))
        .hasMessageContaining("steiner: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new GeodesicPath.Spec(null, null, null, null, null, null, null, null, null, "author", null))
        .hasMessageContaining("preset");
    assertThatThrownBy(() -> new GeodesicPath.Spec(0, null, null, null, null, null, null, null, null))
        .hasMessageContaining("k: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new GeodesicPath.Spec(null, null, null, null, null, 1.0, 0.0, null, null))
        .hasMessageContaining("valueMin: must be below valueMax");
    assertThatThrownBy(() -> new GeodesicPath.Spec(null, "gradients", null, null, null, null, null, null, null))
        .hasMessageContaining("did you mean 'gradient'?");
    assertThat(GeodesicPath.TYPE.id()).isEqualTo("geodesic-knn");
    assertThat(GeodesicPath.TYPE.capabilities())
        .containsExactlyInAnyOrder(Capability.NEEDS_BASELINE, Capability.STOCHASTIC);
  }
}
