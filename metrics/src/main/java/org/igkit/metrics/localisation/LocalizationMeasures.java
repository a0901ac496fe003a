package org.igkit.metrics.localisation;

import java.util.Arrays;

/**
 * The three numbers of weakly supervised localisation (IDGI paper §4.6, after Cong et al. and
 * XRAI): exact rank-based ROC-AUC, the best F1 over thresholds and the mean absolute error of the
 * min-max-normalised map, of a score per position against binary positives.
 */
public final class LocalizationMeasures {

  private LocalizationMeasures() {}

  /**
   * Returns the area under the ROC curve, exactly: (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), where R₊ is the
   * sum of the positives' ranks among all scores in ascending order, tied scores sharing the mean
   * of their ranks (Mann–Whitney). Equals P(s₊ &gt; s₋) + ½·P(s₊ = s₋) over all positive-negative
   * pairs; NaN when there are no positives or no negatives.
   */
  public static double rocAuc(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] idx = sortedAscending(score);
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
        j++;
      }
      // ranks i+1 … j+1 share their mean
      double midRank = (i + 1 + j + 1) / 2.0;
      for (int k = i; k <= j; k++) {
        if (positive[idx[k]]) {
          rankSum += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Returns the best F1 = 2TP / (2TP + FP + FN) over all thresholds t, predicting "positive" where
   * score ≥ t; t runs over every distinct score (and +∞, which predicts nothing and scores 0).
   */
  public static double bestF1(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] idx = sortedAscending(score);
    long allPositives = 0;
    for (boolean b : positive) {
      if (b) {
        allPositives++;
      }
    }
    double best = 0;
    long tp = 0;
    long fp = 0;
    int i = n - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && score[idx[j - 1]] == score[idx[i]]) {
        j--;
      }
      for (int k = j; k <= i; k++) {
        if (positive[idx[k]]) {
          tp++;
        } else {
          fp++;
        }
      }
      double f1 = 2.0 * tp / (tp + fp + allPositives);
      best = Math.max(best, f1);
      i = j - 1;
    }
    return best;
  }

  /**
   * Returns the mean over positions of |ŝ − m|, with ŝ = (s − min s)/(max s − min s) (ŝ = 0
   * everywhere when the map is constant) and m = 1 for positives, 0 otherwise.
   */
  public static double mae(double[] score, boolean[] positive) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double s : score) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double span = max - min;
    double sum = 0;
    for (int p = 0; p < score.length; p++) {
      double normalised = span > 0 ? (score[p] - min) / span : 0;
      sum += Math.abs(normalised - (positive[p] ? 1 : 0));
    }
    return sum / score.length;
  }

  private static Integer[] sortedAscending(double[] score) {
    Integer[] idx = new Integer[score.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
    return idx;
  }
}
