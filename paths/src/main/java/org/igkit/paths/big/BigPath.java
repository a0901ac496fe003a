package org.igkit.paths.big;

import org.igkit.api.image.GaussianBlur;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.PluginType;

/**
 * BIG as the SIG authors run it ({@code BlurPathGenerator} of their code; the blur path of Xu et
 * al., "Attribution in Scale and Space", CVPR 2020, discretised): the points
 * p_k = blur(x, σ_max·(N − k)/N), k = 0 … N, from the input blurred with σ_max to the input itself,
 * with the authors' kernel ({@link ReflectBlur}: int(6σ + 1) taps, odd, ≥ 3, reflect padding),
 * integrated as their {@code compute_ig} does: A = Σ_{k&lt;N} ∇f(p_k) ⊙ (p_{k+1} − p_k), a left sum
 * over the actual point differences. Not to be confused with Wang et al.'s boundary-based IG.
 *
 * <p><b>How a schedule becomes N.</b> As for {@code guided}, only the schedule's size counts: a
 * schedule of n nodes that ends at α = 1 gives N = n − 1 and N + 1 points, the last one x with
 * zero displacement (its gradient feeds IDGI's score differences) — so trapezoid Riemann and IDGI
 * with {@code steps: n} (n + 1 nodes) give N = n, right Riemann with n steps N = n − 1; any other
 * schedule (left or midpoint Riemann, Gauss–Legendre) of n nodes gives N = n and the points
 * p_0 … p_{N−1}. Point k has α = k/N, weight 1 and tangent p_{k+1} − p_k, so every
 * quadrature rule accumulates the authors' left sum whatever its nodes. The authors' setting,
 * N = 200, is {@code riemann} with 200 steps (200 gradients; their code also takes the gradient at
 * x, which it does not use), or {@code idgi} with 200 steps (201 gradients).
 *
 * <p><b>Completeness.</b> The left sum telescopes on a linear model: Σ A = f(x) − f(p_0) exactly;
 * in general the gap is first order in 1/N. IDGI on this path is exact. The start, which the
 * engine scores, is p_0 = blur(x, σ_max); the baseline is ignored.
 *
 * <p>Cost: one blur per point (each point's successor is blurred once and kept), O(C·H·W·σ) each.
 */
public final class BigPath implements Path {

  /**
   * @param maxSigma σ of the first point, in pixels, in (0, 1000]; default 35 (the authors'
   *                 experiment configuration; their class default is 50)
   */
  public record Spec(Double maxSigma) {
    /** Fills the default and validates. */
    public Spec {
      maxSigma = GaussianBlur.checkSigma("maxSigma", maxSigma == null ? 35.0 : maxSigma);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
              Path.class,
              "big",
              Spec.class,
              BigPath::new,
              "BIG as in the SIG authors' code: blurs of x from maxSigma to 0 (kernel int(6s+1), reflect), "
                  + "left sum over point differences; no baseline")
          .withModelCalls("N gradients, N = the step rule's steps (N + 1 with trapezoid or idgi); authors: 200");

  private final double maxSigma;

  /** Creates the path from its spec. */
  public BigPath(Spec spec) {
    this.maxSigma = spec.maxSigma();
  }

  /** Returns σ_max. */
  public double maxSigma() {
    return maxSigma;
  }

  /**
   * Not available: the start blur(x, σ_max) needs the image shape; the engine calls
   * {@link #start(float[], float[], Shape)}.
   */
  @Override
  public float[] start(float[] input, float[] baseline) {
    throw new UnsupportedOperationException(
        "big path: the start blur(x, maxSigma) needs the image shape; call start(input, baseline, shape)");
  }

  /** Returns blur(input, σ_max), where the path starts; the baseline is ignored. */
  @Override
  public float[] start(float[] input, float[] baseline, Shape shape) {
    return toFloat(ReflectBlur.blur(shape.require("input", input), shape, maxSigma));
  }

  /** Returns N for a schedule: its size, less one if it ends at α = 1 (at least 1). */
  static int steps(Schedule schedule) {
    return Math.max(1, endsAtInput(schedule) ? schedule.size() - 1 : schedule.size());
  }

  private static boolean endsAtInput(Schedule schedule) {
    return schedule.size() > 0 && schedule.alpha(schedule.size() - 1) == 1.0;
  }

  /** Returns σ of point k of N: σ_max·(N − k)/N, the authors' σ_i = i·σ_max/N with i = N − k. */
  double sigma(int k, int n) {
    return (n - k) * maxSigma / n;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    Shape shape = request.shape();
    float[] x = shape.require("input", request.input());
    int n = steps(request.schedule());
    int points = endsAtInput(request.schedule()) ? n + 1 : n;
    return new PathTrace() {
      private int next;
      private float[] current = toFloat(ReflectBlur.blur(x, shape, sigma(0, n)));

      @Override
      public boolean hasNext() {
        return next < points;
      }

      @Override
      public PathPoint next() {
        if (next >= points) {
          throw new IllegalStateException("big path: no point left (" + points + " emitted)");
        }
        int k = next++;
        float[] position = current;
        if (k == n) {
          return new PathPoint(k, 1.0, position, new float[position.length], 0);
        }
        float[] following = k + 1 == n ? x.clone() : toFloat(ReflectBlur.blur(x, shape, sigma(k + 1, n)));
        float[] difference = new float[position.length];
        for (int i = 0; i < difference.length; i++) {
          difference[i] = (float) ((double) following[i] - position[i]);
        }
        current = following;
        return new PathPoint(k, (double) k / n, position, difference, 1.0);
      }
    };
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Override
  public String toString() {
    return "big(maxSigma " + maxSigma + ")";
  }
}
