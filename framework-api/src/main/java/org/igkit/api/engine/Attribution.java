package org.igkit.api.engine;

import java.util.List;
import java.util.Map;
import org.igkit.api.model.Shape;

/**
 * The result of attributing one input with one method: the C×H×W map and everything needed to
 * check and report it.
 *
 * @param shape          shape of the map (the input's)
 * @param values         the attribution A, in the user's image space
 * @param target         the explained class
 * @param inputScore     f_c(x)
 * @param baselineNames  names of the baselines, in order
 * @param startScores    f_c at the start of each baseline's path
 * @param weights        w_k per baseline, summing to 1
 * @param fitness        per-baseline fitness (WG: D_α), or {@code null}
 * @param skippedSteps   steps the step rule could not use (IDGI: zero gradients)
 * @param gradientPoints points whose gradient the model computed
 * @param forwardPoints  points the model evaluated forward-only
 * @param diagnostics    aggregator-specific numbers
 * @param paths          what the engine recorded along each integrated path (scores at the path's
 *                       points, step-contribution sums), ordered by baseline index, the last
 *                       integration of a baseline winning; empty when nothing was recorded
 */
public record Attribution(
    Shape shape,
    float[] values,
    int target,
    double inputScore,
    List<String> baselineNames,
    double[] startScores,
    double[] weights,
    double[] fitness,
    int skippedSteps,
    long gradientPoints,
    long forwardPoints,
    Map<String, Double> diagnostics,
    List<PathRecord> paths) {

  /** Copies the lists and maps. */
  public Attribution {
    baselineNames = List.copyOf(baselineNames);
    diagnostics = Map.copyOf(diagnostics);
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /** Returns an attribution without path records (built outside the engine). */
  public Attribution(
      Shape shape,
      float[] values,
      int target,
      double inputScore,
      List<String> baselineNames,
      double[] startScores,
      double[] weights,
      double[] fitness,
      int skippedSteps,
      long gradientPoints,
      long forwardPoints,
      Map<String, Double> diagnostics) {
    this(shape, values, target, inputScore, baselineNames, startScores, weights, fitness, skippedSteps,
        gradientPoints, forwardPoints, diagnostics, List.of());
  }

  /** Returns Σ A_i, accumulated in double precision. */
  public double sum() {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  /** Returns what completeness says the sum should be: f(x) − Σ w_k f(γ_k(0)). */
  public double expectedSum() {
    double s = inputScore;
    for (int k = 0; k < weights.length; k++) {
      s -= weights[k] * startScores[k];
    }
    return s;
  }

  /** Returns |Σ A − expectedSum()|. */
  public double completenessGap() {
    return Math.abs(sum() - expectedSum());
  }
}
