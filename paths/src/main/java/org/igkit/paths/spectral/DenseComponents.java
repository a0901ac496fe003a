package org.igkit.paths.spectral;

import org.igkit.api.model.Shape;

/**
 * Components stored as whole C×H×W images: the multi-scale decompositions, whose components are
 * few (a Haar band or a pyramid level each, all channels together). Built by {@link #haar} and
 * {@link #laplacian}; strengths are s = linspace(1, 0, K) in component order.
 */
final class DenseComponents extends SpectralComponents {

  private final double[][] components;
  private final double[] strengths;

  private DenseComponents(double[] delta, double[][] components) {
    super(delta);
    this.components = components;
    int n = components.length;
    this.strengths = new double[n];
    for (int k = 0; k < n; k++) {
      strengths[k] = n == 1 ? 1 : 1 - (double) k / (n - 1);
    }
  }

  /**
   * The orthonormal Haar decomposition of Δ, per channel, up to {@code levels} levels; a level is
   * taken only while both sides are even and at least 2. Components, each reconstructed alone to
   * full size: the last approximation LL, then the finest level's LH, HL, HH, then the next
   * level's, and so on (K = 1 + 3L).
   */
  static DenseComponents haar(double[] delta, Shape shape, int levels) {
    int h = shape.height();
    int w = shape.width();
    int pixels = h * w;
    int depth = Haar.depth(h, w, levels);
    double[][] out = new double[1 + 3 * depth][delta.length];
    double[] channel = new double[pixels];
    for (int c = 0; c < shape.channels(); c++) {
      System.arraycopy(delta, c * pixels, channel, 0, pixels);
      double[][] parts = Haar.components(channel, h, w, depth);
      for (int k = 0; k < parts.length; k++) {
        System.arraycopy(parts[k], 0, out[k], c * pixels, pixels);
      }
    }
    return new DenseComponents(delta, out);
  }

  /**
   * The Laplacian pyramid of Δ, per channel, up to {@code levels} levels (see
   * {@link LaplacianPyramid}). Components: the last low-pass image upsampled level by level to
   * full size, then the finest residual, then the coarser residuals, each upsampled level by level
   * (K = L + 1).
   */
  static DenseComponents laplacian(double[] delta, Shape shape, int levels) {
    int h = shape.height();
    int w = shape.width();
    int pixels = h * w;
    int depth = LaplacianPyramid.depth(h, w, levels);
    double[][] out = new double[1 + depth][delta.length];
    double[] channel = new double[pixels];
    for (int c = 0; c < shape.channels(); c++) {
      System.arraycopy(delta, c * pixels, channel, 0, pixels);
      double[][] parts = LaplacianPyramid.components(channel, h, w, depth);
      for (int k = 0; k < parts.length; k++) {
        System.arraycopy(parts[k], 0, out[k], c * pixels, pixels);
      }
    }
    return new DenseComponents(delta, out);
  }

  @Override
  int count() {
    return components.length;
  }

  @Override
  double strength(int k) {
    return strengths[k];
  }

  @Override
  void add(int k, double factor, double[] target) {
    double[] comp = components[k];
    for (int i = 0; i < comp.length; i++) {
      target[i] += factor * comp[i];
    }
  }
}
