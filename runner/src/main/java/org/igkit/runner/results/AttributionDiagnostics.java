package org.igkit.runner.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.igkit.api.engine.Attribution;

/**
 * The per-attribution numbers stored next to the metrics, as {@link ResultRow}s whose metric
 * names start with {@value ResultRow#DIAGNOSTIC_PREFIX}. They let a reader check the axioms and
 * the cost of every attribution without re-running it. Reports list them apart from the metrics.
 *
 * <ul>
 *   <li>{@value #COMPLETENESS_GAP}: |Σ A − (f(x) − Σ w_k f(x'_k))|;
 *   <li>{@value #INPUT_SCORE}: f_c(x); {@value #TARGET}: the explained class c;
 *   <li>{@value #SKIPPED_STEPS}: steps the step rule could not use (IDGI: zero gradients);
 *   <li>{@value #GRADIENT_POINTS}, {@value #FORWARD_POINTS}: model evaluations with and
 *       without gradient;
 *   <li>{@code diag.<key>}: each aggregator-specific diagnostic, in key order.
 * </ul>
 */
public final class AttributionDiagnostics {

  /** Metric name of the completeness gap. */
  public static final String COMPLETENESS_GAP = "diag.completeness-gap";
  /** Metric name of f_c(x). */
  public static final String INPUT_SCORE = "diag.input-score";
  /** Metric name of the explained class. */
  public static final String TARGET = "diag.target";
  /** Metric name of the skipped steps. */
  public static final String SKIPPED_STEPS = "diag.skipped-steps";
  /** Metric name of the points with gradient. */
  public static final String GRADIENT_POINTS = "diag.gradient-points";
  /** Metric name of the forward-only points. */
  public static final String FORWARD_POINTS = "diag.forward-points";

  private AttributionDiagnostics() {}

  /** Returns the diagnostic rows of one attribution, in a fixed order. */
  public static List<ResultRow> rows(String sample, String cell, String method, Attribution a) {
    List<ResultRow> rows = new ArrayList<>();
    rows.add(new ResultRow(sample, cell, method, COMPLETENESS_GAP, a.completenessGap()));
    rows.add(new ResultRow(sample, cell, method, INPUT_SCORE, a.inputScore()));
    rows.add(new ResultRow(sample, cell, method, TARGET, a.target()));
    rows.add(new ResultRow(sample, cell, method, SKIPPED_STEPS, a.skippedSteps()));
    rows.add(new ResultRow(sample, cell, method, GRADIENT_POINTS, a.gradientPoints()));
    rows.add(new ResultRow(sample, cell, method, FORWARD_POINTS, a.forwardPoints()));
    for (Map.Entry<String, Double> d : new TreeMap<>(a.diagnostics()).entrySet()) {
      rows.add(new ResultRow(sample, cell, method, ResultRow.DIAGNOSTIC_PREFIX + d.getKey(),
          d.getValue()));
    }
    return rows;
  }
}
