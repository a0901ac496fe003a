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
 * @param baselineMaps   per baseline index, its own attribution A_k (C×H×W, rounded to float
 *                       once) from its last integration — the full integral where the method
 *                       computed one, a two-stage filter's cheap integral for a dropped
 *                       baseline — or {@code null} for a baseline never integrated; empty when
 *                       built outside the engine
 * @param fitnessCurves  per baseline, the deletion curve its fitness was read from (WG's D_α:
 *                       the scored sizes m and scores s(m), and the chosen D), in baseline order;
 *                       empty when the aggregator scores none (uniform weights) or when built
 *                       outside the engine
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
    List<PathRecord> paths,
    List<float[]> baselineMaps,
    List<org.igkit.api.aggregate.FitnessCurve> fitnessCurves) {

  /** Copies the lists and maps. */
  public Attribution {
    fitnessCurves = fitnessCurves == null ? List.of() : List.copyOf(fitnessCurves);
    baselineNames = List.copyOf(baselineNames);
    diagnostics = Map.copyOf(diagnostics);
    paths = paths == null ? List.of() : List.copyOf(paths);
    baselineMaps = baselineMaps == null
        ? List.of()
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(baselineMaps));
  }

  /** Returns an attribution without fitness curves. */
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
      Map<String, Double> diagnostics,
      List<PathRecord> paths,
      List<float[]> baselineMaps) {
    this(shape, values, target, inputScore, baselineNames, startScores, weights, fitness, skippedSteps,
        gradientPoints, forwardPoints, diagnostics, paths, baselineMaps, List.of());
  }

  /**
   * Returns the deletion curve baseline k's fitness was read from (see {@code fitnessCurves}), or
   * {@code null} when the aggregator scored none.
   *
   * @throws IndexOutOfBoundsException when k is not a baseline index
   */
  public org.igkit.api.aggregate.FitnessCurve fitnessCurve(int k) {
    java.util.Objects.checkIndex(k, baselineNames.size());
    for (org.igkit.api.aggregate.FitnessCurve c : fitnessCurves) {
      if (c.baseline() == k) {
        return c;
      }
    }
    return null;
  }

  /** Returns an attribution without per-baseline maps. */
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
      Map<String, Double> diagnostics,
      List<PathRecord> paths) {
    this(shape, values, target, inputScore, baselineNames, startScores, weights, fitness, skippedSteps,
        gradientPoints, forwardPoints, diagnostics, paths, List.of());
  }

  /**
   * Returns baseline k's own attribution A_k (see {@code baselineMaps}), or {@code null} when it
   * was not integrated or the attribution was built outside the engine.
   *
   * @throws IndexOutOfBoundsException when k is not a baseline index
   */
  public float[] baselineMap(int k) {
    java.util.Objects.checkIndex(k, baselineNames.size());
    return k < baselineMaps.size() ? baselineMaps.get(k) : null;
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
        gradientPoints, forwardPoints, diagnostics, List.of(), List.of());
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
