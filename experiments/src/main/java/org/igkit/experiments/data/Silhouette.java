package org.igkit.experiments.data;

import java.util.ArrayDeque;

/**
 * The ground-truth region of a pasted Fashion-MNIST item: its pixels of intensity at least
 * {@link #THRESHOLD} (Fashion-MNIST has faint noise around many items), with the holes they
 * enclose filled (dark parts of an item are still the item). Everything outside the silhouette
 * is left untouched when the item is drawn, so the mask is exact.
 */
final class Silhouette {

  /** Least intensity of an item pixel, 10/255. */
  static final float THRESHOLD = 10 / 255f;

  private Silhouette() {}

  /** Returns the h×w silhouette (1 inside, 0 outside) of intensities {@code alpha}. */
  static boolean[] of(float[] alpha, int h, int w) {
    boolean[] solid = new boolean[h * w];
    for (int p = 0; p < solid.length; p++) {
      solid[p] = alpha[p] >= THRESHOLD;
    }
    // background = non-solid pixels 4-connected to the border; every other pixel is inside
    boolean[] outside = new boolean[h * w];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if ((y == 0 || x == 0 || y == h - 1 || x == w - 1) && !solid[y * w + x] && !outside[y * w + x]) {
          outside[y * w + x] = true;
          queue.add(y * w + x);
        }
      }
    }
    while (!queue.isEmpty()) {
      int p = queue.poll();
      int y = p / w;
      int x = p % w;
      int[][] next = {{y - 1, x}, {y + 1, x}, {y, x - 1}, {y, x + 1}};
      for (int[] n : next) {
        if (n[0] >= 0 && n[0] < h && n[1] >= 0 && n[1] < w) {
          int q = n[0] * w + n[1];
          if (!solid[q] && !outside[q]) {
            outside[q] = true;
            queue.add(q);
          }
        }
      }
    }
    boolean[] inside = new boolean[h * w];
    for (int p = 0; p < inside.length; p++) {
      inside[p] = !outside[p];
    }
    return inside;
  }
}
