package org.igkit.paths.spectral;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Singular value decomposition of a small dense matrix by one-sided Jacobi rotations (Hestenes,
 * 1958), in double precision: A = Σ_i σ_i u_i v_iᵀ. Columns of a working copy of A (or of Aᵀ
 * when A is wide) are rotated pairwise until all are orthogonal; their norms are the singular
 * values. Accurate to a few ulps relative to σ_max; O(sweeps · rows · cols²) time, fine for image
 * sized matrices (224×224 in well under a second).
 */
public final class JacobiSvd {

  /**
   * One rank-one term σ u vᵀ, stored as {@code left} = σ·u (rows values) and {@code right} = v
   * (cols values, unit length).
   *
   * @param sigma the singular value σ ≥ 0
   * @param left  σ·u
   * @param right v
   */
  public record Component(double sigma, double[] left, double[] right) {}

  private static final int MAX_SWEEPS = 60;

  private JacobiSvd() {}

  /**
   * Returns the rank-one components of the {@code rows}×{@code cols} matrix {@code a} (row-major),
   * min(rows, cols) of them, by decreasing σ (ties keep the earlier column); Σ left·rightᵀ = A.
   */
  public static List<Component> decompose(double[] a, int rows, int cols) {
    if (a.length != rows * cols) {
      throw new IllegalArgumentException("matrix: has " + a.length + " values, expected " + rows + "×" + cols);
    }
    boolean wide = rows < cols;
    int m = wide ? cols : rows; // length of each working column
    int n = wide ? rows : cols; // number of working columns
    // Working columns w[j] (length m) and accumulated rotations r[j] (length n): W = A·R, or Aᵀ·R.
    double[][] w = new double[n][m];
    double[][] r = new double[n][n];
    for (int j = 0; j < n; j++) {
      r[j][j] = 1;
      for (int i = 0; i < m; i++) {
        w[j][i] = wide ? a[j * cols + i] : a[i * cols + j];
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double alpha = dot(w[p], w[p]);
          double beta = dot(w[q], w[q]);
          double gamma = dot(w[p], w[q]);
          if (gamma == 0 || Math.abs(gamma) <= 1e-14 * Math.sqrt(alpha * beta)) {
            continue;
          }
          rotated = true;
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          if (zeta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(1 + t * t);
          double s = c * t;
          rotate(w[p], w[q], c, s);
          rotate(r[p], r[q], c, s);
        }
      }
      if (!rotated) {
        break;
      }
    }
    List<Component> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      double sigma = Math.sqrt(dot(w[j], w[j]));
      // W = M·R with orthogonal R, so M = Σ_j w_j r_jᵀ, where M = A, or Aᵀ when A is wide
      // (then A = Σ_j r_j w_jᵀ = Σ_j (σ_j r_j)(w_j / σ_j)ᵀ).
      out.add(wide ? new Component(sigma, scaled(r[j], sigma), scaled(w[j], sigma == 0 ? 0 : 1 / sigma))
                   : new Component(sigma, w[j].clone(), r[j].clone()));
    }
    out.sort(Comparator.comparingDouble(Component::sigma).reversed());
    return List.copyOf(out);
  }

  private static double[] scaled(double[] v, double factor) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * factor;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** (a, b) ← (c·a − s·b, s·a + c·b). */
  private static void rotate(double[] a, double[] b, double c, double s) {
    for (int i = 0; i < a.length; i++) {
      double x = a[i];
      double y = b[i];
      a[i] = c * x - s * y;
      b[i] = s * x + c * y;
    }
  }
}
