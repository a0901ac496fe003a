package org.igkit.api.aggregate;

import java.util.Arrays;

/**
 * The deletion curve behind one baseline's fitness (WG's D_α, Tuan et al., "Weighted Integrated
 * Gradients", eq. 5): s(m) = f_c of the input with its first m positions, in the order baseline
 * k's attribution ranks them, replaced by the aggregator's neutral image, at every size m the
 * search scored, and the size it chose.
 *
 * <p>Point m = 0 is the input itself, s(0) = f_c(x) (the input's score, not a masked image). An
 * exact search ({@code search: exact}) scores every size from 1 up to the first one whose score
 * reaches the threshold (rounded up to its batch width), so that {@code chosen} is the definition's
 * max(1, min{m : s(m) ≤ threshold}) over these points, or the number of positions when none
 * reaches; a fast search scores the sizes its k-ary search visited.
 *
 * @param baseline  the baseline's index
 * @param sizes     the scored sizes m, strictly ascending, starting with 0
 * @param scores    s(m) per size, the model's explained score
 * @param threshold α·f_c(x), the score that counts as reached (with the aggregator's ε rule)
 * @param chosen    the size the aggregator chose: D_α, in [1, H·W]
 */
public record FitnessCurve(int baseline, int[] sizes, float[] scores, double threshold, int chosen) {

  /** Checks that sizes and scores pair up and that the sizes ascend; copies both. */
  public FitnessCurve {
    if (sizes.length != scores.length) {
      throw new IllegalArgumentException(
          "sizes (" + sizes.length + ") and scores (" + scores.length + ") differ in count");
    }
    for (int i = 1; i < sizes.length; i++) {
      if (sizes[i] <= sizes[i - 1]) {
        throw new IllegalArgumentException("sizes: must ascend strictly, but size " + i + " is " + sizes[i]
            + " after " + sizes[i - 1]);
      }
    }
    sizes = sizes.clone();
    scores = scores.clone();
  }

  /** Returns a copy of the scored sizes. */
  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /** Returns a copy of the scores. */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /** Returns the number of scored points (m = 0 included). */
  public int points() {
    return sizes.length;
  }

  /** Returns the score at size {@code m}, or NaN when {@code m} was not scored. */
  public double scoreAt(int m) {
    int i = Arrays.binarySearch(sizes, m);
    return i >= 0 ? scores[i] : Double.NaN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FitnessCurve c && baseline == c.baseline && chosen == c.chosen
        && Double.compare(threshold, c.threshold) == 0 && Arrays.equals(sizes, c.sizes)
        && Arrays.equals(scores, c.scores);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(sizes) + Arrays.hashCode(scores)) + baseline * 7 + chosen;
  }

  @Override
  public String toString() {
    return "FitnessCurve[baseline=" + baseline + ", points=" + sizes.length + ", chosen=" + chosen + "]";
  }
}
