package org.igkit.experiments.data;

import java.util.SplittableRandom;
import org.igkit.api.random.RandomSource;

/**
 * Class-balanced draws of the item benchmarks: labels come in blocks of K (indices
 * {@code K·b … K·b + K − 1} hold every class once, in an order drawn from
 * {@code derive("labels", b)}), and the j-th image of class c takes the {@code (j mod n)}-th item
 * of a permutation of that class's n items drawn from {@code derive("items", c)} — so items
 * repeat only after every item of the class was used.
 */
final class BalancedDraws {

  private BalancedDraws() {}

  /** Returns the label of image {@code index} of a stream with {@code classes} classes. */
  static int label(RandomSource stream, long index, int classes) {
    if (index < 0) {
      throw new IllegalArgumentException("index: must be ≥ 0, was " + index);
    }
    int[] perm = permutation(stream.derive("labels", index / classes).generator(), classes);
    return perm[(int) (index % classes)];
  }

  /** Returns a uniformly random permutation of {@code 0 … n − 1}. */
  static int[] permutation(SplittableRandom r, int n) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  /** Returns {@code items} (the indices of one class) in the order drawn for {@code label}. */
  static int[] itemOrder(RandomSource stream, int label, int[] items) {
    int[] perm = permutation(stream.derive("items", label).generator(), items.length);
    int[] out = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = items[perm[i]];
    }
    return out;
  }
}
