package org.igkit.models.latent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.igkit.api.model.Shape;

/**
 * A VAE in closed form, for tests: encoder E(x) = P x + q and decoder
 * D_k(z) = c_k + Σ_j W_kj z_j + Σ_j β_kj z_j², so J_D(z)_kj = W_kj + 2β_kj z_j (β = 0: a linear
 * decoder, J_D = W). Weights are drawn once per image shape from a fixed seed; the test computes
 * every expected value from {@link #encodeExact}, {@link #decodeExact} and {@link #jacobian} in
 * double.
 */
final class QuadraticCodec implements LatentCodec {

  private final Shape shape;
  private final int d;
  private final double[][] p;
  private final double[] q;
  private final double[][] w;
  private final double[][] beta;
  private final double[] c;

  QuadraticCodec(Shape shape, int latentDim, double curvature, long seed) {
    this.shape = shape;
    this.d = latentDim;
    int n = shape.size();
    Random r = new Random(seed);
    p = new double[d][n];
    q = new double[d];
    w = new double[n][d];
    beta = new double[n][d];
    c = new double[n];
    for (int j = 0; j < d; j++) {
      q[j] = 0.1 * r.nextGaussian();
      for (int i = 0; i < n; i++) {
        p[j][i] = r.nextGaussian() / Math.sqrt(n);
      }
    }
    for (int i = 0; i < n; i++) {
      c[i] = 0.5 + 0.1 * r.nextGaussian();
      for (int j = 0; j < d; j++) {
        w[i][j] = r.nextGaussian() / Math.sqrt(d);
        beta[i][j] = curvature * r.nextGaussian();
      }
    }
  }

  /** One codec per shape, all with the same latent dimension, curvature and seed. */
  static Function<Shape, QuadraticCodec> perShape(int latentDim, double curvature, long seed) {
    Map<Shape, QuadraticCodec> codecs = new HashMap<>();
    return s -> {
      synchronized (codecs) {
        return codecs.computeIfAbsent(s, k -> new QuadraticCodec(k, latentDim, curvature, seed));
      }
    };
  }

  double[] encodeExact(float[] x) {
    double[] z = q.clone();
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < x.length; i++) {
        z[j] += p[j][i] * x[i];
      }
    }
    return z;
  }

  double[] decodeExact(double[] z) {
    double[] x = c.clone();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        x[i] += w[i][j] * z[j] + beta[i][j] * z[j] * z[j];
      }
    }
    return x;
  }

  /** J_D(z)ᵀ v. */
  double[] jacobianTransposed(double[] z, double[] v) {
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < v.length; i++) {
        out[j] += (w[i][j] + 2 * beta[i][j] * z[j]) * v[i];
      }
    }
    return out;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public int latentDim() {
    return d;
  }

  @Override
  public float[][] encode(List<float[]> images) {
    List<float[]> out = new ArrayList<>();
    for (float[] x : images) {
      out.add(toFloat(encodeExact(x)));
    }
    return out.toArray(new float[0][]);
  }

  @Override
  public float[][] decode(List<float[]> latents) {
    List<float[]> out = new ArrayList<>();
    for (float[] z : latents) {
      out.add(toFloat(decodeExact(toDouble(z))));
    }
    return out.toArray(new float[0][]);
  }

  @Override
  public float[][] decodeVjp(List<float[]> latents, List<float[]> cotangents) {
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < latents.size(); k++) {
      out.add(toFloat(jacobianTransposed(toDouble(latents.get(k)), toDouble(cotangents.get(k)))));
    }
    return out.toArray(new float[0][]);
  }

  @Override
  public void close() {}

  static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
