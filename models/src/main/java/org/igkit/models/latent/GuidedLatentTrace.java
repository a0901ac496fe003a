package org.igkit.models.latent;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathTrace;
import org.igkit.paths.guided.GuidedStep;

/**
 * The guided latent path (MA-GIG's idea): Guided IG's steps ({@link GuidedStep}) taken on
 * the latent vector from z' to z, each latent point decoded and blended as {@link DecodedCurve}
 * says, the first point exactly x' and the last exactly x.
 *
 * <p>Like igkit's input-space {@code guided} path the trace uses only the schedule's size: S steps
 * (size − 1 when the schedule ends at α = 1, else size), points p₀ = x', p₁, …, p_S = x (p_S only
 * when the schedule ends at 1), point k at α = k/S with weight 1 and, once observed, its
 * displacement p_{k+1} − p_k as tangent. A quadrature rule therefore adds the left sum
 * Σ_k ∇f(p_k)·(p_{k+1} − p_k) over the polyline (MA-GIG's own sum), and IDGI telescopes exactly.
 *
 * <p>The latent gradient that steers a step is the input gradient g at p_k pulled back through the
 * decoder: ∂f/∂ζ_i ≈ g · (D(ζ_k + h e_i) − D(ζ_k − h e_i)) / 2h, h = {@code tangentStep}, 2·latentDim
 * decodes in one call per step (the blend factor 1 − w₀ − w₁ is one positive number per point and
 * cannot change which coordinates Guided IG selects). Lookahead is 1.
 */
final class GuidedLatentTrace implements PathTrace {

  private final DecodedCurve curve;
  private final int steps;
  private final int points;
  private final double tangentStep;
  private final double fraction;
  private final double maxDist;
  private final double[] zStart;
  private final double[] zEnd;
  private final double[] z;
  private final float[] zeros;
  private final double total;
  private final double[] scratch;
  private float[] pending;
  private int emitted;
  private int observed;

  GuidedLatentTrace(DecodedCurve curve, int steps, boolean emitEnd, double tangentStep, double fraction, double maxDist) {
    this.curve = curve;
    this.steps = steps;
    this.points = emitEnd ? steps + 1 : steps;
    this.tangentStep = tangentStep;
    this.fraction = fraction;
    this.maxDist = maxDist;
    this.zStart = curve.zStart();
    this.zEnd = curve.zEnd();
    this.z = curve.zStart();
    this.zeros = new float[curve.input().length];
    double l1 = 0;
    for (int i = 0; i < zEnd.length; i++) {
      l1 += Math.abs(zEnd[i] - zStart[i]);
    }
    this.total = l1;
    this.scratch = new double[z.length];
    this.pending = curve.baseline().clone();
  }

  @Override
  public boolean hasNext() {
    return emitted < points;
  }

  @Override
  public int lookahead() {
    return 1;
  }

  @Override
  public PathPoint next() {
    if (emitted >= points) {
      throw new IllegalStateException("latent path: no point left (" + points + " emitted)");
    }
    if (emitted > observed) {
      throw new IllegalStateException(
          "latent path (guided): point " + emitted + " depends on the gradient at point " + observed
              + ", which was not observed yet (lookahead is 1)");
    }
    int k = emitted++;
    return new PathPoint(k, (double) k / steps, pending.clone(), zeros, 0);
  }

  @Override
  public PathPoint observe(PathPoint point, float score, float[] gradient) {
    if (point.index() != observed) {
      throw new IllegalStateException(
          "latent path (guided): observed point " + point.index() + ", expected point " + observed);
    }
    int k = observed++;
    if (k == steps) {
      return point.withIncrement(zeros, 0);
    }
    double[] g = latentGradient(gradient);
    GuidedStep.advance(z, zEnd, zStart, g, (k + 1.0) / steps, total, fraction, maxDist, scratch);
    if (k == steps - 1) {
      System.arraycopy(zEnd, 0, z, 0, z.length);
    }
    double alpha = (k + 1.0) / steps;
    float[] nextPosition = k + 1 == steps
        ? curve.input().clone()
        : curve.position(alpha, curve.codec().decode(List.of(toFloat(z)))[0]);
    float[] from = point.position();
    float[] displacement = new float[from.length];
    for (int i = 0; i < from.length; i++) {
      displacement[i] = (float) ((double) nextPosition[i] - from[i]);
    }
    pending = nextPosition;
    return point.withIncrement(displacement, 1.0);
  }

  /** Returns g · ∂D/∂ζ_i at the current latent by central differences (one decoder call). */
  private double[] latentGradient(float[] gradient) {
    int d = z.length;
    List<float[]> stencil = new ArrayList<>(2 * d);
    for (int i = 0; i < d; i++) {
      for (int sign : new int[] {1, -1}) {
        float[] zi = toFloat(z);
        zi[i] = (float) (z[i] + sign * tangentStep);
        stencil.add(zi);
      }
    }
    float[][] decoded = curve.codec().decode(stencil);
    double[] g = new double[d];
    for (int i = 0; i < d; i++) {
      float[] plus = decoded[2 * i];
      float[] minus = decoded[2 * i + 1];
      double s = 0;
      for (int j = 0; j < gradient.length; j++) {
        s += (double) gradient[j] * ((double) plus[j] - minus[j]);
      }
      g[i] = s / (2 * tangentStep);
    }
    return g;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
