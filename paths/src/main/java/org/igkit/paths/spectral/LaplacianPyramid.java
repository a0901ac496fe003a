package org.igkit.paths.spectral;

/**
 * A Laplacian pyramid of one H×W image, as the Spectral IG reference builds it: while fewer than
 * {@code levels} levels are taken and the smaller side is ≥ 2, low = 2×2 mean pool with stride 2
 * (⌊h/2⌋×⌊w/2⌋, an odd last row or column dropped) and residual = cur − up(low), then cur = low.
 * {@code up} is bilinear resizing with half-pixel centres (PyTorch's {@code align_corners=False}):
 * output i reads source (i + ½)·in/out − ½, clamped at 0, between its floor and the next sample
 * (the last one repeated).
 */
final class LaplacianPyramid {

  private LaplacianPyramid() {}

  /** Returns how many levels are taken: at most {@code levels}, while the smaller side is ≥ 2. */
  static int depth(int h, int w, int levels) {
    int depth = 0;
    while (depth < levels && Math.min(h, w) >= 2) {
      h /= 2;
      w /= 2;
      depth++;
    }
    return depth;
  }

  /** 2×2 mean pool, stride 2, floor. */
  static double[] pool(double[] img, int h, int w) {
    int oh = h / 2;
    int ow = w / 2;
    double[] out = new double[oh * ow];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        out[i * ow + j] = (img[2 * i * w + 2 * j] + img[2 * i * w + 2 * j + 1]
            + img[(2 * i + 1) * w + 2 * j] + img[(2 * i + 1) * w + 2 * j + 1]) / 4;
      }
    }
    return out;
  }

  /** Bilinear resize (half-pixel centres) of an ih×iw image to oh×ow. */
  static double[] resize(double[] img, int ih, int iw, int oh, int ow) {
    double[] rows = new double[oh * iw];
    for (int i = 0; i < oh; i++) {
      int i0 = source(i, ih, oh);
      double t = position(i, ih, oh) - i0;
      int i1 = Math.min(i0 + 1, ih - 1);
      for (int j = 0; j < iw; j++) {
        rows[i * iw + j] = (1 - t) * img[i0 * iw + j] + t * img[i1 * iw + j];
      }
    }
    double[] out = new double[oh * ow];
    for (int j = 0; j < ow; j++) {
      int j0 = source(j, iw, ow);
      double t = position(j, iw, ow) - j0;
      int j1 = Math.min(j0 + 1, iw - 1);
      for (int i = 0; i < oh; i++) {
        out[i * ow + j] = (1 - t) * rows[i * iw + j0] + t * rows[i * iw + j1];
      }
    }
    return out;
  }

  private static double position(int i, int in, int out) {
    return Math.max(0, (i + 0.5) * in / out - 0.5);
  }

  private static int source(int i, int in, int out) {
    return Math.min((int) Math.floor(position(i, in, out)), in - 1);
  }

  /**
   * Builds {@code depth} levels and returns the components at full size: index 0 the last
   * low-pass image, then the residuals from the finest (index 1) to the coarsest, each upsampled
   * level by level.
   */
  static double[][] components(double[] img, int h, int w, int depth) {
    int[] hs = new int[depth + 1];
    int[] ws = new int[depth + 1];
    hs[0] = h;
    ws[0] = w;
    double[][] out = new double[1 + depth][];
    double[] cur = img;
    for (int level = 0; level < depth; level++) {
      hs[level + 1] = hs[level] / 2;
      ws[level + 1] = ws[level] / 2;
      double[] low = pool(cur, hs[level], ws[level]);
      double[] back = resize(low, hs[level + 1], ws[level + 1], hs[level], ws[level]);
      double[] residual = new double[cur.length];
      for (int i = 0; i < cur.length; i++) {
        residual[i] = cur[i] - back[i];
      }
      out[1 + level] = upTo(residual, level, hs, ws);
      cur = low;
    }
    out[0] = upTo(cur, depth, hs, ws);
    return out;
  }

  /** Upsamples an image of level {@code from} level by level to level 0. */
  private static double[] upTo(double[] img, int from, int[] hs, int[] ws) {
    double[] cur = img;
    for (int level = from; level >= 1; level--) {
      cur = resize(cur, hs[level], ws[level], hs[level - 1], ws[level - 1]);
    }
    return cur;
  }
}
