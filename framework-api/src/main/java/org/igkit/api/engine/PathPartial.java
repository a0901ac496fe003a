package org.igkit.api.engine;

import java.util.Arrays;

/**
 * What a {@link PathRecorder} saw at the points it was fed, before the path's ends are added: the
 * points' α and scores in the order they came, and the step-contribution sums T = Σ_j Σ_i |c_ij|
 * and V = Σ_j |Σ_i c_ij| (see {@link PathRecord}). Two partials of one path — a nested rule's
 * coarser integral and the nodes a doubling adds — {@link #merge merge} into the partial of the
 * finer integral, so that a path integrated in stages has the record it would have had in one pass
 * (its scores in α order, its sums up to float rounding).
 *
 * @param alphas   the points' α, in the order fed
 * @param scores   f_c at those points
 * @param contributionL1 T over those points, 0 when no point had a weight
 * @param stepL1   V over those points, 0 as {@code contributionL1}
 * @param weighted whether any point had a non-zero weight (the sums were taken)
 */
record PathPartial(double[] alphas, double[] scores, double contributionL1, double stepL1, boolean weighted) {

  /**
   * Returns the partial of s·A + t·B, where A and B are integrals whose points are {@code a}'s and
   * {@code b}'s: the points of both, in α order (each partial's own points in α order; at equal α,
   * {@code a}'s first), and the sums scaled by s and t (≥ 0).
   */
  static PathPartial merge(PathPartial a, double s, PathPartial b, double t) {
    int n = a.alphas.length + b.alphas.length;
    double[] alphas = new double[n];
    double[] scores = new double[n];
    int i = 0;
    int j = 0;
    for (int o = 0; o < n; o++) {
      boolean fromA = j == b.alphas.length || (i < a.alphas.length && a.alphas[i] <= b.alphas[j]);
      alphas[o] = fromA ? a.alphas[i] : b.alphas[j];
      scores[o] = fromA ? a.scores[i++] : b.scores[j++];
    }
    return new PathPartial(alphas, scores, s * a.contributionL1 + t * b.contributionL1, s * a.stepL1 + t * b.stepL1,
        a.weighted || b.weighted);
  }

  /**
   * Returns the path's record: the start's score before the points unless the first is at α = 0
   * (or there is none), the input's after them unless the last is at α = 1, and the sums of the
   * attribution the step rule returned.
   */
  PathRecord toRecord(int baseline, float[] start, double startScore, double inputScore, double[] attribution) {
    int n = alphas.length;
    boolean head = n == 0 || alphas[0] > 0;
    boolean tail = n == 0 || alphas[n - 1] < 1;
    double[] all = new double[n + (head ? 1 : 0) + (tail ? 1 : 0)];
    int o = 0;
    if (head) {
      all[o++] = startScore;
    }
    System.arraycopy(scores, 0, all, o, n);
    o += n;
    if (tail) {
      all[o] = inputScore;
    }
    double sum = 0;
    double l1 = 0;
    for (double v : attribution) {
      sum += v;
      l1 += Math.abs(v);
    }
    return new PathRecord(baseline, start, all, sum, l1, weighted ? contributionL1 : Double.NaN,
        weighted ? stepL1 : Double.NaN);
  }

  @Override
  public String toString() {
    return "PathPartial" + Arrays.toString(alphas);
  }
}
