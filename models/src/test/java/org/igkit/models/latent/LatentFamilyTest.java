package org.igkit.models.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepResult;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.PathDifferencesStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModel;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * EIG, MIG and MA-GIG on the {@code latent} path, each checked against its definition computed here
 * in double precision on a VAE in closed form ({@link QuadraticCodec}: E(x) = Px + q,
 * D(z) = c + Wz + β z², so D and J_D are known exactly): the points of each path, the authors' left
 * sum over them, MIG's Gauss–Seidel sweep and energy, MA-GIG's guided loop with and without slerp,
 * and IDGI's completeness with the authors' anchored ends.
 */
class LatentFamilyTest {

  private static final Function<Shape, QuadraticCodec> CODECS = QuadraticCodec.perShape(5, 0.3, 7);

  private static LatentPath.Spec spec(String preset, String mode, Boolean slerp, String ends, Double rate,
      Integer iterations, Double energyTolerance) {
    return new LatentPath.Spec("not-read.params", null, mode, null, null, null, null, null, null, preset, slerp,
        ends, null, rate, iterations, energyTolerance);
  }

  private static LatentPath path(LatentPath.Spec spec) {
    return new LatentPath(spec, CODECS);
  }

  // ---- EIG ----------------------------------------------------------------------------------

  /** EIG (m = n + 1 points): p₀ = x' (anchored), p_j = D(z' + (j/n)(z − z')) for 0 < j < n. */
  @Test
  void eigPointsAreDecodesOfTheLatentLineAndTheLeftSumIsTheAuthors() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    QuadraticCodec codec = CODECS.apply(c.model().inputShape());
    int n = 8;
    for (boolean slerp : new boolean[] {false, true}) {
      LatentPath path = path(spec("eig", null, slerp, null, null, null, null));
      double[] z0 = codec.encodeExact(c.baseline());
      double[] z1 = codec.encodeExact(c.input());
      List<double[]> expected = new ArrayList<>();
      expected.add(toDouble(c.baseline()));
      for (int j = 1; j < n; j++) {
        double t = (double) j / n;
        expected.add(codec.decodeExact(slerp ? slerpByPlane(t, z0, z1) : lerp(t, z0, z1)));
      }
      List<PathPoint> points = drive(path, c, leftNodes(n));
      assertPositions(points, expected, 1e-5, "eig slerp " + slerp);
      expected.add(toDouble(c.input()));
      assertLeftSum(c, path, expected, n, "eig slerp " + slerp);
    }
  }

  // ---- MIG ----------------------------------------------------------------------------------

  /** One iteration of MIG's loop: the energy Σ‖η_i‖², then the Gauss–Seidel sweep z_i −= α η_i. */
  @Test
  void oneGaussSeidelSweepEqualsTheHandComputedUpdate() {
    QuadraticCodec codec = new QuadraticCodec(Shape.of(1, 2, 2), 3, 0.4, 3);
    double[] a = {0.3, -0.8, 0.5};
    double[] b = {-0.4, 0.9, 1.2};
    int t = 6;
    double rate = 0.02;
    double[][] z = lerpPoints(a, b, t);
    double energy = energy(codec, z);
    gaussSeidel(codec, z, rate);

    GeodesicLatents g = GeodesicLatents.optimise(codec, a, b, t, rate, 1, 0);
    assertThat(g.iterationsRun()).isEqualTo(1);
    assertThat(g.lastEnergy()).isCloseTo(energy, within(1e-5 * energy));
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < a.length; k++) {
        assertThat(g.latents()[i][k]).as("z_%d[%d]", i, k).isCloseTo(z[i][k], within(1e-5));
      }
    }
    assertThat(Math.abs(z[2][0] - lerp(2.0 / 5, a, b)[0])).as("the sweep moves the points").isGreaterThan(1e-3);

    // ε above the first energy: the loop stops before any update (the reference's bug 7: MIG = EIG).
    GeodesicLatents stopped = GeodesicLatents.optimise(codec, a, b, t, rate, 2, energy * 1.01);
    assertThat(stopped.iterationsRun()).isZero();
    assertThat(stopped.latents()).isDeepEqualTo(lerpPoints(a, b, t));
  }

  /** The MIG path emits p₀ = x' and p_j = D(z_j) of the optimised latents (two sweeps). */
  @Test
  void migPointsAreDecodesOfTheOptimisedLatents() {
    AnalyticCase c = AnalyticModels.product();
    QuadraticCodec codec = CODECS.apply(c.model().inputShape());
    int n = 6;
    LatentPath path = path(spec("mig", null, null, null, 0.01, 2, 0.0));
    double[][] z = lerpPoints(codec.encodeExact(c.baseline()), codec.encodeExact(c.input()), n + 1);
    gaussSeidel(codec, z, 0.01);
    gaussSeidel(codec, z, 0.01);
    List<double[]> expected = new ArrayList<>();
    expected.add(toDouble(c.baseline()));
    for (int j = 1; j < n; j++) {
      expected.add(codec.decodeExact(z[j]));
    }
    assertPositions(drive(path, c, leftNodes(n)), expected, 1e-5, "mig");
    expected.add(toDouble(c.input()));
    assertLeftSum(c, path, expected, n, "mig");
  }

  // ---- MA-GIG -------------------------------------------------------------------------------

  /** MA-GIG's published loop (preset ma-gig: fraction 0.05, slerp; and with slerp off). */
  @Test
  void maGigLoopEqualsAnIndependentDoubleImplementation() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    QuadraticCodec codec = CODECS.apply(c.model().inputShape());
    int m = 10;
    for (double fraction : new double[] {0.05, 0.5}) {
      for (boolean slerp : new boolean[] {true, false}) {
        LatentPath.Spec s = new LatentPath.Spec("not-read.params", null, null, null, null, fraction, null, null, null,
            "ma-gig", slerp, null, null, null, null, null);
        List<double[]> expected = referenceMaGig(c, codec, m, fraction, slerp);
        String what = "ma-gig fraction " + fraction + " slerp " + slerp;
        assertPositions(drive(path(s), c, leftNodes(m - 1)), expected.subList(0, m - 1), 2e-5, what);
        assertLeftSum(c, path(s), expected, m - 1, what);
      }
    }
  }

  /**
   * The authors' loop, written from its description: z ← z'; for s = 0 … m − 2 record z, take
   * g = ∇_z f(D(z)) = J_D(z)ᵀ ∇f(D(z)) and move z towards z_in until ‖z − z_in‖₁ = L(1 − (s+1)/m).
   * Points: x', D(z_1), …, D(z_{m−2}), x.
   */
  private static List<double[]> referenceMaGig(AnalyticCase c, QuadraticCodec codec, int m, double fraction,
      boolean slerp) {
    AnalyticModel f = c.model();
    double[] z = codec.encodeExact(c.baseline());
    double[] zin = codec.encodeExact(c.input());
    int n = z.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.abs(zin[i] - z[i]);
    }
    List<double[]> points = new ArrayList<>();
    points.add(toDouble(c.baseline()));
    for (int s = 0; s <= m - 2; s++) {
      if (s > 0) {
        points.add(codec.decodeExact(z));
      }
      double[] g = codec.jacobianTransposed(z, f.gradient(codec.decodeExact(z), c.target()));
      double target = total * (1 - (s + 1.0) / m);
      while (true) {
        double current = 0;
        for (int i = 0; i < n; i++) {
          current += Math.abs(z[i] - zin[i]);
        }
        if (Math.abs(current - target) <= Math.max(1e-9 * Math.max(current, target), 1e-9)) {
          break;
        }
        double[] gg = new double[n];
        for (int i = 0; i < n; i++) {
          gg[i] = Math.abs(z[i] - zin[i]) < 1e-9 ? Double.POSITIVE_INFINITY : Math.abs(g[i]);
        }
        double[] sorted = gg.clone();
        Arrays.sort(sorted);
        double tau = sorted[(int) Math.floor(fraction * (n - 1))];
        List<Integer> sel = new ArrayList<>();
        double l1 = 0;
        for (int i = 0; i < n; i++) {
          if (gg[i] <= tau && Double.isFinite(gg[i])) {
            sel.add(i);
            l1 += Math.abs(z[i] - zin[i]);
          }
        }
        double gamma = (current - target) / l1;
        if (gamma > 1) {
          for (int i : sel) {
            z[i] = zin[i];
          }
          continue;
        }
        double[] from = new double[sel.size()];
        double[] to = new double[sel.size()];
        for (int k = 0; k < sel.size(); k++) {
          from[k] = z[sel.get(k)];
          to[k] = zin[sel.get(k)];
        }
        double[] moved = slerp ? slerpByPlane(gamma, from, to) : lerp(gamma, from, to);
        for (int k = 0; k < sel.size(); k++) {
          z[sel.get(k)] = moved[k];
        }
        break;
      }
    }
    points.add(toDouble(c.input()));
    return points;
  }

  // ---- completeness and ends ----------------------------------------------------------------

  /** IDGI telescopes on every preset with the authors' anchored ends: Σ A = f(x) − f(x'). */
  @Test
  void idgiIsExactlyCompleteOnEveryPresetWithAnchoredEnds() {
    for (String preset : List.of("eig", "mig", "ma-gig")) {
      for (AnalyticCase c : AnalyticModels.smooth()) {
        LatentPath p = path(spec(preset, null, null, null, 0.01, 2, 0.0));
        StepResult r = IG.compute(c, p, new IdgiStepRule(12), 5);
        assertThat(r.skippedSteps()).isZero();
        double expected = c.scoreChange();
        assertThat(Attributions.sum(r.attribution()))
            .as("%s on %s", preset, c)
            .isCloseTo(expected, within(Tolerances.EXACT_COMPLETENESS * Math.abs(expected)));
      }
    }
  }

  /**
   * Both end options start at x' and end at x exactly; anchored ends jump (the second point is a
   * pure decode), exact ends fade (the second point is a mix of x' and the decode).
   */
  @Test
  void endsPerOption() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    QuadraticCodec codec = CODECS.apply(c.model().inputShape());
    int n = 10;
    double[] z0 = codec.encodeExact(c.baseline());
    double[] z1 = codec.encodeExact(c.input());
    double[] decodedSecond = codec.decodeExact(lerp(1.0 / n, z0, z1));
    for (String ends : List.of("exact", "anchored")) {
      for (String mode : List.of("straight", "geodesic", "guided")) {
        List<PathPoint> pts = drive(path(spec(null, mode, null, ends, null, null, null)), c, bothEnds(n));
        assertThat(pts.get(0).position()).as("%s %s start", mode, ends).containsExactly(c.baseline());
        assertThat(pts.get(n).position()).as("%s %s end", mode, ends).containsExactly(c.input());
        if (!mode.equals("guided")) {
          double gap = maxAbs(toDouble(pts.get(1).position()), decodedSecond);
          if (ends.equals("anchored")) {
            assertThat(gap).as("%s anchored: p₁ = D(z₁)", mode).isLessThan(1e-5);
          } else {
            assertThat(gap).as("%s exact: p₁ blends x' in", mode).isGreaterThan(1e-3);
          }
        }
      }
    }
  }

  // ---- slerp --------------------------------------------------------------------------------

  /** Slerp against the rotation in the plane of v₀, v₁, and its fallbacks to lerp. */
  @Test
  void slerpMatchesTheRotationInThePlaneAndFallsBackToLerp() {
    double[] v0 = {1.0, 2.0, -0.5, 0.3};
    double[] v1 = {-0.7, 0.4, 2.2, 1.0};
    for (double t : new double[] {0, 0.1, 0.37, 0.5, 0.9, 1}) {
      assertThat(Slerp.between(t, v0, v1)).as("t = %s", t).containsExactly(slerpByPlane(t, v0, v1), within(1e-12));
    }
    // equal norms: r·(cos tθ e₁ + sin tθ e₂) keeps the norm
    double[] u0 = {3, 0, 0};
    double[] u1 = {0, 0, 3};
    assertThat(Slerp.between(0.5, u0, u1))
        .containsExactly(new double[] {3 * Math.cos(Math.PI / 4), 0, 3 * Math.sin(Math.PI / 4)}, within(1e-12));
    // nearly parallel (|cos| > 0.9995), opposite, and zero vectors: straight interpolation
    double[] p0 = {1, 0};
    double[] p1 = {2, 0.01};
    assertThat(Slerp.between(0.3, p0, p1)).containsExactly(lerp(0.3, p0, p1), within(1e-15));
    assertThat(Slerp.between(0.3, new double[] {1, 0}, new double[] {-2, 0}))
        .containsExactly(new double[] {0.1, 0}, within(1e-15));
    assertThat(Slerp.between(0.25, new double[] {0, 0}, new double[] {4, 4}))
        .containsExactly(new double[] {1, 1}, within(1e-15));
    // the selected entries move as one vector, the rest stay
    double[] x = {1, 5, 0, 7};
    double[] y = {0, 9, 1, 9};
    double[] out = x.clone();
    Slerp.move(0.5, x, y, new int[] {0, 2}, 2, out);
    assertThat(out).containsExactly(new double[] {Math.cos(Math.PI / 4), 5, Math.sin(Math.PI / 4), 7}, within(1e-12));
  }

  // ---- spec ---------------------------------------------------------------------------------

  @Test
  void presetsAndValidationNameTheKey() {
    LatentPath.Spec ma = spec("ma-gig", null, null, null, null, null, null);
    assertThat(List.of(ma.mode(), ma.ends(), ma.loop())).containsExactly("guided", "anchored", "reference");
    assertThat(ma.fraction()).isEqualTo(0.05);
    assertThat(ma.slerp()).isTrue();
    assertThat(ma.endBlend()).isZero();
    LatentPath.Spec eig = spec("eig", null, null, null, null, null, null);
    assertThat(List.of(eig.mode(), eig.ends())).containsExactly("straight", "anchored");
    assertThat(eig.slerp()).isFalse();
    LatentPath.Spec mig = spec("mig", null, null, null, null, null, null);
    assertThat(mig.mode()).isEqualTo("geodesic");
    assertThat(List.of(mig.rate(), mig.energyTolerance())).containsExactly(5e-5, 1000.0);
    assertThat(mig.iterations()).isEqualTo(2);

    assertThatThrownBy(() -> spec("mag-gig", null, null, null, null, null, null))
        .hasMessageStartingWith("preset: must be one of").hasMessageContaining("ma-gig");
    assertThatThrownBy(() -> new LatentPath.Spec("m.params", null, null, null, null, null, null, "e.pt", "d.pt",
        null, null, null, null, null, null, null)).hasMessageStartingWith("model: give either");
    assertThatThrownBy(() -> new LatentPath.Spec(null, null, null, null, null, null, null, "e.pt", null,
        null, null, null, null, null, null, null)).hasMessageStartingWith("decoder: is required");
    assertThatThrownBy(() -> new LatentPath.Spec("m", null, null, 0.2, null, null, null, null, null,
        null, null, "anchored", null, null, null, null)).hasMessageStartingWith("endBlend: is 0.2 but ends: anchored");
    assertThatThrownBy(() -> spec(null, "geodesic", true, null, null, null, null)).hasMessageStartingWith("slerp:");
    assertThatThrownBy(() -> spec(null, "guided", true, null, null, null, null))
        .hasMessageStartingWith("slerp: in mode guided needs loop: reference");
    assertThatThrownBy(() -> new LatentPath.Spec("m", null, null, null, null, null, 0.5, null, null,
        "ma-gig", null, null, null, null, null, null)).hasMessageStartingWith("maxDist: is 0.5 but loop: reference");
    assertThatThrownBy(() -> spec("mig", null, null, null, 0.0, null, null)).hasMessageStartingWith("rate:");
    assertThatThrownBy(() -> spec("mig", null, null, null, null, -1, null)).hasMessageStartingWith("iterations:");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Σ_j ∇f(p_j)·(p_{j+1} − p_j) in double over the expected points equals path-differences on the path. */
  private static void assertLeftSum(AnalyticCase c, LatentPath path, List<double[]> points, int n, String what) {
    double[] expected = new double[points.get(0).length];
    for (int j = 0; j < n; j++) {
      double[] g = c.model().gradient(points.get(j), c.target());
      for (int i = 0; i < expected.length; i++) {
        expected[i] += g[i] * (points.get(j + 1)[i] - points.get(j)[i]);
      }
    }
    for (int batch : new int[] {1, 4}) {
      double[] actual = IG.compute(c, path, new PathDifferencesStepRule(n), batch).attribution();
      double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
      assertThat(maxAbs(actual, expected)).as("%s, batch %d: left sum", what, batch).isLessThan(1e-4 * scale + 1e-7);
    }
  }

  private static void assertPositions(List<PathPoint> points, List<double[]> expected, double tol, String what) {
    assertThat(points).as(what).hasSizeGreaterThanOrEqualTo(expected.size());
    for (int j = 0; j < expected.size(); j++) {
      assertThat(maxAbs(toDouble(points.get(j).position()), expected.get(j))).as("%s: point %d", what, j)
          .isLessThan(tol);
    }
  }

  /** Drives a trace through the model (adaptive or not) and returns the observed points. */
  private static List<PathPoint> drive(LatentPath path, AnalyticCase c, Schedule schedule) {
    PathTrace t = path.trace(new PathRequest(c.input(), c.baseline(), c.model().inputShape(), schedule, c.model(),
        c.target(), RandomSource.of(1)));
    List<PathPoint> out = new ArrayList<>();
    while (t.hasNext()) {
      PathPoint p = t.next();
      var sg = c.model().scoresAndGradients(List.of(p.position()), new int[] {c.target()});
      out.add(t.observe(p, sg.scores()[0], sg.gradients().get(0)));
    }
    return out;
  }

  /** The nodes of path-differences with n steps: j/n, j < n. */
  private static Schedule leftNodes(int n) {
    double[] a = new double[n];
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = (double) j / n;
      w[j] = 1.0 / n;
    }
    return new Schedule(a, w);
  }

  private static Schedule bothEnds(int n) {
    double[] a = new double[n + 1];
    for (int j = 0; j <= n; j++) {
      a[j] = (double) j / n;
    }
    return new Schedule(a, new double[n + 1]);
  }

  /** Σ_i ‖J_D(z_i)ᵀ (D(z_{i+1}) − 2D(z_i) + D(z_{i−1}))/dt‖². */
  private static double energy(QuadraticCodec codec, double[][] z) {
    double e = 0;
    for (int i = 1; i < z.length - 1; i++) {
      for (double v : eta(codec, z, i)) {
        e += v * v;
      }
    }
    return e;
  }

  /** η_i = −J_D(z_i)ᵀ (D(z_{i+1}) − 2D(z_i) + D(z_{i−1}))/dt, decoding the current neighbours. */
  private static double[] eta(QuadraticCodec codec, double[][] z, int i) {
    double dt = 1.0 / (z.length - 1);
    double[] before = codec.decodeExact(z[i - 1]);
    double[] at = codec.decodeExact(z[i]);
    double[] after = codec.decodeExact(z[i + 1]);
    double[] a = new double[at.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = (after[k] - 2 * at[k] + before[k]) / dt;
    }
    double[] v = codec.jacobianTransposed(z[i], a);
    for (int k = 0; k < v.length; k++) {
      v[k] = -v[k];
    }
    return v;
  }

  private static void gaussSeidel(QuadraticCodec codec, double[][] z, double rate) {
    for (int i = 1; i < z.length - 1; i++) {
      double[] eta = eta(codec, z, i);
      for (int k = 0; k < eta.length; k++) {
        z[i][k] -= rate * eta[k];
      }
    }
  }

  private static double[][] lerpPoints(double[] a, double[] b, int t) {
    double[][] z = new double[t][];
    for (int i = 0; i < t; i++) {
      z[i] = lerp((double) i / (t - 1), a, b);
    }
    return z;
  }

  private static double[] lerp(double t, double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + t * (b[i] - a[i]);
    }
    return out;
  }

  /**
   * Slerp computed in the plane of v₀ and v₁: with e₁ = v₀/|v₀|, e₂ the unit part of v₁ orthogonal
   * to e₁ and θ = atan2(v₁·e₂, v₁·e₁), v₀ = (|v₀|, 0) and v₁ = |v₁|(cos θ, sin θ), so
   * slerp = [|v₀| sin((1−t)θ) + |v₁| sin(tθ) cos θ]/sin θ · e₁ + |v₁| sin(tθ) · e₂; lerp when a norm
   * is below 1e-9 or |cos θ| &gt; 0.9995.
   */
  static double[] slerpByPlane(double t, double[] v0, double[] v1) {
    double r0 = norm(v0);
    double r1 = norm(v1);
    if (r0 < 1e-9 || r1 < 1e-9) {
      return lerp(t, v0, v1);
    }
    double[] e1 = new double[v0.length];
    for (int i = 0; i < v0.length; i++) {
      e1[i] = v0[i] / r0;
    }
    double along = 0;
    for (int i = 0; i < v0.length; i++) {
      along += v1[i] * e1[i];
    }
    double[] u = new double[v0.length];
    for (int i = 0; i < v0.length; i++) {
      u[i] = v1[i] - along * e1[i];
    }
    double across = norm(u);
    if (Math.abs(along / r1) > 0.9995) {
      return lerp(t, v0, v1);
    }
    double theta = Math.atan2(across, along);
    double c1 = (r0 * Math.sin((1 - t) * theta) + r1 * Math.sin(t * theta) * Math.cos(theta)) / Math.sin(theta);
    double c2 = r1 * Math.sin(t * theta);
    double[] out = new double[v0.length];
    for (int i = 0; i < v0.length; i++) {
      out[i] = c1 * e1[i] + c2 * u[i] / across;
    }
    return out;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static double maxAbs(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double[] toDouble(float[] v) {
    return QuadraticCodec.toDouble(v);
  }
}
