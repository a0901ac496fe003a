package org.igkit.api.compute;

/**
 * Kernels that build the masked images of perturbation curves for many fractions at once: the
 * deletion and insertion curves, the bokeh images of the information curves, the candidates of the
 * D_α search. A ranking of the H·W spatial positions is turned once into each position's rank
 * ({@link #ranks}); an image that takes its top k positions from a donor is then a per-element
 * comparison {@code rank[p] < k}, so every (image, position) pair is independent — the
 * {@link Parallel} loops run unchanged on a TornadoVM device.
 *
 * <p>Layouts: images are C×H×W, flat, element (c, p) at {@code c·P + p} with P = H·W; a batch of
 * m images is m such blocks one after another.
 */
public final class MaskKernels {

  private MaskKernels() {}

  /**
   * Kernel: inverts a ranking, {@code rank[order[r]] = r}, so {@code rank[p]} is the number of
   * positions ranked before p.
   *
   * @param order the positions, most important first (a permutation of 0…P−1)
   * @param rank  output, P values
   */
  public static void ranks(int[] order, int[] rank) {
    for (@Parallel int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
  }

  /** Returns {@link #ranks(int[], int[])} of {@code order} in a new array. */
  public static int[] ranks(int[] order) {
    int[] rank = new int[order.length];
    ranks(order, rank);
    return rank;
  }

  /**
   * Kernel: the H×W 0/1 masks of the top {@code counts[i]} positions, one per count:
   * {@code out[i·P + p] = rank[p] < counts[i] ? 1 : 0}.
   *
   * @param rank   each position's rank ({@link #ranks})
   * @param counts how many top positions each mask selects, each in 0…P
   * @param out    output, counts.length·P values
   */
  public static void masks(int[] rank, int[] counts, float[] out) {
    int pixels = rank.length;
    int total = counts.length * pixels;
    for (@Parallel int ip = 0; ip < total; ip++) {
      int i = ip / pixels;
      int p = ip - i * pixels;
      out[ip] = rank[p] < counts[i] ? 1f : 0f;
    }
  }

  /**
   * Kernel: m images at once; image i is {@code base} with its top {@code counts[first + i]}
   * positions, in every channel, taken from {@code donor}:
   * {@code out[(i·C + c)·P + p] = rank[p] < counts[first + i] ? donor[c·P + p] : base[c·P + p]}.
   * Equal to {@link org.igkit.api.image.RankedComposite#compose} with the order that {@code rank}
   * inverts, image by image.
   *
   * @param base     the image positions are taken from when not selected, C×H×W
   * @param donor    the image selected positions are taken from, C×H×W
   * @param channels C
   * @param rank     each position's rank ({@link #ranks}), P = H·W values
   * @param counts   the number of selected top positions per image
   * @param first    index into {@code counts} of the batch's first image
   * @param m        number of images to build
   * @param out      output, at least m·C·P values
   */
  public static void composites(
      float[] base, float[] donor, int channels, int[] rank, int[] counts, int first, int m, float[] out) {
    int pixels = rank.length;
    int size = channels * pixels;
    int total = m * pixels;
    for (@Parallel int ip = 0; ip < total; ip++) {
      int i = ip / pixels;
      int p = ip - i * pixels;
      boolean take = rank[p] < counts[first + i];
      int o = i * size + p;
      for (int c = 0; c < channels; c++) {
        int at = c * pixels + p;
        out[o + c * pixels] = take ? donor[at] : base[at];
      }
    }
  }

  /**
   * Kernel: m images that each follow their own ranking — the candidates of one round of the D_α
   * search of Weighted Integrated Gradients, where image i replaces the top {@code counts[i]} positions of
   * baseline {@code rows[i]}'s ranking: {@code out[(i·C + c)·P + p] = ranks[rows[i]·P + p] <
   * counts[i] ? donor[c·P + p] : base[c·P + p]}. With one row it is {@link #composites}.
   *
   * @param base     the image positions are taken from when not selected, C×H×W
   * @param donor    the image selected positions are taken from, C×H×W
   * @param channels C
   * @param pixels   P = H·W
   * @param ranks    one rank row per ranking ({@link #ranks}), rows·P values
   * @param rows     the ranking row of each image, m values
   * @param counts   the number of selected top positions of each image, m values
   * @param m        number of images to build
   * @param out      output, at least m·C·P values
   */
  public static void rankedComposites(
      float[] base, float[] donor, int channels, int pixels, int[] ranks, int[] rows, int[] counts, int m,
      float[] out) {
    int size = channels * pixels;
    int total = m * pixels;
    for (@Parallel int ip = 0; ip < total; ip++) {
      int i = ip / pixels;
      int p = ip - i * pixels;
      boolean take = ranks[rows[i] * pixels + p] < counts[i];
      int o = i * size + p;
      for (int c = 0; c < channels; c++) {
        int at = c * pixels + p;
        out[o + c * pixels] = take ? donor[at] : base[at];
      }
    }
  }
}
