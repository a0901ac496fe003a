package org.igkit.paths;

/**
 * The softmax of a linear model, p = softmax(Wx + b), and its input gradient in double precision:
 * the independent reference the comparison-suite path tests check igkit's loops against.
 */
public final class SoftmaxLinear {

  private SoftmaxLinear() {}

  /** Returns p = softmax(Wx + b), shifted by the largest logit before exponentiating. */
  public static double[] probabilities(double[][] w, double[] b, double[] x) {
    double[] z = new double[w.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < w.length; k++) {
      z[k] = b[k];
      for (int i = 0; i < x.length; i++) {
        z[k] += w[k][i] * x[i];
      }
      max = Math.max(max, z[k]);
    }
    double total = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      total += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= total;
    }
    return z;
  }

  /** Returns ∂p_t/∂x_i = p_t (w_t,i − Σ_k p_k w_k,i). */
  public static double[] gradient(double[][] w, double[] b, double[] x, int t) {
    double[] p = probabilities(w, b, x);
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double mean = 0;
      for (int k = 0; k < w.length; k++) {
        mean += p[k] * w[k][i];
      }
      g[i] = p[t] * (w[t][i] - mean);
    }
    return g;
  }
}
