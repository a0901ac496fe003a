package org.igkit.paths.spectral;

/**
 * The orthonormal 2-D Haar transform of one H×W image. With a, b, c, d the pixels at (even, even),
 * (even, odd), (odd, even) and (odd, odd) of each 2×2 block: LL = (a+b+c+d)/2,
 * LH = (a−b+c−d)/2, HL = (a+b−c−d)/2, HH = (a−b−c+d)/2, each (H/2)×(W/2); the transform is
 * repeated on LL.
 */
final class Haar {

  private Haar() {}

  /** Returns how many levels are taken: at most {@code levels}, while both sides are even and ≥ 2. */
  static int depth(int h, int w, int levels) {
    int depth = 0;
    while (depth < levels && h >= 2 && w >= 2 && h % 2 == 0 && w % 2 == 0) {
      h /= 2;
      w /= 2;
      depth++;
    }
    return depth;
  }

  /** One level: returns {LL, LH, HL, HH} of the even-sided h×w image. */
  static double[][] forward(double[] img, int h, int w) {
    int hh = h / 2;
    int hw = w / 2;
    double[][] out = new double[4][hh * hw];
    for (int i = 0; i < hh; i++) {
      for (int j = 0; j < hw; j++) {
        double a = img[2 * i * w + 2 * j];
        double b = img[2 * i * w + 2 * j + 1];
        double c = img[(2 * i + 1) * w + 2 * j];
        double d = img[(2 * i + 1) * w + 2 * j + 1];
        int k = i * hw + j;
        out[0][k] = (a + b + c + d) / 2;
        out[1][k] = (a - b + c - d) / 2;
        out[2][k] = (a + b - c - d) / 2;
        out[3][k] = (a - b - c + d) / 2;
      }
    }
    return out;
  }

  /** The inverse of one level: the (2h)×(2w) image of the h×w bands; null bands count as zero. */
  static double[] inverse(double[] ll, double[] lh, double[] hl, double[] hh, int h, int w) {
    int ow = 2 * w;
    double[] out = new double[4 * h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        int k = i * w + j;
        double s = ll == null ? 0 : ll[k];
        double p = lh == null ? 0 : lh[k];
        double q = hl == null ? 0 : hl[k];
        double r = hh == null ? 0 : hh[k];
        out[2 * i * ow + 2 * j] = (s + p + q + r) / 2;
        out[2 * i * ow + 2 * j + 1] = (s - p + q - r) / 2;
        out[(2 * i + 1) * ow + 2 * j] = (s + p - q - r) / 2;
        out[(2 * i + 1) * ow + 2 * j + 1] = (s - p - q + r) / 2;
      }
    }
    return out;
  }

  /**
   * Decomposes over {@code depth} levels and reconstructs each band alone at full size: index 0
   * the last LL, then for level 1 (finest), 2, …: LH, HL, HH.
   */
  static double[][] components(double[] img, int h, int w, int depth) {
    double[][] out = new double[1 + 3 * depth][];
    double[] cur = img;
    int ch = h;
    int cw = w;
    for (int level = 1; level <= depth; level++) {
      double[][] bands = forward(cur, ch, cw);
      ch /= 2;
      cw /= 2;
      for (int band = 1; band <= 3; band++) {
        double[] rec = inverse(null, band == 1 ? bands[1] : null, band == 2 ? bands[2] : null,
            band == 3 ? bands[3] : null, ch, cw);
        out[1 + 3 * (level - 1) + band - 1] = up(rec, level - 1, h, w);
      }
      cur = bands[0];
    }
    out[0] = up(cur, depth, h, w);
    return out;
  }

  /** Inverts {@code from} levels of an approximation with zero details, up to h×w. */
  private static double[] up(double[] img, int from, int h, int w) {
    double[] cur = img;
    for (int level = from; level >= 1; level--) {
      int ch = h >> level;
      int cw = w >> level;
      cur = inverse(cur, null, null, null, ch, cw);
    }
    return cur;
  }
}
