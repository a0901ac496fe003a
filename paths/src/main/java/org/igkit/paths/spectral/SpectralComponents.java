package org.igkit.paths.spectral;

/**
 * The components C_0 … C_{K−1} of a difference image Δ = x − x' (C×H×W, double precision) that
 * {@link SpectralPath} switches on one by one, each with its strength s_k ∈ [0, 1] (1 = first).
 * The components sum to Δ. Implementations store them compactly (rank-one factors, transform
 * coefficients, or dense images) and add weighted sums of them into an image.
 */
abstract class SpectralComponents {

  private final double[] delta;

  SpectralComponents(double[] delta) {
    this.delta = delta;
  }

  /** Returns K, the number of components. */
  abstract int count();

  /** Returns the strength s_k of component {@code k}. */
  abstract double strength(int k);

  /** Adds {@code factor · C_k} to {@code target} (C×H×W). */
  abstract void add(int k, double factor, double[] target);

  /** Returns Δ, the sum of the components (not a copy). */
  final double[] delta() {
    return delta;
  }

  /** Returns component {@code k} as a C×H×W image. */
  final double[] component(int k) {
    double[] out = new double[delta.length];
    add(k, 1, out);
    return out;
  }

  /**
   * Adds Σ_k weights[k] · C_k to {@code target}. When more weights are 1 than are not, it adds Δ
   * and then Σ_k (weights[k] − 1) · C_k instead, which touches fewer components (equal, since the
   * components sum to Δ).
   */
  void accumulate(double[] weights, double[] target) {
    int nonZero = 0;
    int nonOne = 0;
    for (double w : weights) {
      nonZero += w != 0 ? 1 : 0;
      nonOne += w != 1 ? 1 : 0;
    }
    if (nonOne < nonZero) {
      for (int i = 0; i < delta.length; i++) {
        target[i] += delta[i];
      }
      for (int k = 0; k < weights.length; k++) {
        if (weights[k] != 1) {
          add(k, weights[k] - 1, target);
        }
      }
    } else {
      for (int k = 0; k < weights.length; k++) {
        if (weights[k] != 0) {
          add(k, weights[k], target);
        }
      }
    }
  }
}
