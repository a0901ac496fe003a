package org.igkit.metrics.xrai;

import java.util.Arrays;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.model.Shape;

/**
 * Graph-based image segmentation (Felzenszwalb &amp; Huttenlocher, 2004, "Efficient graph-based image
 * segmentation"), in the form scikit-image's {@code felzenszwalb} computes, which PAIR's XRAI calls.
 *
 * <p>Exactly: every channel is blurred with a Gaussian of σ = {@code sigma} pixels (reflected
 * borders, kernel truncated at 4σ); every pixel is joined to its right, lower, lower-right and
 * upper-right neighbour (8-connectivity) by an edge weighing the Euclidean distance of the two
 * pixels' channel vectors. Edges are taken in ascending weight (ties in the order just listed,
 * pixels in raster order); an edge of weight w joins its two components A and B when
 * w &lt; min(Int(A) + τ/|A|, Int(B) + τ/|B|), τ = {@code scale}/255, where Int is the weight of the
 * last edge that joined into the component (0 for a single pixel), and the joined component's Int
 * becomes w. A second pass over the same edges joins any two different components when either has
 * fewer than {@code minSize} pixels. Labels are numbered 0, 1, … in raster order of each
 * component's first pixel.
 */
public final class FelzenszwalbSegmentation {

  private FelzenszwalbSegmentation() {}

  /**
   * Returns the H·W segment label of every pixel.
   *
   * @param image   the C×H×W image
   * @param shape   its shape
   * @param scale   the free parameter (larger: larger segments); τ = scale/255
   * @param sigma   the pre-blur's σ in pixels (0: none)
   * @param minSize the least segment size the second pass enforces
   */
  public static int[] segment(float[] image, Shape shape, double scale, double sigma, int minSize) {
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    float[] im = sigma > 0 ? GaussianBlur.blur(image, shape, sigma, GaussianBlur.Padding.REFLECT) : image;
    int n = h * w;
    int[][] offsets = {{0, 1}, {1, 0}, {1, 1}, {-1, 1}};
    int max = n * offsets.length;
    int[] from = new int[max];
    int[] to = new int[max];
    double[] cost = new double[max];
    int m = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int[] d : offsets) {
          int yy = y + d[0];
          int xx = x + d[1];
          if (yy < 0 || yy >= h || xx >= w) {
            continue;
          }
          int a = y * w + x;
          int b = yy * w + xx;
          double s = 0;
          for (int ch = 0; ch < c; ch++) {
            double diff = (double) im[ch * n + a] - im[ch * n + b];
            s += diff * diff;
          }
          from[m] = a;
          to[m] = b;
          cost[m] = Math.sqrt(s);
          m++;
        }
      }
    }
    Integer[] order = new Integer[m];
    for (int e = 0; e < m; e++) {
      order[e] = e;
    }
    Arrays.sort(order, (p, q) -> Double.compare(cost[p], cost[q])); // stable: ties keep edge order
    int[] parent = new int[n];
    int[] size = new int[n];
    double[] internal = new double[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    double tau = scale / 255.0;
    for (Integer e : order) {
      int a = find(parent, from[e]);
      int b = find(parent, to[e]);
      if (a == b) {
        continue;
      }
      if (cost[e] < Math.min(internal[a] + tau / size[a], internal[b] + tau / size[b])) {
        int r = join(parent, size, a, b);
        internal[r] = cost[e];
      }
    }
    for (Integer e : order) {
      int a = find(parent, from[e]);
      int b = find(parent, to[e]);
      if (a != b && (size[a] < minSize || size[b] < minSize)) {
        join(parent, size, a, b);
      }
    }
    int[] labels = new int[n];
    int[] byRoot = new int[n];
    Arrays.fill(byRoot, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (byRoot[r] < 0) {
        byRoot[r] = next++;
      }
      labels[i] = byRoot[r];
    }
    return labels;
  }

  private static int find(int[] parent, int i) {
    int r = i;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[i] != r) {
      int p = parent[i];
      parent[i] = r;
      i = p;
    }
    return r;
  }

  /** Joins two roots, the smaller under the larger; returns the new root. */
  private static int join(int[] parent, int[] size, int a, int b) {
    if (size[a] < size[b]) {
      int t = a;
      a = b;
      b = t;
    }
    parent[b] = a;
    size[a] += size[b];
    return a;
  }
}
