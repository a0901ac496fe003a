package org.igkit.models.latent;

import java.util.List;

/**
 * The geometry shared by both modes of {@link LatentPath}: the latent end points z' = μ(x') and
 * z = μ(x), the decoder D, and the end blend that joins the decoded curve to the true ends.
 *
 * <p>With blend width b ∈ [0, ½] and the smoothstep S(t) = t²(3 − 2t), the weights are
 * w₀(α) = 1 − S(α/b) for α &lt; b (else 0) and w₁(α) = S((α − 1 + b)/b) for α &gt; 1 − b (else 0);
 * a point whose latent is ζ is
 *
 * <pre>  p(α, ζ) = (1 − w₀ − w₁)·D(ζ) + w₀·x' + w₁·x</pre>
 *
 * — a convex combination, so it lies between D(ζ) and the end points (inside [0, 1] when the
 * images are). At α = 0 it is exactly x' and at α = 1 exactly x; with b = 0 the weights are 0
 * everywhere inside (0, 1) and the path jumps at both ends.
 */
final class DecodedCurve {

  private final LatentCodec codec;
  private final float[] input;
  private final float[] baseline;
  private final double[] zStart;
  private final double[] zEnd;
  private final double blend;

  private DecodedCurve(LatentCodec codec, float[] input, float[] baseline, double[] zStart, double[] zEnd, double blend) {
    this.codec = codec;
    this.input = input;
    this.baseline = baseline;
    this.zStart = zStart;
    this.zEnd = zEnd;
    this.blend = blend;
  }

  /** Encodes x' and x (one encoder call) and returns their curve. */
  static DecodedCurve of(LatentCodec codec, float[] input, float[] baseline, double blend) {
    float[][] means = codec.encode(List.of(baseline, input));
    return new DecodedCurve(codec, input, baseline, toDouble(means[0]), toDouble(means[1]), blend);
  }

  LatentCodec codec() {
    return codec;
  }

  float[] input() {
    return input;
  }

  float[] baseline() {
    return baseline;
  }

  /** Returns z' = μ(x'), a fresh copy. */
  double[] zStart() {
    return zStart.clone();
  }

  /** Returns z = μ(x), a fresh copy. */
  double[] zEnd() {
    return zEnd.clone();
  }

  /** Returns ‖z − z'‖₂. */
  double latentDistance() {
    double s = 0;
    for (int i = 0; i < zStart.length; i++) {
      double d = zEnd[i] - zStart[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Returns z' + t·(z − z') as floats (t may lie outside [0, 1]: finite-difference stencils). */
  float[] onLine(double t) {
    float[] z = new float[zStart.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (zStart[i] + t * (zEnd[i] - zStart[i]));
    }
    return z;
  }

  /** Returns slerp(t, z', z) ({@link Slerp}) as floats (t may lie outside [0, 1]). */
  float[] onSlerp(double t) {
    return GeodesicLatents.toFloat(Slerp.between(t, zStart, zEnd));
  }

  /** Returns the weight w₀(α) of the baseline. */
  double startWeight(double alpha) {
    if (alpha <= 0) {
      return 1;
    }
    return alpha < blend ? 1 - smoothstep(alpha / blend) : 0;
  }

  /** Returns the weight w₁(α) of the input. */
  double endWeight(double alpha) {
    if (alpha >= 1) {
      return 1;
    }
    return alpha > 1 - blend ? smoothstep((alpha - 1 + blend) / blend) : 0;
  }

  /** Returns w₀'(α) (0 when b = 0: the jump is not part of the curve). */
  double startWeightSlope(double alpha) {
    return blend > 0 && alpha >= 0 && alpha < blend ? -smoothstepSlope(alpha / blend) / blend : 0;
  }

  /** Returns w₁'(α) (0 when b = 0). */
  double endWeightSlope(double alpha) {
    return blend > 0 && alpha <= 1 && alpha > 1 - blend ? smoothstepSlope((alpha - 1 + blend) / blend) / blend : 0;
  }

  /**
   * Returns p(α, ζ) for the decoded point {@code decoded} = D(ζ): exactly x' at α = 0 and x at
   * α = 1 (fresh arrays).
   */
  float[] position(double alpha, float[] decoded) {
    if (alpha <= 0) {
      return baseline.clone();
    }
    if (alpha >= 1) {
      return input.clone();
    }
    double w0 = startWeight(alpha);
    double w1 = endWeight(alpha);
    if (w0 == 0 && w1 == 0) {
      return decoded.clone();
    }
    double w = 1 - w0 - w1;
    float[] p = new float[decoded.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (w * decoded[i] + w0 * baseline[i] + w1 * input[i]);
    }
    return p;
  }

  /**
   * Returns γ'(α) = (1 − w₀ − w₁)·dD(z(α))/dα + w₀'·(x' − D(z(α))) + w₁'·(x − D(z(α))), with the
   * decoder's derivative by the central difference (D(z(α + h)) − D(z(α − h)))/(2h). With b = 0
   * the weights' factor is taken as 1 at the ends too: the end nodes carry the decoded curve's
   * tangent.
   */
  float[] tangent(double alpha, double h, float[] decoded, float[] plus, float[] minus) {
    double w = blend == 0 ? 1 : 1 - startWeight(alpha) - endWeight(alpha);
    double s0 = startWeightSlope(alpha);
    double s1 = endWeightSlope(alpha);
    double scale = h > 0 ? w / (2 * h) : 0;
    float[] t = new float[decoded.length];
    for (int i = 0; i < t.length; i++) {
      double v = scale * ((double) plus[i] - minus[i]);
      if (s0 != 0) {
        v += s0 * ((double) baseline[i] - decoded[i]);
      }
      if (s1 != 0) {
        v += s1 * ((double) input[i] - decoded[i]);
      }
      t[i] = (float) v;
    }
    return t;
  }

  private static double smoothstep(double t) {
    return t * t * (3 - 2 * t);
  }

  private static double smoothstepSlope(double t) {
    return 6 * t * (1 - t);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
