package org.igkit.api.model;

import java.util.List;

/**
 * What a {@link ModelFunction} returns for a batch of points: the explained score of each point's
 * target class and the gradient of that score with respect to the point, in the user's image space.
 *
 * @param scores    one score per point
 * @param gradients one C×H×W gradient per point, in the order of the points
 */
public record ScoresAndGradients(float[] scores, List<float[]> gradients) {

  /** Checks that scores and gradients describe the same number of points. */
  public ScoresAndGradients {
    if (scores.length != gradients.size()) {
      throw new IllegalArgumentException(
          "scores (" + scores.length + ") and gradients (" + gradients.size() + ") differ in count");
    }
  }
}
