package org.igkit.metrics.road;

import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;

/**
 * ROAD's linear imputation without its noise: every removed pixel becomes the weighted mean of its
 * in-image 8 neighbours, weight 1/6 for the 4 edge neighbours and 1/12 for the 4 corner neighbours,
 * normalised over the neighbours inside the image; removed neighbours enter with their own imputed
 * values, so all removed pixels of a channel are solved jointly.
 *
 * <p>For removed pixel i with in-image neighbours N(i) (weights w_ij) the equation is
 * d_i·v_i − Σ_{j ∈ N(i) removed} w_ij·v_j = Σ_{j ∈ N(i) kept} w_ij·x_j, d_i = Σ_{j ∈ N(i)} w_ij.
 * The matrix is symmetric (w_ij = w_ji) and diagonally dominant, strictly in every row next to a
 * kept pixel; every connected group of removed pixels borders a kept one unless every pixel is
 * removed, so it is positive definite. It is solved per channel by conjugate gradients with the
 * Jacobi (diagonal) preconditioner, from v = 0, until the residual's Euclidean norm is at most
 * {@link #TOLERANCE} times the right-hand side's (or at most {@link #MAX_ITERATIONS_PER_UNKNOWN}
 * times the number of unknowns + 100 iterations, then an error). When every pixel is removed there
 * is nothing to impute from; the system is then singular with right-hand side 0 and igkit fills 0,
 * its minimum-norm solution.
 */
public final class LinearImputation {

  /** Relative residual ‖b − Av‖₂ / ‖b‖₂ at which the solver stops. */
  public static final double TOLERANCE = 1e-10;
  /** Iterations allowed per unknown (plus 100) before the solver gives up. */
  public static final int MAX_ITERATIONS_PER_UNKNOWN = 10;

  private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
  private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
  private static final double EDGE = 1.0 / 6;
  private static final double CORNER = 1.0 / 12;

  private LinearImputation() {}

  /**
   * Returns the C×H×W {@code image} with the pixels where {@code removed[y·W + x]} is true (every
   * channel) replaced by the solution of the system, in double precision.
   */
  public static double[] impute(float[] image, Shape shape, boolean[] removed) {
    int h = shape.height();
    int w = shape.width();
    int pixels = shape.pixels();
    double[] out = new double[image.length];
    for (int i = 0; i < image.length; i++) {
      out[i] = image[i];
    }
    int[] unknown = new int[pixels];
    int n = 0;
    for (int p = 0; p < pixels; p++) {
      unknown[p] = removed[p] ? n++ : -1;
    }
    if (n == 0) {
      return out;
    }
    int[] pixelOf = new int[n];
    double[] diagonal = new double[n];
    // neighbours of unknown u: column index (another unknown) or −1, and weight
    int[] column = new int[8 * n];
    int[] neighbourPixel = new int[8 * n];
    double[] weight = new double[8 * n];
    for (int p = 0; p < pixels; p++) {
      int u = unknown[p];
      if (u < 0) {
        continue;
      }
      pixelOf[u] = p;
      int y = p / w;
      int x = p % w;
      for (int k = 0; k < 8; k++) {
        int yy = y + DY[k];
        int xx = x + DX[k];
        int slot = 8 * u + k;
        if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
          weight[slot] = 0;
          column[slot] = -1;
          neighbourPixel[slot] = -1;
          continue;
        }
        double wt = DY[k] == 0 || DX[k] == 0 ? EDGE : CORNER;
        int q = yy * w + xx;
        weight[slot] = wt;
        neighbourPixel[slot] = q;
        column[slot] = unknown[q];
        diagonal[u] += wt;
      }
    }
    double[] b = new double[n];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * pixels;
      for (int u = 0; u < n; u++) {
        double s = 0;
        for (int k = 0; k < 8; k++) {
          int slot = 8 * u + k;
          if (neighbourPixel[slot] >= 0 && column[slot] < 0) {
            s += weight[slot] * image[base + neighbourPixel[slot]];
          }
        }
        b[u] = s;
      }
      double[] v = solve(b, diagonal, column, weight);
      for (int u = 0; u < n; u++) {
        out[base + pixelOf[u]] = v[u];
      }
    }
    return out;
  }

  /** (A v)_u = d_u v_u − Σ_{unknown neighbours j} w_uj v_j. */
  private static void multiply(double[] v, double[] diagonal, int[] column, double[] weight, double[] out) {
    for (int u = 0; u < v.length; u++) {
      double s = diagonal[u] * v[u];
      for (int k = 0; k < 8; k++) {
        int j = column[8 * u + k];
        if (j >= 0) {
          s -= weight[8 * u + k] * v[j];
        }
      }
      out[u] = s;
    }
  }

  /** Jacobi-preconditioned conjugate gradients from 0. */
  static double[] solve(double[] b, double[] diagonal, int[] column, double[] weight) {
    int n = b.length;
    double[] v = new double[n];
    double bNorm = Math.sqrt(dot(b, b));
    if (bNorm == 0) {
      return v;
    }
    double[] r = b.clone();
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = r[i] / diagonal[i];
    }
    double[] p = z.clone();
    double[] ap = new double[n];
    double rz = dot(r, z);
    long limit = (long) MAX_ITERATIONS_PER_UNKNOWN * n + 100;
    for (long it = 0; it < limit; it++) {
      multiply(p, diagonal, column, weight, ap);
      double alpha = rz / dot(p, ap);
      for (int i = 0; i < n; i++) {
        v[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
      }
      if (Math.sqrt(dot(r, r)) <= TOLERANCE * bNorm) {
        return v;
      }
      for (int i = 0; i < n; i++) {
        z[i] = r[i] / diagonal[i];
      }
      double rzNext = dot(r, z);
      double beta = rzNext / rz;
      rz = rzNext;
      for (int i = 0; i < n; i++) {
        p[i] = z[i] + beta * p[i];
      }
    }
    throw new MetricException("road: the linear imputation of " + n + " pixels did not reach a relative residual of "
        + TOLERANCE + " within " + limit + " conjugate-gradient iterations");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
