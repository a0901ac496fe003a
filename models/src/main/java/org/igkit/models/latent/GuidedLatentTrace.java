package org.igkit.models.latent;

import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathTrace;
import org.igkit.paths.guided.GuidedStep;

/**
 * The guided latent path (MA-GIG): Guided IG's steps taken on the latent vector from z' to z, each
 * latent point decoded and blended as {@link DecodedCurve} says, the first point exactly x' and the
 * last exactly x.
 *
 * <p>Like igkit's input-space {@code guided} path the trace uses only the schedule's size: S steps
 * (size − 1 when the schedule ends at α = 1, else size), points p₀ = x', p₁, …, p_S = x (p_S only
 * when the schedule ends at 1), point k at α = k/S with weight 1 and, once observed, its
 * displacement p_{k+1} − p_k as tangent. A quadrature rule therefore adds the left sum
 * Σ_k ∇f(p_k)·(p_{k+1} − p_k) over the polyline (MA-GIG's own sum), and IDGI telescopes exactly.
 *
 * <p><b>The steering gradient</b> is ∇_ζ f at the step's start, exact: the input gradient g at
 * p_k pulled back through the decoder, J_D(ζ_k)ᵀ g (one VJP; {@link LatentCodec#decodeVjp}). Inside
 * the end-blend zones p_k = (1 − w₀ − w₁)D(ζ_k) + …, whose ζ-gradient is that VJP times the
 * positive factor 1 − w₀ − w₁, which Guided IG's selection ignores. At p₀ = x' the point does not
 * depend on ζ at all, so the first step is steered, as in the reference, by ∇_ζ f(D(z')): one extra
 * model gradient at D(z') (the request's model and target).
 *
 * <p><b>The loop.</b> {@code igkit}: {@link GuidedStep} (targets (k+1)/S, the window maxDist, the
 * last step lands on z). {@code reference}: the authors' loop, {@link ReferenceLatentStep}: step k
 * aims at progress (k+1)/(S+1), unbounded, optionally with slerp moves, and the point after the
 * last step is replaced by z (their final jump). Lookahead is 1.
 */
final class GuidedLatentTrace implements PathTrace {

  private final DecodedCurve curve;
  private final int steps;
  private final int points;
  private final double fraction;
  private final double maxDist;
  private final boolean reference;
  private final boolean slerp;
  private final ModelFunction model;
  private final int target;
  private final double[] zStart;
  private final double[] zEnd;
  private final double[] z;
  private final float[] zeros;
  private final double total;
  private final double[] scratch;
  private final int[] index;
  private float[] pending;
  private int emitted;
  private int observed;

  GuidedLatentTrace(
      DecodedCurve curve, int steps, boolean emitEnd, double fraction, double maxDist, boolean reference,
      boolean slerp, ModelFunction model, int target) {
    this.curve = curve;
    this.steps = steps;
    this.points = emitEnd ? steps + 1 : steps;
    this.fraction = fraction;
    this.maxDist = maxDist;
    this.reference = reference;
    this.slerp = slerp;
    this.model = model;
    this.target = target;
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
    this.index = new int[z.length];
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
    double[] g = latentGradient(k, gradient);
    if (reference) {
      ReferenceLatentStep.advance(z, zEnd, g, (k + 1.0) / (steps + 1), total, fraction, slerp, scratch, index);
    } else {
      GuidedStep.advance(z, zEnd, zStart, g, (k + 1.0) / steps, total, fraction, maxDist, scratch);
    }
    if (k == steps - 1) {
      System.arraycopy(zEnd, 0, z, 0, z.length);
    }
    double alpha = (k + 1.0) / steps;
    float[] nextPosition = k + 1 == steps
        ? curve.input().clone()
        : curve.position(alpha, curve.codec().decode(List.of(GeodesicLatents.toFloat(z)))[0]);
    float[] from = point.position();
    float[] displacement = new float[from.length];
    for (int i = 0; i < from.length; i++) {
      displacement[i] = (float) ((double) nextPosition[i] - from[i]);
    }
    pending = nextPosition;
    return point.withIncrement(displacement, 1.0);
  }

  /** Returns ∇_ζ f at the current latent: J_D(ζ)ᵀ g (at k = 0: g taken at D(z'), see the class comment). */
  private double[] latentGradient(int k, float[] gradient) {
    float[] zk = GeodesicLatents.toFloat(z);
    float[] g = gradient;
    if (k == 0) {
      float[] decoded = curve.codec().decode(List.of(zk))[0];
      g = model.scoresAndGradients(List.of(decoded), new int[] {target}).gradients().get(0);
    }
    float[] v = curve.codec().decodeVjp(List.of(zk), List.of(g))[0];
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
