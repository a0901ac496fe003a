package org.igkit.paths.blur;

import org.igkit.api.image.GaussianBlur;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * Blur Integrated Gradients (Xu et al., "Attribution in Scale and Space", CVPR 2020): the path
 * γ(α) = blur(x, σ(α)) runs from the input blurred with σ_max to the input itself, channel by
 * channel with a Gaussian kernel truncated at 4σ. No baseline is used: the start
 * ({@link #start(float[], float[], Shape)}) is blur(x, σ_max), and completeness reads
 * Σ A ≈ f(x) − f(blur(x, σ_max)).
 *
 * <p><b>Schedules.</b> With t = 1 − α (how blurred the point is): {@code linear} σ(α) = σ_max·t
 * (PAIR saliency's default spacing); {@code sqrt} σ(α) = σ_max·√t, i.e. the variance σ² falls
 * linearly, the heat equation's own clock. PAIR's {@code sqrt=True} spaces σ_i = √(i·σ_max/S),
 * which ends at √σ_max rather than σ_max: our {@code sqrt} with {@code maxSigma: 7.0710678}
 * (√50) reproduces that path exactly.
 *
 * <p><b>Tangent.</b> γ'(α) = ∂blur/∂s · ds/dα with s = σ (linear) or s = σ² (sqrt), the partial
 * taken by PAIR's forward difference in σ with step {@code gradStep}:
 * (blur(x, σ + h) − blur(x, σ)) / (s(σ + h) − s(σ)). Differencing against σ² keeps the sqrt
 * tangent finite at α = 1, where dσ/dα is infinite but d(σ²)/dα = −σ_max² is not. The forward
 * difference and the kernel's truncation (its radius grows in whole pixels as σ grows, a small
 * jump each time) make completeness approximate, as in the reference: see the tests for the gap.
 *
 * <p><b>Resolution.</b> Most of the image's change along the path happens at small σ (a 3×3 image
 * is nearly sharp again below σ = 2, the last 4 % of α with σ_max 50), so uniform rules need many
 * steps; the sqrt schedule with σ_max 50 squeezes σ &lt; 1 into α &gt; 0.9996 and needs even more.
 * IDGI is exact at any step count.
 *
 * <p><b>Batching.</b> Every point and its tangent are computed from α alone, so batch sizes never
 * change a result. (PAIR's batched mode scaled every element of a batch by the σ-step of the
 * batch's last element — wrong by up to 3 % with sqrt spacing; that cannot happen here.)
 * PAIR's sum −Σ_{i&lt;S} (σ_{i+1} − σ_i)·∂blur/∂σ(σ_i) ⊙ ∇f(x_i) is the {@code riemann} rule
 * with {@code variant: right} here (its gradients are taken at the sharper end of each interval).
 *
 * <p>Not symmetric in the IG sense (there is no baseline), not adaptive, needs no baseline.
 * Cost: two blurs per point; a blur with σ costs O(C·H·W·σ).
 */
public final class BlurPath implements Path {

  /** How σ falls from σ_max to 0 along the path. */
  public enum SigmaSchedule {
    /** σ = σ_max·(1 − α). */
    LINEAR,
    /** σ = σ_max·√(1 − α): σ² falls linearly. */
    SQRT
  }

  /**
   * @param maxSigma σ at the start of the path, in pixels, in (0, 1000]; default 50 (PAIR)
   * @param gradStep the forward-difference step in σ for the tangent, &gt; 0; default 0.01 (PAIR)
   * @param schedule {@code linear} (default) or {@code sqrt}
   * @param padding  how the blur reads beyond the border: {@code zero} (default, the reference's
   *                 scipy {@code mode='constant'}) or {@code reflect}
   */
  public record Spec(Double maxSigma, Double gradStep, String schedule, String padding) {
    /** Fills defaults and validates. */
    public Spec {
      maxSigma = GaussianBlur.checkSigma("maxSigma", maxSigma == null ? 50.0 : maxSigma);
      gradStep = Checks.positive("gradStep", gradStep == null ? 0.01 : gradStep);
      schedule = Checks.kebab(Checks.option("schedule", SigmaSchedule.class, schedule, SigmaSchedule.LINEAR));
      padding = Checks.kebab(Checks.option("padding", GaussianBlur.Padding.class, padding, GaussianBlur.Padding.ZERO));
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "blur",
          Spec.class,
          BlurPath::new,
          "Blur IG: from the input blurred with max sigma to the input, no baseline (Xu et al. 2020)");

  private final double maxSigma;
  private final double gradStep;
  private final SigmaSchedule schedule;
  private final GaussianBlur.Padding padding;

  /** Creates the path from its spec. */
  public BlurPath(Spec spec) {
    this.maxSigma = spec.maxSigma();
    this.gradStep = spec.gradStep();
    this.schedule = Checks.option("schedule", SigmaSchedule.class, spec.schedule(), SigmaSchedule.LINEAR);
    this.padding = Checks.option("padding", GaussianBlur.Padding.class, spec.padding(), GaussianBlur.Padding.ZERO);
  }

  /** Returns σ at path parameter α. */
  public double sigma(double alpha) {
    double t = 1 - alpha;
    return schedule == SigmaSchedule.LINEAR ? maxSigma * t : maxSigma * Math.sqrt(t);
  }

  /**
   * Not available: the blur path's start depends on the image's C×H×W layout, which this overload
   * does not receive. The engine calls {@link #start(float[], float[], Shape)}.
   */
  @Override
  public float[] start(float[] input, float[] baseline) {
    throw new UnsupportedOperationException(
        "blur path: the start blur(x, maxSigma) needs the image shape; call start(input, baseline, shape)");
  }

  /** Returns blur(input, σ_max), where the path starts; the baseline is ignored. */
  @Override
  public float[] start(float[] input, float[] baseline, Shape shape) {
    return GaussianBlur.blur(shape.require("input", input), shape, maxSigma, padding);
  }

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    Shape shape = request.shape();
    Schedule s = request.schedule();
    return new PathTrace() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < s.size();
      }

      @Override
      public PathPoint next() {
        int j = next++;
        double a = s.alpha(j);
        double sigma = sigma(a);
        float[] p = a == 1.0 ? x.clone() : GaussianBlur.blur(x, shape, sigma, padding);
        float[] ahead = GaussianBlur.blur(x, shape, sigma + gradStep, padding);
        double scale = dsDalpha() / (s(sigma + gradStep) - s(sigma));
        float[] tangent = new float[p.length];
        for (int i = 0; i < tangent.length; i++) {
          tangent[i] = (float) (((double) ahead[i] - p[i]) * scale);
        }
        return new PathPoint(j, a, p, tangent, s.weight(j));
      }
    };
  }

  /** s(σ): σ for the linear schedule, σ² for sqrt (the variable that is linear in α). */
  private double s(double sigma) {
    return schedule == SigmaSchedule.LINEAR ? sigma : sigma * sigma;
  }

  /** ds/dα: −σ_max (linear) or −σ_max² (sqrt). */
  private double dsDalpha() {
    return schedule == SigmaSchedule.LINEAR ? -maxSigma : -maxSigma * maxSigma;
  }

  @Override
  public String toString() {
    return "blur(maxSigma " + maxSigma + ", " + Checks.kebab(schedule) + ")";
  }
}
