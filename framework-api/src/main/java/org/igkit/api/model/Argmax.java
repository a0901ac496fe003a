package org.igkit.api.model;

/** The index of the largest score, e.g. the class a model predicts. */
public final class Argmax {

  private Argmax() {}

  /**
   * Returns the index of the largest value of {@code v}, the first one on ties (+0 and −0 tie).
   *
   * <p>It keeps the first index and moves to a later one only when that value is strictly greater
   * ({@code >}). A NaN is never greater than anything and nothing is greater than a NaN: a NaN
   * after index 0 is skipped; a NaN at index 0 is returned (0) whatever follows. Callers that must
   * not see that check for NaN first. An empty array gives 0.
   */
  public static int of(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
