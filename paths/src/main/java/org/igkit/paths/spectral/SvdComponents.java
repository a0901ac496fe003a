package org.igkit.paths.spectral;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.Shape;

/**
 * The singular components of Δ: per channel, Δ_c = Σ_i σ_i u_i v_iᵀ with C_{c,i} = σ_i u_i v_iᵀ
 * and s_{c,i} = clamp(σ_i / max(σ_1, 1e-10), 0, 1), σ_1 the channel's largest singular value; or,
 * jointly, one SVD of Δ read as a (C·H)×W matrix (channels stacked vertically, which is the C×H×W
 * layout itself) with the same strengths. min(rows, cols) components per matrix, zero ones
 * included (they add nothing).
 */
final class SvdComponents extends SpectralComponents {

  /** σ_1 below this counts as zero when forming strengths (the reference's floor). */
  static final double SIGMA_FLOOR = 1e-10;

  private record Term(int offset, JacobiSvd.Component factors, double strength) {}

  private final List<Term> terms;
  private final int cols;

  private SvdComponents(double[] delta, List<Term> terms, int cols) {
    super(delta);
    this.terms = List.copyOf(terms);
    this.cols = cols;
  }

  /** Decomposes Δ per channel ({@code joint} false) or as one (C·H)×W matrix. */
  static SvdComponents of(double[] delta, Shape shape, boolean joint) {
    int h = shape.height();
    int w = shape.width();
    int blocks = joint ? 1 : shape.channels();
    int rows = joint ? shape.channels() * h : h;
    List<Term> terms = new ArrayList<>();
    for (int c = 0; c < blocks; c++) {
      int offset = c * rows * w;
      double[] block = new double[rows * w];
      System.arraycopy(delta, offset, block, 0, block.length);
      List<JacobiSvd.Component> svd = JacobiSvd.decompose(block, rows, w);
      double top = Math.max(svd.get(0).sigma(), SIGMA_FLOOR);
      for (JacobiSvd.Component comp : svd) {
        terms.add(new Term(offset, comp, Math.max(0, Math.min(1, comp.sigma() / top))));
      }
    }
    return new SvdComponents(delta, terms, w);
  }

  @Override
  int count() {
    return terms.size();
  }

  @Override
  double strength(int k) {
    return terms.get(k).strength();
  }

  /** Returns σ of component {@code k}. */
  double sigma(int k) {
    return terms.get(k).factors().sigma();
  }

  @Override
  void add(int k, double factor, double[] target) {
    Term t = terms.get(k);
    if (t.factors().sigma() == 0 || factor == 0) {
      return;
    }
    double[] left = t.factors().left();
    double[] right = t.factors().right();
    for (int y = 0; y < left.length; y++) {
      double ly = factor * left[y];
      if (ly == 0) {
        continue;
      }
      int row = t.offset() + y * cols;
      for (int x = 0; x < cols; x++) {
        target[row + x] += ly * right[x];
      }
    }
  }
}
