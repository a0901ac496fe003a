package org.igkit.metrics.sanity;

import java.util.Arrays;
import org.igkit.api.model.Shape;

/**
 * How two attribution maps are compared by the sanity checks. Both first become one value per
 * pixel: Σ_c |A_c| ({@code absolute}, Adebayo et al.'s default) or Σ_c A_c.
 *
 * <ul>
 *   <li>{@link #SPEARMAN}: the Pearson correlation of the two pixel maps' ranks, tied values
 *       sharing their mean rank; 0 when either map is constant.
 *   <li>{@link #SSIM}: the structural similarity (Wang et al., 2004) of the two maps, each first
 *       min–max normalised to [0, 1] (a constant map becomes 0), as scikit-image's
 *       {@code structural_similarity} computes it by default: a w×w uniform window, w = 7 (or the
 *       largest odd number ≤ min(H, W) when the map is smaller), sample (co)variances (divided by
 *       w² − 1), C₁ = (0.01·L)², C₂ = (0.03·L)² with data range L = 1, and the mean over the window
 *       centres at least (w − 1)/2 pixels from the border.
 * </ul>
 */
public enum Similarity {
  /** Spearman's rank correlation. */
  SPEARMAN,
  /** Mean structural similarity of the [0, 1]-normalised maps. */
  SSIM;

  /** Returns the similarity of two C×H×W maps. */
  public double of(float[] a, float[] b, Shape shape, boolean absolute) {
    double[] x = pixels(a, shape, absolute);
    double[] y = pixels(b, shape, absolute);
    return this == SPEARMAN ? spearman(x, y) : ssim(normalised(x), normalised(y), shape.height(), shape.width());
  }

  /** Returns the per-pixel map: Σ_c |A_c| or Σ_c A_c. */
  static double[] pixels(float[] map, Shape shape, boolean absolute) {
    int n = shape.height() * shape.width();
    double[] out = new double[n];
    for (int c = 0; c < shape.channels(); c++) {
      for (int i = 0; i < n; i++) {
        double v = map[c * n + i];
        out[i] += absolute ? Math.abs(v) : v;
      }
    }
    return out;
  }

  /** Spearman's ρ with mean ranks for ties; 0 when either side is constant. */
  public static double spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  /** Returns 1-based ranks, ties sharing their mean rank. */
  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] r = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  private static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /** Returns the map min–max scaled to [0, 1]; a constant map gives zeros. */
  static double[] normalised(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = max > min ? (v[i] - min) / (max - min) : 0;
    }
    return out;
  }

  /** Mean SSIM of two H×W maps with values in [0, 1], as the class comment says. */
  public static double ssim(double[] x, double[] y, int h, int w) {
    int win = Math.min(7, Math.min(h, w));
    if (win % 2 == 0) {
      win--;
    }
    int r = (win - 1) / 2;
    double np = (double) win * win;
    double cov = np / (np - 1);
    double c1 = 0.01 * 0.01;
    double c2 = 0.03 * 0.03;
    double total = 0;
    int count = 0;
    for (int cy = r; cy < h - r; cy++) {
      for (int cx = r; cx < w - r; cx++) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int i = (cy + dy) * w + cx + dx;
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
          }
        }
        double ux = sx / np;
        double uy = sy / np;
        double vx = cov * (sxx / np - ux * ux);
        double vy = cov * (syy / np - uy * uy);
        double vxy = cov * (sxy / np - ux * uy);
        total += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        count++;
      }
    }
    return total / count;
  }
}
