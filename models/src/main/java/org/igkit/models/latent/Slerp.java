package org.igkit.models.latent;

/**
 * Spherical linear interpolation of latent vectors, as the MA-GIG and SIG authors use it (EIG's
 * latent line and MA-GIG's guided move with {@code use_slerp}): with θ the angle between v₀ and
 * v₁,
 *
 * <pre>  slerp(t, v₀, v₁) = sin((1 − t)θ)/sin θ · v₀ + sin(tθ)/sin θ · v₁,</pre>
 *
 * falling back to the straight interpolation (1 − t)v₀ + t v₁ when either norm is below
 * {@value #MIN_NORM} or |cos θ| &gt; {@value #MAX_COS} (nearly parallel or opposite vectors, where
 * sin θ is too small to divide by). The vectors are not normalised: the result runs along the great
 * circle scaled between the two norms' mixture, and equals v₀ at t = 0 and v₁ at t = 1.
 */
final class Slerp {

  /** Norms below this fall back to lerp. */
  static final double MIN_NORM = 1e-9;

  /** |cos θ| above this falls back to lerp. */
  static final double MAX_COS = 0.9995;

  private Slerp() {}

  /** Returns slerp(t, v0, v1) (a fresh array; t may lie outside [0, 1]). */
  static double[] between(double t, double[] v0, double[] v1) {
    double[] out = new double[v0.length];
    int[] all = new int[v0.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    move(t, v0, v1, all, all.length, out);
    return out;
  }

  /**
   * Writes slerp(t, v0_S, v1_S) into {@code out} at the entries {@code S} = {@code index[0 .. n)},
   * the selected entries taken as one vector; other entries of {@code out} are left alone.
   */
  static void move(double t, double[] v0, double[] v1, int[] index, int n, double[] out) {
    double n0 = 0;
    double n1 = 0;
    double dot = 0;
    for (int k = 0; k < n; k++) {
      int i = index[k];
      n0 += v0[i] * v0[i];
      n1 += v1[i] * v1[i];
      dot += v0[i] * v1[i];
    }
    n0 = Math.sqrt(n0);
    n1 = Math.sqrt(n1);
    double cos = n0 < MIN_NORM || n1 < MIN_NORM ? 1 : Math.max(-1, Math.min(1, dot / (n0 * n1)));
    if (n0 < MIN_NORM || n1 < MIN_NORM || Math.abs(cos) > MAX_COS) {
      for (int k = 0; k < n; k++) {
        int i = index[k];
        out[i] = v0[i] + t * (v1[i] - v0[i]);
      }
      return;
    }
    double theta = Math.acos(cos);
    double sin = Math.sin(theta);
    double s0 = Math.sin((1 - t) * theta) / sin;
    double s1 = Math.sin(t * theta) / sin;
    for (int k = 0; k < n; k++) {
      int i = index[k];
      out[i] = s0 * v0[i] + s1 * v1[i];
    }
  }
}
