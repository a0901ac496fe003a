package org.igkit.models;

import java.util.List;

/**
 * What {@link DjlModelFunction#scoresAndGradientsInDouble} returns for a batch of points: the
 * explained score of each point's target class and its gradient with respect to the point, as the
 * network computed them in double ({@code precision: float64}), without rounding to float32.
 *
 * @param scores    one score per point
 * @param gradients one C×H×W gradient per point, in the order of the points
 */
public record DoubleScoresAndGradients(double[] scores, List<double[]> gradients) {

  /** Checks that scores and gradients describe the same number of points. */
  public DoubleScoresAndGradients {
    if (scores.length != gradients.size()) {
      throw new IllegalArgumentException(
          "scores (" + scores.length + ") and gradients (" + gradients.size() + ") differ in count");
    }
  }
}
