package org.igkit.paths.spectral;

import java.util.Arrays;
import org.igkit.api.model.Shape;

/**
 * The orthonormal 2-D DCT-II coefficients of Δ, per channel: Δ̂_c = B_H Δ_c B_Wᵀ with
 * B_N[u][n] = c_u cos(π(2n + 1)u / 2N), c_0 = √(1/N), c_u = √(2/N) otherwise (scipy's
 * {@code dctn(norm='ortho')}). Component (c, u, v) is the coefficient Δ̂_c[u][v] times its basis
 * image; its strength falls with the normalised frequency radius
 * r = √((u/(H−1))² + (v/(W−1))²): s = clamp(1 − r / max r, 0, 1), max r = √2. A side of length 1
 * has only frequency 0 and contributes no term (then max r = 1, or s = 1 on a 1×1 image).
 * Components are indexed (c·H + u)·W + v, like the pixels.
 */
final class DctComponents extends SpectralComponents {

  private final Shape shape;
  private final double[] coefficients;
  private final double[] strengths;
  private final double[][] basisH;
  private final double[][] basisW;

  private DctComponents(double[] delta, Shape shape, double[] coefficients, double[] strengths,
      double[][] basisH, double[][] basisW) {
    super(delta);
    this.shape = shape;
    this.coefficients = coefficients;
    this.strengths = strengths;
    this.basisH = basisH;
    this.basisW = basisW;
  }

  /** Transforms Δ. */
  static DctComponents of(double[] delta, Shape shape) {
    int h = shape.height();
    int w = shape.width();
    double[][] bh = basis(h);
    double[][] bw = basis(w);
    double[] coefficients = new double[delta.length];
    double[] tmp = new double[h * w];
    for (int c = 0; c < shape.channels(); c++) {
      int off = c * h * w;
      // tmp[u][x] = Σ_y B_H[u][y] Δ[y][x]; then Δ̂[u][v] = Σ_x tmp[u][x] B_W[v][x].
      Arrays.fill(tmp, 0);
      for (int u = 0; u < h; u++) {
        for (int y = 0; y < h; y++) {
          double b = bh[u][y];
          for (int x = 0; x < w; x++) {
            tmp[u * w + x] += b * delta[off + y * w + x];
          }
        }
      }
      for (int u = 0; u < h; u++) {
        for (int v = 0; v < w; v++) {
          double s = 0;
          for (int x = 0; x < w; x++) {
            s += tmp[u * w + x] * bw[v][x];
          }
          coefficients[off + u * w + v] = s;
        }
      }
    }
    double[] strengths = new double[delta.length];
    double maxRadius = Math.sqrt((h > 1 ? 1 : 0) + (w > 1 ? 1 : 0));
    for (int c = 0; c < shape.channels(); c++) {
      for (int u = 0; u < h; u++) {
        for (int v = 0; v < w; v++) {
          double fu = h > 1 ? (double) u / (h - 1) : 0;
          double fv = w > 1 ? (double) v / (w - 1) : 0;
          double s = maxRadius == 0 ? 1 : 1 - Math.sqrt(fu * fu + fv * fv) / maxRadius;
          strengths[(c * h + u) * w + v] = Math.max(0, Math.min(1, s));
        }
      }
    }
    return new DctComponents(delta, shape, coefficients, strengths, bh, bw);
  }

  /** The orthonormal DCT-II matrix B_N[u][n]. */
  static double[][] basis(int n) {
    double[][] b = new double[n][n];
    for (int u = 0; u < n; u++) {
      double scale = Math.sqrt((u == 0 ? 1.0 : 2.0) / n);
      for (int i = 0; i < n; i++) {
        b[u][i] = scale * Math.cos(Math.PI * (2 * i + 1) * u / (2.0 * n));
      }
    }
    return b;
  }

  @Override
  int count() {
    return coefficients.length;
  }

  @Override
  double strength(int k) {
    return strengths[k];
  }

  /** Returns the DCT coefficient of component {@code k}. */
  double coefficient(int k) {
    return coefficients[k];
  }

  @Override
  void add(int k, double factor, double[] target) {
    int h = shape.height();
    int w = shape.width();
    int c = k / (h * w);
    int u = k / w % h;
    int v = k % w;
    double a = factor * coefficients[k];
    if (a == 0) {
      return;
    }
    for (int y = 0; y < h; y++) {
      double ay = a * basisH[u][y];
      int row = c * h * w + y * w;
      for (int x = 0; x < w; x++) {
        target[row + x] += ay * basisW[v][x];
      }
    }
  }

  /** Adds the inverse transform of the weighted coefficients, channel by channel. */
  @Override
  void accumulate(double[] weights, double[] target) {
    int h = shape.height();
    int w = shape.width();
    double[] g = new double[h * w];
    double[] tmp = new double[h * w];
    for (int c = 0; c < shape.channels(); c++) {
      int off = c * h * w;
      boolean any = false;
      for (int i = 0; i < g.length; i++) {
        g[i] = weights[off + i] * coefficients[off + i];
        any |= g[i] != 0;
      }
      if (!any) {
        continue;
      }
      // tmp[u][x] = Σ_v G[u][v] B_W[v][x]; then target[y][x] += Σ_u B_H[u][y] tmp[u][x].
      Arrays.fill(tmp, 0);
      boolean[] rowUsed = new boolean[h];
      for (int u = 0; u < h; u++) {
        for (int v = 0; v < w; v++) {
          double gv = g[u * w + v];
          if (gv == 0) {
            continue;
          }
          rowUsed[u] = true;
          for (int x = 0; x < w; x++) {
            tmp[u * w + x] += gv * basisW[v][x];
          }
        }
      }
      for (int u = 0; u < h; u++) {
        if (!rowUsed[u]) {
          continue;
        }
        for (int y = 0; y < h; y++) {
          double b = basisH[u][y];
          int row = off + y * w;
          for (int x = 0; x < w; x++) {
            target[row + x] += b * tmp[u * w + x];
          }
        }
      }
    }
  }
}
