package org.igkit.models.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code latent} path beyond the contract: IDGI's exact completeness in every mode, the
 * stated completeness gap without end blending, the shape of the path (pure decodes inside,
 * convex blends at the ends, the unit box kept), tangents against differences of positions,
 * the VAE file format and the errors users see. VAEs are untrained and seeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatentPathTest {

  private final RandomVaes vaes = new RandomVaes(3, 4, 11);

  @TempDir Path dir;

  @AfterAll
  void closeVaes() {
    vaes.close();
  }

  private LatentPath path(String mode, Double endBlend) {
    return new LatentPath(RandomVaes.spec(mode, endBlend), vaes);
  }

  // ---- completeness ----------------------------------------------------------------------

  /**
   * IDGI telescopes along any path from x' to x: exact in both modes, with or without blending,
   * whenever no step is skipped. Skips happen by design on the two cases of the IG paper's ReLU
   * model: its gradient is zero on the whole unit square (both units off below x₁ = 1), and the
   * VAE's sigmoid decoder puts every decoded point there; IDGI needs a direction, so it skips
   * those steps and reports them (a skipped step's score change is not credited: the step out of
   * the dead region loses exactness, which the report shows). Every other case is exact.
   */
  @Test
  void idgiIsExactlyCompleteInEveryModeOnEveryCase() {
    List<String> skipped = new ArrayList<>();
    for (String mode : List.of("straight", "guided")) {
      for (double blend : new double[] {0, 0.1, 0.5}) {
        for (AnalyticCase c : AnalyticModels.all()) {
          StepResult r = IG.compute(c, path(mode, blend), new IdgiStepRule(24), 5);
          if (r.skippedSteps() > 0) {
            skipped.add(c.name());
            continue;
          }
          double expected = c.scoreChange();
          assertThat(Math.abs(Attributions.sum(r.attribution()) - expected))
              .as("%s, %s, endBlend %s: |ΣA − (f(x) − f(x'))|, f(x) − f(x') = %s", c, mode, blend, expected)
              .isLessThanOrEqualTo(Tolerances.EXACT_COMPLETENESS * Math.abs(expected));
        }
      }
    }
    assertThat(skipped).as("cases with skipped steps").hasSize(12)
        .containsOnly("relu-ig-paper", "relu-ig-paper-active");
  }

  /**
   * With endBlend 0 the path jumps at both ends and a quadrature rule only integrates the decoded
   * curve: Σ A → f(D(z)) − f(D(z')), and the gap to f(x) − f(x') is the two jumps' score changes.
   */
  @Test
  void withoutEndBlendQuadratureMissesExactlyTheTwoJumps() {
    for (AnalyticCase c : AnalyticModels.smooth()) {
      VaeCodec codec = vaes.apply(c.model().inputShape());
      float[][] z = codec.encode(List.of(c.baseline(), c.input()));
      float[][] decoded = codec.decode(List.of(z[0], z[1]));
      double decodedChange = c.model().value(decoded[1], c.target()) - c.model().value(decoded[0], c.target());
      StepResult r = IG.compute(c, path("straight", 0.0), new ReferenceMidpointStepRule(256), 64);
      double sum = Attributions.sum(r.attribution());
      assertThat(Math.abs(sum - decodedChange))
          .as("%s: |ΣA − (f(D(z)) − f(D(z')))|", c)
          .isLessThanOrEqualTo(Tolerances.COMPLETENESS * Math.max(Math.abs(decodedChange), 1e-3));
      double jumps = c.scoreChange() - decodedChange;
      assertThat(Math.abs(jumps)).as("%s: the jumps' score change", c).isGreaterThan(1e-3);
    }
  }

  // ---- shape of the path ------------------------------------------------------------------

  /** Between the blend zones every point is exactly a decoded latent of the straight latent line. */
  @Test
  void interiorPointsAreDecodedLatents() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    VaeCodec codec = vaes.apply(c.model().inputShape());
    DecodedCurve curve = DecodedCurve.of(codec, c.input(), c.baseline(), 0.1);
    List<PathPoint> points = trace(path("straight", 0.1), c, uniform(40));
    int checked = 0;
    for (PathPoint p : points) {
      if (p.alpha() >= 0.1 && p.alpha() <= 0.9) {
        float[] expected = codec.decode(List.of(curve.onLine(p.alpha())))[0];
        // Decoded in a chunk of 48 latents here and alone above: batched matrix products may
        // round differently in the last bit.
        assertThat(p.position()).as("point at α = %s", p.alpha())
            .containsExactly(expected, org.assertj.core.api.Assertions.within(1e-6f));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(33);
  }

  /** In the blend zones a point is the convex combination (1 − w)·D(z(α)) + w·(end point). */
  @Test
  void blendZonesMixTheDecodedCurveWithTheEnds() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    VaeCodec codec = vaes.apply(c.model().inputShape());
    DecodedCurve curve = DecodedCurve.of(codec, c.input(), c.baseline(), 0.25);
    double a = 0.05; // t = 0.2 in the first zone: w₀ = 1 − S(0.2) = 1 − 0.104 = 0.896
    double w0 = 1 - 0.2 * 0.2 * (3 - 0.4);
    float[] d = codec.decode(List.of(curve.onLine(a)))[0];
    PathPoint p = trace(path("straight", 0.25), c, new Schedule(new double[] {a}, new double[] {1})).get(0);
    for (int i = 0; i < d.length; i++) {
      assertThat((double) p.position()[i]).isCloseTo((1 - w0) * d[i] + w0 * c.baseline()[i], org.assertj.core.api.Assertions.within(1e-6));
    }
    double b = 0.95; // t = 0.8 in the last zone: w₁ = S(0.8) = 0.896
    float[] e = codec.decode(List.of(curve.onLine(b)))[0];
    PathPoint q = trace(path("straight", 0.25), c, new Schedule(new double[] {b}, new double[] {1})).get(0);
    for (int i = 0; i < e.length; i++) {
      assertThat((double) q.position()[i]).isCloseTo((1 - w0) * e[i] + w0 * c.input()[i], org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  /** Images in [0, 1] give points in [0, 1]: every point is a convex combination of such images. */
  @ParameterizedTest
  @ValueSource(strings = {"straight", "guided"})
  void pointsOfUnitBoxImagesStayInTheUnitBox(String mode) {
    Shape shape = Shape.of(3, 8, 8);
    LinearModel model = new LinearModel(shape, 5);
    SplittableRandom r = new SplittableRandom(3);
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    float[] black = new float[shape.size()];
    List<PathPoint> seen = new ArrayList<>();
    IG.integrate(model, path(mode, null), new IdgiStepRule(32), x, List.of(black), 0, 8, acc -> recording(acc, seen));
    assertThat(seen).hasSize(33);
    for (PathPoint p : seen) {
      for (float v : p.position()) {
        assertThat(v).as("α = %s", p.alpha()).isBetween(0f, 1f);
      }
    }
    assertThat(seen.get(0).position()).containsExactly(black);
    assertThat(seen.get(32).position()).containsExactly(x);
  }

  /**
   * The straight mode's tangent (closed-form weights, central difference of the decoder) matches
   * the central difference of the emitted positions, inside and in both blend zones.
   */
  @Test
  void tangentsMatchDifferencesOfPositions() {
    AnalyticCase c = AnalyticModels.linear();
    double delta = 1e-3;
    for (double a : new double[] {0.03, 0.07, 0.3, 0.5, 0.8, 0.96}) {
      List<PathPoint> p = trace(path("straight", 0.1), c,
          new Schedule(new double[] {a - delta, a, a + delta}, new double[] {0, 1, 0}));
      float[] tangent = p.get(1).tangent();
      double num = 0;
      double den = 0;
      for (int i = 0; i < tangent.length; i++) {
        double fd = ((double) p.get(2).position()[i] - p.get(0).position()[i]) / (2 * delta);
        num = Math.max(num, Math.abs(fd - tangent[i]));
        den = Math.max(den, Math.abs(fd));
      }
      assertThat(num / den).as("α = %s: max |tangent − Δposition/Δα| / max |Δposition/Δα|", a).isLessThan(2e-3);
    }
  }

  /** The guided mode emits S + 1 points for a schedule ending at 1 (x' first, x last), S otherwise. */
  @Test
  void guidedModeTakesItsStepCountFromTheSchedule() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    List<PathPoint> idgi = new ArrayList<>();
    IG.integrate(c.model(), path("guided", null), new IdgiStepRule(10), c.input(), List.of(c.baseline()), c.target(), 4,
        acc -> recording(acc, idgi));
    assertThat(idgi).hasSize(11);
    assertThat(idgi.get(0).position()).containsExactly(c.baseline());
    assertThat(idgi.get(10).position()).containsExactly(c.input());
    List<PathPoint> midpoint = new ArrayList<>();
    IG.integrate(c.model(), path("guided", null), new ReferenceMidpointStepRule(10), c.input(), List.of(c.baseline()),
        c.target(), 4, acc -> recording(acc, midpoint));
    assertThat(midpoint).hasSize(10);
    float[] end = midpoint.get(9).position().clone();
    for (int i = 0; i < end.length; i++) {
      end[i] += midpoint.get(9).tangent()[i];
    }
    for (int i = 0; i < end.length; i++) {
      assertThat(end[i]).isCloseTo(c.input()[i], org.assertj.core.api.Assertions.within(1e-6f));
    }
  }

  // ---- files and errors ---------------------------------------------------------------------

  @Test
  void vaeFilesRoundTripToIdenticalEncodingsAndDecodings() throws Exception {
    Shape shape = Shape.of(3, 32, 32);
    Path file = dir.resolve("vae.params");
    float[] image = new float[shape.size()];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) r.nextDouble();
    }
    float[][] z;
    float[][] decoded;
    try (VaeCodec codec = VaeCodec.random(shape, 16, 8, 5)) {
      assertThat(codec.vae().stageCount()).isEqualTo(3);
      z = codec.encode(List.of(image));
      decoded = codec.decode(List.of(z[0]));
      codec.save(file);
    }
    assertThat(VaeFile.header(file)).isEqualTo(new VaeFile.Header(shape, 16, 8));
    try (VaeCodec loaded = VaeCodec.load(file)) {
      assertThat(loaded.encode(List.of(image))[0]).containsExactly(z[0]);
      assertThat(loaded.decode(List.of(z[0]))[0]).containsExactly(decoded[0]);
    }
    LatentPath fromFile = new LatentPath(new LatentPath.Spec(file.toString(), 16, null, null, null, null, null));
    assertThat(fromFile.spec().mode()).isEqualTo("straight");
  }

  @Test
  void specDefaultsAndValidation() {
    LatentPath.Spec s = new LatentPath.Spec("vae.params", null, null, null, null, null, null);
    assertThat(s.mode()).isEqualTo("straight");
    assertThat(s.endBlend()).isEqualTo(0.25);
    assertThat(s.tangentStep()).isEqualTo(0.01);
    assertThat(s.fraction()).isEqualTo(0.1);
    assertThat(s.maxDist()).isEqualTo(1.0);
    assertThat(s.latentDim()).isNull();
    assertThatThrownBy(() -> new LatentPath.Spec(null, null, null, null, null, null, null))
        .hasMessageStartingWith("model: is required");
    assertThatThrownBy(() -> new LatentPath.Spec("v", null, "straigth", null, null, null, null))
        .hasMessageContaining("mode: must be one of [straight, guided, geodesic]").hasMessageContaining("straight");
    assertThatThrownBy(() -> new LatentPath.Spec("v", null, null, 0.6, null, null, null))
        .hasMessageStartingWith("endBlend: must be in [0.0, 0.5]");
    assertThatThrownBy(() -> new LatentPath.Spec("v", null, null, null, 0.0, null, null))
        .hasMessageStartingWith("tangentStep: must be > 0");
    assertThatThrownBy(() -> new LatentPath.Spec("v", 0, null, null, null, null, null))
        .hasMessageStartingWith("latentDim: must be ≥ 1");
  }

  @Test
  void errorsNameTheFileAndWhatIsWrong() throws Exception {
    Path missing = dir.resolve("missing.params");
    assertThatThrownBy(() -> new LatentPath(new LatentPath.Spec(missing.toString(), null, null, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("model: VAE file not found: " + missing.toAbsolutePath());
    Path notVae = Files.writeString(dir.resolve("other.params"), "not a VAE");
    assertThatThrownBy(() -> new LatentPath(new LatentPath.Spec(notVae.toString(), null, null, null, null, null, null)))
        .hasMessageStartingWith("model: not an igkit VAE file: ");
    Path file = dir.resolve("small.params");
    try (VaeCodec codec = VaeCodec.random(Shape.of(2, 3, 3), 3, 4, 1)) {
      codec.save(file);
    }
    assertThatThrownBy(() -> new LatentPath(new LatentPath.Spec(file.toString(), 8, null, null, null, null, null)))
        .hasMessageStartingWith("latentDim: is 8 but the VAE in " + file.toAbsolutePath() + " has latent dimension 3");
    LatentPath p = new LatentPath(new LatentPath.Spec(file.toString(), null, null, null, null, null, null));
    AnalyticCase product = AnalyticModels.product();
    assertThatThrownBy(() -> trace(p, product, uniform(4)))
        .hasMessageContaining("was trained on 2×3×3 images, but the model takes 2×1×1 inputs");
  }

  @Test
  void registeredAsLatentWithTheRunnersPlugins() {
    var type = PluginLoader.registry().get(org.igkit.api.path.Path.class, "latent");
    assertThat(type).isSameAs(LatentPath.TYPE);
    assertThat(type.capabilities()).containsExactly(Capability.NEEDS_BASELINE);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Schedule uniform(int n) {
    double[] a = new double[n + 1];
    for (int j = 0; j <= n; j++) {
      a[j] = (double) j / n;
    }
    return new Schedule(a, new double[n + 1]);
  }

  /** Traces a non-adaptive path and returns every point. */
  private static List<PathPoint> trace(org.igkit.api.path.Path path, AnalyticCase c, Schedule schedule) {
    PathTrace t = path.trace(new PathRequest(c.input(), c.baseline(), c.model().inputShape(), schedule, c.model(),
        c.target(), RandomSource.of(1)));
    List<PathPoint> out = new ArrayList<>();
    while (t.hasNext()) {
      out.add(t.next());
    }
    return out;
  }

  private static StepAccumulator recording(StepAccumulator delegate, List<PathPoint> seen) {
    return new StepAccumulator() {
      @Override
      public void accept(PathPoint point, float score, float[] gradient) {
        seen.add(point);
        delegate.accept(point, score, gradient);
      }

      @Override
      public StepResult finish() {
        return delegate.finish();
      }
    };
  }
}
