package org.igkit.api.aggregate;

import java.util.Map;

/**
 * An aggregator's answer: the final attribution A = Σ w_k A_k and how it was made.
 *
 * @param attribution  C×H×W attribution in double precision
 * @param weights      w_k per baseline (0 for baselines a filter removed); sums to 1
 * @param fitness      a per-baseline fitness value (WG: D_α), or {@code null} when none
 * @param skippedSteps steps the step rule could not use, summed over baselines
 * @param diagnostics  named numbers (rounds of a search, survivors, …) for results and reports
 * @param curves       the deletion curve behind each baseline's fitness (WG's D_α search), in
 *                     baseline order; empty when the aggregator scores no curve
 */
public record AggregateResult(
    double[] attribution,
    double[] weights,
    double[] fitness,
    int skippedSteps,
    Map<String, Double> diagnostics,
    java.util.List<FitnessCurve> curves) {

  /** Copies the diagnostics and curves. */
  public AggregateResult {
    diagnostics = Map.copyOf(diagnostics);
    curves = curves == null ? java.util.List.of() : java.util.List.copyOf(curves);
  }

  /** An answer without fitness curves. */
  public AggregateResult(
      double[] attribution, double[] weights, double[] fitness, int skippedSteps, Map<String, Double> diagnostics) {
    this(attribution, weights, fitness, skippedSteps, diagnostics, java.util.List.of());
  }
}
