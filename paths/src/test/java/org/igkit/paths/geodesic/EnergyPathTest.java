package org.igkit.paths.geodesic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathRequest;
import org.igkit.api.plugin.Capability;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.paths.TracedPoints;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.FormulaModel;
import org.igkit.testkit.IG;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReluNetwork;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * Geodesic IG by energy minimisation: the path contract, toy A of the reference notes (a slope
 * with a bump beside the diagonal) where the optimised path makes f monotone, the energy checked
 * against an independent double-precision evaluation, exact ends, batch-size and seed behaviour.
 *
 * <p>Completeness tolerance: by arc length the integrand jumps at the polyline's vertices, so the
 * contract's 256-step midpoint rule is first order there: {@link Tolerances#COMPLETENESS_KINKED}.
 */
class EnergyPathTest implements PathContract {

  @Override
  public Path path() {
    return new EnergyPath(spec(16, 60, 0.1, null, null));
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return Tolerances.COMPLETENESS_KINKED;
  }

  static EnergyPath.Spec spec(int segments, int iterations, double lambda, Double noise, Integer batchSize) {
    return new EnergyPath.Spec(segments, iterations, null, lambda, null, noise, null, null, null, batchSize);
  }

  /**
   * Toy A: f(x) = x₁ + x₂ + 3·exp(−50‖x − (0.6, 0.4)‖²) from x' = (0, 0) to x = (1, 1), Δf = 2 (up
   * to 3e^−26 at the ends). The straight line crosses the bump's flank, so f rises by 0.71 too
   * much and falls back: ρ_path = 0.584.
   */
  static final class ToyA extends FormulaModel {
    ToyA() {
      super(Shape.of(1, 1, 2));
    }

    @Override
    public double value(double[] p) {
      double dx = p[0] - 0.6;
      double dy = p[1] - 0.4;
      return p[0] + p[1] + 3 * Math.exp(-50 * (dx * dx + dy * dy));
    }

    @Override
    public double[] gradient(double[] p) {
      double dx = p[0] - 0.6;
      double dy = p[1] - 0.4;
      double e = 3 * Math.exp(-50 * (dx * dx + dy * dy));
      return new double[] {1 - 100 * dx * e, 1 - 100 * dy * e};
    }

    /** |Δf| / Σ_j |f(p_{j+1}) − f(p_j)| over the vertices, from the closed form. */
    double rhoPath(List<float[]> vertices) {
      double tv = 0;
      for (int j = 0; j + 1 < vertices.size(); j++) {
        tv += Math.abs(value(vertices.get(j + 1)) - value(vertices.get(j)));
      }
      return Math.abs(value(vertices.get(vertices.size() - 1)) - value(vertices.get(0))) / tv;
    }

    /** The energy of the reference notes, from the closed form, in double precision. */
    double energy(List<float[]> vertices, double lambda) {
      float[] a = vertices.get(0);
      float[] b = vertices.get(vertices.size() - 1);
      double change = value(b) - value(a);
      double d2 = sq((double) b[0] - a[0]) + sq((double) b[1] - a[1]);
      double e = 0;
      for (int j = 0; j + 1 < vertices.size(); j++) {
        float[] p = vertices.get(j);
        float[] q = vertices.get(j + 1);
        e += sq(value(q) - value(p)) / (change * change)
            + lambda * (sq((double) q[0] - p[0]) + sq((double) q[1] - p[1])) / d2;
      }
      return e;
    }

    private static double sq(double v) {
      return v * v;
    }
  }

  static final float[] X = {1, 1};
  static final float[] X_BASELINE = {0, 0};

  static PathRequest request(ModelFunction m, float[] x, float[] b, long seed) {
    return new PathRequest(x, b, m.inputShape(), new IdgiStepRule(8).schedule(), m, 0,
        RandomSource.of(seed).derive("path", 0));
  }

  /**
   * The optimised path of toy A is a G-geodesic to within 1 %: ρ_path ≥ 0.99 from the closed form
   * at its vertices (the straight line: 0.584). Its attribution is complete and free of
   * feature-level cancellation (both features positive, so Σ|A| = |ΣA|); it is not the L-path's
   * (1, 1): every path with f monotone is a geodesic, and this one passes the bump on its
   * lower-right side, where ∂₁ of the bump is positive.
   */
  @Test
  void toyAReachesAGeodesic() {
    ToyA m = new ToyA();
    List<float[]> straight = List.of(X_BASELINE, new float[] {0.5f, 0.5f}, X);
    double straightRho = m.rhoPath(
        new EnergyPath(spec(200, 1, 0.1, null, null)).optimise(request(m, X, X_BASELINE, 1)).vertices());
    assertThat(straightRho).as("ρ_path of the unoptimised straight line (200 segments)")
        .isCloseTo(0.584, offset(5e-3));
    assertThat(m.rhoPath(straight)).isLessThan(1.0);

    EnergyPath p = new EnergyPath(spec(50, 400, 0.1, null, null));
    EnergyPath.Optimised o = p.optimise(request(m, X, X_BASELINE, 1));
    assertThat(m.rhoPath(o.vertices())).as("ρ_path after optimisation").isGreaterThanOrEqualTo(0.99);
    double[] e = o.energies();
    assertThat(e[e.length - 1]).as("recorded final energy vs the closed form at the vertices")
        .isCloseTo(m.energy(o.vertices(), 0.1), offset(1e-6 * e[e.length - 1]));
    assertThat(e[0]).as("recorded initial energy: the straight line's")
        .isCloseTo(m.energy(straightLine(50), 0.1), offset(1e-6 * e[0]));

    StepResult r = IG.compute(m, new EnergyPath(new EnergyPath.Spec(50, 400, null, 0.1, null, null, null, null,
        "per-edge", null)), new RiemannStepRule(2, RiemannStepRule.Variant.TRAPEZOID), X, X_BASELINE, 0, 64);
    double[] a = r.attribution();
    double change = m.value(X) - m.value(X_BASELINE);
    assertThat(Attributions.sum(a)).as("ΣA (line integral along the vertices)").isCloseTo(change, offset(1e-2));
    assertThat(a[0]).as("A₁").isPositive();
    assertThat(a[1]).as("A₂").isPositive();
  }

  private static List<float[]> straightLine(int segments) {
    List<float[]> v = new java.util.ArrayList<>();
    for (int j = 0; j <= segments; j++) {
      float t = (float) ((double) j / segments);
      v.add(new float[] {t, t});
    }
    return v;
  }

  /** Accepted energies decrease strictly, and the last one is far below the straight line's. */
  @Test
  void energyDecreasesMonotonically() {
    ToyA m = new ToyA();
    double[] e = new EnergyPath(spec(50, 400, 0.1, null, null)).optimise(request(m, X, X_BASELINE, 1)).energies();
    assertThat(e.length).isGreaterThan(10);
    for (int k = 1; k < e.length; k++) {
      assertThat(e[k]).as("energy after accepted step %d", k).isLessThan(e[k - 1]);
    }
    assertThat(e[e.length - 1]).isLessThan(0.5 * e[0]);
  }

  /**
   * The batch size does not change the path bit for bit: every per-point quantity depends on the
   * point and its neighbours only, and the formula model answers each point on its own.
   */
  @Test
  void batchSizeChangesNothingBitForBit() {
    ToyA m = new ToyA();
    EnergyPath.Optimised one = new EnergyPath(spec(50, 100, 0.1, null, 1)).optimise(request(m, X, X_BASELINE, 1));
    for (int batch : new int[] {7, 49, 64}) {
      EnergyPath.Optimised other =
          new EnergyPath(spec(50, 100, 0.1, null, batch)).optimise(request(m, X, X_BASELINE, 1));
      assertThat(other.energies()).as("batch %d", batch).containsExactly(one.energies());
      for (int j = 0; j < one.vertices().size(); j++) {
        assertThat(other.vertices().get(j)).as("batch %d, vertex %d", batch, j).containsExactly(one.vertices().get(j));
      }
    }
    Shape image = Shape.of(3, 4, 4);
    ReluNetwork net = new ReluNetwork(image, 12, 7);
    float[] x = SeededArrays.uniform(RandomSource.of(3), image.size(), 0, 1);
    float[] b = new float[image.size()];
    EnergyPath.Optimised a = new EnergyPath(spec(12, 30, 0.1, 0.05, 1)).optimise(request(net, x, b, 5));
    EnergyPath.Optimised c = new EnergyPath(spec(12, 30, 0.1, 0.05, 5)).optimise(request(net, x, b, 5));
    assertThat(c.energies()).containsExactly(a.energies());
  }

  /** The ends are the request's x' and x exactly, as vertices and as traced points. */
  @Test
  void endpointsAreExact() {
    ToyA m = new ToyA();
    EnergyPath p = new EnergyPath(spec(20, 50, 0.1, 0.2, null));
    List<float[]> v = p.optimise(request(m, X, X_BASELINE, 1)).vertices();
    assertThat(v).hasSize(21);
    assertThat(v.get(0)).containsExactly(X_BASELINE);
    assertThat(v.get(20)).containsExactly(X);
    TracedPoints t = TracedPoints.trace(p, m, X, X_BASELINE, new IdgiStepRule(33).schedule(), 8);
    assertThat(t.position(0)).containsExactly(X_BASELINE);
    assertThat(t.position(t.size() - 1)).containsExactly(X);
    StepResult r = IG.compute(m, p, new IdgiStepRule(33), X, X_BASELINE, 0, 8);
    double change = m.value(X) - m.value(X_BASELINE);
    assertThat(Math.abs(Attributions.sum(r.attribution()) - change))
        .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(change));
  }

  /** Initial noise comes from the request's seed: equal seeds, equal paths; other seeds, others. */
  @Test
  void noiseIsSeeded() {
    ToyA m = new ToyA();
    EnergyPath p = new EnergyPath(spec(10, 5, 0.1, 0.3, null));
    List<float[]> a = p.optimise(request(m, X, X_BASELINE, 1)).vertices();
    List<float[]> b = p.optimise(request(m, X, X_BASELINE, 1)).vertices();
    List<float[]> c = p.optimise(request(m, X, X_BASELINE, 2)).vertices();
    for (int j = 0; j < a.size(); j++) {
      assertThat(b.get(j)).containsExactly(a.get(j));
    }
    assertThat(c.get(5)).isNotEqualTo(a.get(5));
    List<float[]> quiet = new EnergyPath(spec(10, 1, 0.1, 0.0, null)).optimise(request(m, X, X_BASELINE, 1)).vertices();
    assertThat(quiet.get(5)[0]).isEqualTo(0.5f);
    assertThat(quiet.get(5)[1]).isEqualTo(0.5f);
  }

  /** Points stay in the declared value range. */
  @Test
  void pointsStayInTheDeclaredRange() {
    ToyA m = new ToyA();
    EnergyPath p = new EnergyPath(new EnergyPath.Spec(20, 100, 0.2, 0.1, null, 1.0, 0.0, 1.0, null, null));
    for (float[] v : p.optimise(request(m, X, X_BASELINE, 1)).vertices()) {
      assertThat(v[0]).isBetween(0f, 1f);
      assertThat(v[1]).isBetween(0f, 1f);
    }
  }

  @Test
  void specDefaultsErrorsAndCapabilities() {
    EnergyPath.Spec s = new EnergyPath.Spec(null, null, null, null, null, null, null, null, null, null);
    assertThat(s.segments()).isEqualTo(50);
    assertThat(s.iterations()).isEqualTo(200);
    assertThat(s.learningRate()).isEqualTo(0.05);
    assertThat(s.lambda()).isEqualTo(0.1);
    assertThat(s.tolerance()).isEqualTo(1e-4);
    assertThat(s.noise()).isEqualTo(0.0);
    assertThat(s.integration()).isEqualTo("arc-length");
    assertThat(s.batchSize()).isEqualTo(64);
    assertThatThrownBy(() -> new EnergyPath.Spec(0, null, null, null, null, null, null, null, null, null))
        .hasMessageContaining("segments: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new EnergyPath.Spec(null, null, -0.1, null, null, null, null, null, null, null))
        .hasMessageContaining("learningRate: must be > 0");
    assertThatThrownBy(() -> new EnergyPath.Spec(null, null, null, -1.0, null, null, null, null, null, null))
        .hasMessageContaining("lambda: must be in [0.0");
    assertThatThrownBy(() -> new EnergyPath.Spec(null, null, null, null, null, null, 1.0, 0.0, null, null))
        .hasMessageContaining("valueMin: must be below valueMax");
    assertThatThrownBy(() -> new EnergyPath.Spec(null, null, null, null, null, null, null, null, "peredge", null))
        .hasMessageContaining("did you mean 'per-edge'?");
    assertThat(EnergyPath.TYPE.id()).isEqualTo("geodesic-energy");
    assertThat(EnergyPath.TYPE.capabilities())
        .containsExactlyInAnyOrder(Capability.NEEDS_BASELINE, Capability.STOCHASTIC);
  }
}
