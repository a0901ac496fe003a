package org.igkit.paths.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.stream.IntStream;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.TracedPoints;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReluNetwork;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.SoftmaxLinearModel;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spectral IG as the authors define it: the path contract (default settings and one nested
 * contract per other decomposition and gate), exact endpoints for every mode and gate, the gates'
 * closed forms (a component of strength s is zero until (1 − ω)(1 − s) and complete ω later, read
 * back from traced points by projecting onto orthogonal Haar components computed here), ω = 1 as
 * the straight line, the discrete form of the jump gates (the reference's left sum), completeness
 * with IDGI, and the spec's defaults, presets and refusals.
 *
 * <p>Completeness tolerance of the continuous gates: the tangent jumps where ramps begin and end,
 * so the contract's 256 midpoint nodes give a first-order gap: {@link Tolerances#COMPLETENESS_KINKED}.
 */
class SpectralPathTest implements PathContract {

  @Override
  public Path path() {
    return SpectralPath.TYPE.createDefault();
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return Tolerances.COMPLETENESS_KINKED;
  }

  static SpectralPath spectral(String mode, String channels, Double overlap, String schedule) {
    return new SpectralPath(new SpectralPath.Spec(null, mode, channels, overlap, schedule, null, null));
  }

  /** The contract for another decomposition and gate. */
  abstract static class Variant implements PathContract {
    @Override
    public double completenessTolerance(AnalyticCase c) {
      return Tolerances.COMPLETENESS_KINKED;
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class JointCosineTest extends Variant {
    @Override
    public Path path() {
      return spectral("svd", "joint", 0.4, "cosine");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class DctSigmoidTest extends Variant {
    @Override
    public Path path() {
      return spectral("dct", null, 0.4, "sigmoid");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WaveletTest extends Variant {
    @Override
    public Path path() {
      return spectral("wavelet", null, null, null);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class LaplacianTest extends Variant {
    @Override
    public Path path() {
      return spectral("laplacian", null, 0.3, "cosine");
    }
  }

  static final String[] MODES = {"svd", "svd-joint", "dct", "wavelet", "laplacian"};
  static final String[] GATES = {"linear", "cosine", "sigmoid", "step"};

  static SpectralPath byName(String mode, Double overlap, String gate) {
    return mode.equals("svd-joint") ? spectral("svd", "joint", overlap, gate) : spectral(mode, null, overlap, gate);
  }

  static float[] image(Shape shape, String name, double lo, double hi) {
    return SeededArrays.uniform(RandomSource.of(21).derive(name), shape.size(), lo, hi);
  }

  static TracedPoints trace(Path path, Shape shape, float[] x, float[] b, double[] alphas) {
    return TracedPoints.trace(path, new SoftmaxLinearModel(shape, 2, 3), x, b,
        new Schedule(alphas, new double[alphas.length]), 7);
  }

  static double[] grid(int n) {
    return IntStream.rangeClosed(0, n).mapToDouble(j -> (double) j / n).toArray();
  }

  /** γ(0) = x' and γ(1) = x exactly, for every mode, gate and overlap (0, 0.4, 1), on odd and even sizes. */
  @Test
  void endpointsAreExact() {
    for (Shape shape : List.of(Shape.of(3, 8, 8), Shape.of(3, 6, 10), Shape.of(3, 5, 7))) {
      float[] x = image(shape, "x", 0, 1);
      float[] b = image(shape, "b", 0, 0.5);
      for (String mode : MODES) {
        for (String gate : GATES) {
          for (double overlap : new double[] {0, 0.4, 1}) {
            TracedPoints t = trace(byName(mode, overlap, gate), shape, x, b, grid(16));
            String what = mode + "/" + gate + "/" + overlap + " on " + shape;
            assertThat(t.size()).as(what).isEqualTo(17);
            assertThat(t.position(0)).as(what + ": first").containsExactly(b);
            assertThat(t.position(16)).as(what + ": last").containsExactly(x);
          }
        }
      }
    }
  }

  /** The gate in closed form, written from the definition. */
  static double phi(String gate, double w, double k, double s, double a) {
    double start = (1 - w) * (1 - s);
    if (w <= 1e-8) {
      return a >= start ? 1 : 0;
    }
    double p = Math.min(1, Math.max(0, (a - start) / w));
    return switch (gate) {
      case "linear" -> p;
      case "cosine" -> (1 - Math.cos(Math.PI * p)) / 2;
      case "sigmoid" -> (sig(k * (p - 0.5)) - sig(-k / 2)) / (sig(k / 2) - sig(-k / 2));
      default -> p >= 0.5 ? 1 : 0;
    };
  }

  /** dφ/dα in closed form, off the ramp's ends. */
  static double dphi(String gate, double w, double k, double s, double a) {
    double start = (1 - w) * (1 - s);
    double p = (a - start) / w;
    if (p < 0 || p > 1) {
      return 0;
    }
    return switch (gate) {
      case "linear" -> 1 / w;
      case "cosine" -> Math.PI / 2 * Math.sin(Math.PI * p) / w;
      case "sigmoid" -> k * sig(k * (p - 0.5)) * (1 - sig(k * (p - 0.5))) / (sig(k / 2) - sig(-k / 2)) / w;
      default -> 0;
    };
  }

  static double sig(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Haar components of a 3×2×2 difference, computed here: the block mean and the three 2×2
   * difference patterns; strengths 1, 2/3, 1/3, 0. They are orthogonal, so the weight of
   * component k in γ(α) − x' is ⟨γ − x', C_k⟩ / ‖C_k‖².
   */
  static double[][] haarComponents(float[] x, float[] b) {
    int[][] patterns = {{1, 1, 1, 1}, {1, -1, 1, -1}, {1, 1, -1, -1}, {1, -1, -1, 1}};
    double[][] out = new double[4][12];
    for (int band = 0; band < 4; band++) {
      for (int c = 0; c < 3; c++) {
        double coef = 0;
        for (int q = 0; q < 4; q++) {
          coef += patterns[band][q] * ((double) x[c * 4 + q] - b[c * 4 + q]);
        }
        for (int q = 0; q < 4; q++) {
          out[band][c * 4 + q] = patterns[band][q] * coef / 4;
        }
      }
    }
    return out;
  }

  static double weightOf(float[] point, float[] origin, double[] comp) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < comp.length; i++) {
      num += ((double) point[i] - (origin == null ? 0 : origin[i])) * comp[i];
      den += comp[i] * comp[i];
    }
    return num / den;
  }

  /**
   * Each component's weight along the path is the gate's closed form: zero until
   * start = (1 − ω)(1 − s), φ(π) on the ramp, one from start + ω on; the tangent's weights are
   * dφ/dα. Wavelet mode on 3×2×2 (K = 4), ω ∈ {0.4, 0.75}, continuous gates, gain 12 and 5.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linear", "cosine", "sigmoid"})
  void componentsFollowTheirGates(String gate) {
    Shape shape = Shape.of(3, 2, 2);
    float[] x = image(shape, "x", 0, 1);
    float[] b = image(shape, "b", 0, 0.5);
    double[][] comps = haarComponents(x, b);
    double[] strengths = {1, 2.0 / 3, 1.0 / 3, 0};
    for (double w : new double[] {0.4, 0.75}) {
      for (double k : new double[] {12, 5}) {
        SpectralPath path = new SpectralPath(new SpectralPath.Spec(null, "wavelet", null, w, gate, k, null));
        double[] alphas = IntStream.range(0, 40).mapToDouble(j -> (j + 0.5) / 40).toArray();
        TracedPoints t = trace(path, shape, x, b, alphas);
        for (int j = 0; j < alphas.length; j++) {
          for (int c = 0; c < 4; c++) {
            String what = gate + " ω " + w + " k " + k + " α " + alphas[j] + " component " + c;
            assertThat(weightOf(t.position(j), b, comps[c])).as(what)
                .isCloseTo(phi(gate, w, k, strengths[c], alphas[j]), offset(2e-6));
            assertThat(weightOf(t.points().get(j).tangent(), null, comps[c])).as(what + " tangent")
                .isCloseTo(dphi(gate, w, k, strengths[c], alphas[j]), offset(1e-5 * (1 + Math.abs(dphi(gate, w, k, strengths[c], alphas[j])))));
          }
        }
      }
    }
  }

  /** Closed-form values of the gate shapes at chosen progress values (ω = 1: π = α). */
  @Test
  void gateShapesAtChosenPoints() {
    SpectralGate sigmoid = new SpectralGate(SpectralPath.Gate.SIGMOID, 1, 12);
    assertThat(sigmoid.value(0.25, 0)).isCloseTo(0.0451767, offset(1e-7)); // (σ(−3) − σ(−6)) / (σ(6) − σ(−6))
    assertThat(sigmoid.value(0.5, 0)).isCloseTo(0.5, offset(1e-15));
    assertThat(sigmoid.value(1, 0)).isEqualTo(1.0);
    assertThat(sigmoid.value(0, 0)).isEqualTo(0.0);
    SpectralGate cosine = new SpectralGate(SpectralPath.Gate.COSINE, 1, 12);
    assertThat(cosine.value(0.5, 0)).isCloseTo(0.5, offset(1e-15));
    assertThat(cosine.value(1.0 / 3, 0)).isCloseTo(0.25, offset(1e-15)); // ½ − ½cos(π/3)
    SpectralGate step = new SpectralGate(SpectralPath.Gate.STEP, 0.4, 12);
    assertThat(step.start(0.5)).isCloseTo(0.3, offset(1e-15));
    assertThat(step.value(0.4999, 0.3)).isEqualTo(0.0);
    assertThat(step.value(0.5, 0.3)).isEqualTo(1.0);
    SpectralGate hard = new SpectralGate(SpectralPath.Gate.LINEAR, 1e-9, 12);
    assertThat(hard.jumps()).isTrue();
    assertThat(hard.value(0.7, hard.start(0.3))).isEqualTo(1.0);
    assertThat(hard.value(0.69, hard.start(0.3))).isEqualTo(0.0);
    assertThat(new SpectralGate(SpectralPath.Gate.LINEAR, 2e-8, 12).jumps()).isFalse();
  }

  /** ω = 1 starts every component at 0 with the same ramp: the straight line, γ' = Δ (linear gate). */
  @Test
  void fullOverlapIsTheStraightLine() {
    Shape shape = Shape.of(3, 6, 10);
    float[] x = image(shape, "x", 0, 1);
    float[] b = image(shape, "b", 0, 0.5);
    double[] alphas = {0.1, 0.25, 0.5, 0.8};
    for (String mode : MODES) {
      for (String gate : List.of("linear", "cosine")) {
        TracedPoints t = trace(byName(mode, 1.0, gate), shape, x, b, alphas);
        for (int j = 0; j < alphas.length; j++) {
          double a = alphas[j];
          double f = gate.equals("linear") ? a : (1 - Math.cos(Math.PI * a)) / 2;
          double df = gate.equals("linear") ? 1 : Math.PI / 2 * Math.sin(Math.PI * a);
          for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - b[i];
            assertThat((double) t.position(j)[i]).as("%s %s α %s [%d]", mode, gate, a, i).isCloseTo(b[i] + f * d, offset(1e-6));
            assertThat((double) t.points().get(j).tangent()[i]).as("%s %s tangent", mode, gate).isCloseTo(df * d, offset(1e-6));
          }
        }
      }
    }
  }

  /**
   * A rank-one difference is one SVD component of strength 1 per channel: with the default linear
   * gate and ω = 0.5 the path is x' + min(1, 2α)·Δ — straight, but twice as fast.
   */
  @Test
  void rankOneDifferenceIsSwitchedOnAtOnce() {
    Shape shape = Shape.of(3, 8, 8);
    float[] b = image(shape, "b", 0, 0.5);
    float[] u = image(Shape.of(1, 1, 8), "u", 0.2, 1);
    float[] v = image(Shape.of(1, 1, 8), "v", 0.2, 1);
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = b[i] + 0.5f * u[i % 64 / 8] * v[i % 8];
    }
    double[] alphas = {0.1, 0.3, 0.5, 0.7};
    TracedPoints t = trace(SpectralPath.TYPE.createDefault(), shape, x, b, alphas);
    for (int j = 0; j < alphas.length; j++) {
      for (int i = 0; i < x.length; i++) {
        double expected = b[i] + Math.min(1, 2 * alphas[j]) * ((double) x[i] - b[i]);
        assertThat((double) t.position(j)[i]).as("α %s [%d]", alphas[j], i).isCloseTo(expected, offset(1e-6));
      }
    }
  }

  /**
   * Jump gates (step, ω = 0) emit the reference's discrete points: p_k = γ(k/S) with the
   * displacement to the next point as tangent and weight 1, starting at x' even when ω = 0
   * switches the strongest components on at α = 0; p_k follows [α ≥ start + ω/2] or [α ≥ 1 − s].
   */
  @ParameterizedTest(name = "ω {0}")
  @ValueSource(doubles = {0.0, 0.35})
  void jumpGatesEmitDiscretePoints(double w) {
    Shape shape = Shape.of(3, 2, 2);
    float[] x = image(shape, "x", 0, 1);
    float[] b = image(shape, "b", 0, 0.5);
    double[][] comps = haarComponents(x, b);
    double[] strengths = {1, 2.0 / 3, 1.0 / 3, 0};
    SpectralPath path = spectral("wavelet", null, w, "step");
    // A midpoint schedule of 10 nodes: S = 10 steps, points at k/10 for k = 0 … 9.
    double[] mid = IntStream.range(0, 10).mapToDouble(j -> (j + 0.5) / 10).toArray();
    TracedPoints t = TracedPoints.trace(path, new SoftmaxLinearModel(shape, 2, 3), x, b,
        new Schedule(mid, new double[10]), 3);
    assertThat(t.size()).isEqualTo(10);
    assertThat(t.position(0)).containsExactly(b);
    for (int k = 0; k < 10; k++) {
      PathPoint p = t.points().get(k);
      assertThat(p.alpha()).isEqualTo(k / 10.0);
      assertThat(p.weight()).isEqualTo(1.0);
      float[] nextPosition = k == 9 ? x : t.position(k + 1);
      for (int i = 0; i < x.length; i++) {
        assertThat(p.tangent()[i]).isEqualTo((float) ((double) nextPosition[i] - p.position()[i]));
      }
      for (int c = 0; c < 4 && k > 0; c++) {
        assertThat(weightOf(p.position(), b, comps[c])).as("α %s component %d", k / 10.0, c)
            .isCloseTo(phi("step", w, 12, strengths[c], k / 10.0), offset(1e-6));
      }
    }
  }

  /** With a jump gate every rule computes the left sum Σ_k ∇f(p_k) ⊙ (p_{k+1} − p_k). */
  @Test
  void jumpGatesGiveTheLeftSum() {
    Shape shape = Shape.of(3, 6, 10);
    float[] x = image(shape, "x", 0, 1);
    float[] b = image(shape, "b", 0, 0.5);
    ModelFunction m = new ReluNetwork(shape, 8, 5);
    SpectralPath path = spectral("dct", null, 0.4, "step");
    RiemannStepRule rule = new RiemannStepRule(20, RiemannStepRule.Variant.MIDPOINT);
    TracedPoints t = TracedPoints.trace(path, m, x, b, rule.schedule(), 8);
    double[] expected = new double[x.length];
    for (int k = 0; k < t.size(); k++) {
      float[] from = t.position(k);
      float[] to = k + 1 < t.size() ? t.position(k + 1) : x;
      float[] g = t.gradients().get(k);
      for (int i = 0; i < x.length; i++) {
        expected[i] += (double) g[i] * ((double) to[i] - from[i]);
      }
    }
    double[] actual = IG.compute(m, path, rule, x, b, 0, 8).attribution();
    assertThat(Attributions.relativeMaxDifference(actual, expected)).isLessThan(1e-5);
  }

  /** IDGI is exactly complete on every mode and gate (a ReLU network on 3×6×10). */
  @Test
  void idgiIsExactlyComplete() {
    Shape shape = Shape.of(3, 6, 10);
    float[] x = image(shape, "x", 0, 1);
    float[] b = image(shape, "b", 0, 0.5);
    ModelFunction m = new ReluNetwork(shape, 8, 5);
    double change = m.scoresAndGradients(List.of(x), new int[] {0}).scores()[0]
        - m.scoresAndGradients(List.of(b), new int[] {0}).scores()[0];
    for (String mode : MODES) {
      for (String gate : GATES) {
        double sum = Attributions.sum(IG.compute(m, byName(mode, 0.4, gate), new IdgiStepRule(30), x, b, 0, 16).attribution());
        assertThat(Math.abs(sum - change)).as("%s %s", mode, gate)
            .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(change));
      }
    }
  }

  @Test
  void specDefaultsPresetsAndRefusals() {
    SpectralPath.Spec d = new SpectralPath.Spec(null, null, null, null, null, null, null);
    assertThat(d).isEqualTo(new SpectralPath.Spec("reference", "svd", "per-channel", 0.5, "linear", 12.0, 4));
    assertThat(new SpectralPath.Spec("paper", null, null, null, null, null, null).overlap()).isEqualTo(0.4);
    assertThat(new SpectralPath.Spec("paper", null, null, 0.2, null, null, null).overlap()).isEqualTo(0.2);
    assertThat(new SpectralPath.Spec(null, "svd", "per_channel", null, null, null, null).channels()).isEqualTo("per-channel");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, "fft", null, null, null, null, null))
        .hasMessageContaining("mode: must be one of [svd, dct, wavelet, laplacian], was 'fft'");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, null, null, null, "cosin", null, null))
        .hasMessageContaining("schedule: must be one of [linear, cosine, sigmoid, step], was 'cosin'")
        .hasMessageContaining("did you mean 'cosine'?");
    assertThatThrownBy(() -> new SpectralPath.Spec("authors", null, null, null, null, null, null))
        .hasMessageContaining("preset: must be one of [reference, paper], was 'authors'");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, null, null, 1.5, null, null, null))
        .hasMessageContaining("overlap: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, null, null, null, null, 0.0, null))
        .hasMessageContaining("gain: must be > 0 and finite, was 0.0");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, null, null, null, null, null, 0))
        .hasMessageContaining("levels: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new SpectralPath.Spec(null, "dct", "joint", null, null, null, null))
        .hasMessageContaining("channels: 'joint' applies to mode 'svd' only, was used with mode 'dct'");
    assertThat(SpectralPath.TYPE.id()).isEqualTo("spectral");
    assertThat(SpectralPath.TYPE.capabilities()).containsExactly(Capability.NEEDS_BASELINE);
    assertThat(path().toString()).isEqualTo("spectral(svd per-channel, overlap 0.5, linear)");
  }

  /** Input equal to the baseline: every point is the input, every tangent zero. */
  @Test
  void inputEqualToBaselineStaysPut() {
    Shape shape = Shape.of(3, 8, 8);
    float[] x = image(shape, "x", 0, 1);
    for (String mode : MODES) {
      TracedPoints t = trace(byName(mode, null, null), shape, x, x.clone(), grid(5));
      for (int k = 0; k < t.size(); k++) {
        assertThat(t.position(k)).as(mode).containsExactly(x);
        assertThat(t.points().get(k).tangent()).as(mode).containsOnly(0f);
      }
    }
  }
}
