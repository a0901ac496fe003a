package org.igkit.models.latent;

import java.util.ArrayList;
import java.util.List;

/**
 * MIG's latent geodesic (Manifold Integrated Gradients; the SIG authors' {@code
 * GeodesicPathGenerator}): T latent points z_0 = z', …, z_{T−1} = z, first evenly spaced on the
 * straight latent line, then moved by Gauss–Seidel gradient steps on the decoded path's
 * discrete energy. With dt = 1/(T − 1) and
 *
 * <pre>  η_i = −J_D(z_i)ᵀ (D(z_{i+1}) − 2D(z_i) + D(z_{i−1})) / dt,   i = 1 … T − 2,</pre>
 *
 * each iteration first computes E = Σ_i ‖η_i‖² over the current points and stops if E &lt; ε;
 * otherwise it sweeps i = 1 … T − 2 in order, recomputing η_i from the already updated z_{i−1}
 * and setting z_i ← z_i − α η_i. The end points never move.
 *
 * <p>E is what the reference calls the energy: the squared norm of the update direction, not the
 * path energy Σ ‖D(z_{i+1}) − D(z_i)‖²/dt. It is reproduced as is, so with the authors' ε = 1000
 * and a VAE whose η are small the loop stops before the first sweep and the path is the straight
 * latent line (MIG = EIG); {@link #iterationsRun()} tells how many sweeps were made. Each η costs
 * one VJP through the decoder; decodes of unchanged points are reused (one decode per updated
 * point), which computes the same numbers as decoding all three neighbours again.
 */
final class GeodesicLatents {

  private final double[][] z;
  private int sweeps;
  private double lastEnergy = Double.NaN;

  private GeodesicLatents(double[][] z) {
    this.z = z;
  }

  /**
   * Optimises the T = {@code points} latents between {@code start} and {@code end}.
   *
   * @param rate       α, the step size of each update
   * @param iterations the most iterations (energy check + sweep)
   * @param tolerance  ε: stop when E &lt; ε
   */
  static GeodesicLatents optimise(
      LatentCodec codec, double[] start, double[] end, int points, double rate, int iterations, double tolerance) {
    int t = Math.max(points, 2);
    double[][] z = new double[t][];
    for (int i = 0; i < t; i++) {
      double a = (double) i / (t - 1);
      z[i] = new double[start.length];
      for (int k = 0; k < start.length; k++) {
        z[i][k] = start[k] + a * (end[k] - start[k]);
      }
    }
    GeodesicLatents g = new GeodesicLatents(z);
    if (t >= 3) {
      g.run(codec, rate, iterations, tolerance);
    }
    return g;
  }

  private void run(LatentCodec codec, double rate, int iterations, double tolerance) {
    int t = z.length;
    double dt = 1.0 / (t - 1);
    for (int it = 0; it < iterations; it++) {
      float[][] decoded = codec.decode(floats(List.of(z)));
      List<float[]> inner = new ArrayList<>(t - 2);
      List<float[]> cotangents = new ArrayList<>(t - 2);
      for (int i = 1; i < t - 1; i++) {
        inner.add(toFloat(z[i]));
        cotangents.add(acceleration(decoded[i - 1], decoded[i], decoded[i + 1], dt));
      }
      double energy = 0;
      for (float[] v : codec.decodeVjp(inner, cotangents)) {
        for (float e : v) {
          energy += (double) e * e; // ‖η‖² = ‖J_Dᵀ a‖²; the sign does not matter
        }
      }
      lastEnergy = energy;
      if (energy < tolerance) {
        return;
      }
      for (int i = 1; i < t - 1; i++) {
        float[] a = acceleration(decoded[i - 1], decoded[i], decoded[i + 1], dt);
        float[] vjp = codec.decodeVjp(List.of(toFloat(z[i])), List.of(a))[0];
        for (int k = 0; k < z[i].length; k++) {
          z[i][k] += rate * vjp[k]; // z_i − α η_i with η_i = −J_Dᵀ a
        }
        decoded[i] = codec.decode(List.of(toFloat(z[i])))[0];
      }
      sweeps++;
    }
  }

  /** Returns (D_{i+1} − 2D_i + D_{i−1}) / dt. */
  private static float[] acceleration(float[] before, float[] at, float[] after, double dt) {
    float[] a = new float[at.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = (float) (((double) after[k] - 2.0 * at[k] + before[k]) / dt);
    }
    return a;
  }

  /** Returns the latents z_0 … z_{T−1} (the arrays themselves). */
  double[][] latents() {
    return z;
  }

  /** Returns the number of sweeps made (0 when the first energy was already below ε). */
  int iterationsRun() {
    return sweeps;
  }

  /** Returns the last energy computed (NaN when T &lt; 3). */
  double lastEnergy() {
    return lastEnergy;
  }

  /** Returns the latent of the polyline through the points at α = i/(T − 1), extended linearly past the ends. */
  float[] at(double alpha) {
    int segments = z.length - 1;
    double u = alpha * segments;
    int i = (int) Math.floor(u);
    i = Math.max(0, Math.min(segments - 1, i));
    double s = u - i;
    float[] out = new float[z[0].length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (float) (z[i][k] + s * (z[i + 1][k] - z[i][k]));
    }
    return out;
  }

  private static List<float[]> floats(List<double[]> rows) {
    List<float[]> out = new ArrayList<>(rows.size());
    for (double[] r : rows) {
      out.add(toFloat(r));
    }
    return out;
  }

  static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
