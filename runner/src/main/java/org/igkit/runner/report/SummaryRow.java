package org.igkit.runner.report;

/**
 * The summary of one metric under one cell, over the samples, compared with the reference cell.
 *
 * @param cell                the cell
 * @param method              the cell's method
 * @param metric              the metric (or diagnostic) name
 * @param direction           whether higher or lower values are better, if known
 * @param n                   number of samples with a value
 * @param mean                mean over the samples
 * @param std                 sample standard deviation (n − 1 denominator); NaN when n &lt; 2
 * @param relativeImprovement (mean − mean_ref) / |mean_ref|, sign-flipped when lower is better
 *                            so that positive is better; 0 for the reference, NaN when the
 *                            direction is unknown, the reference lacks the metric or its mean is 0
 * @param pairedN             number of samples both this cell and the reference have
 * @param tTestP              two-sided paired t-test p-value; NaN for the reference, when
 *                            pairedN &lt; 2 or the differences have zero variance
 * @param wilcoxonP           two-sided Wilcoxon signed-rank p-value ({@link WilcoxonSignedRank});
 *                            NaN for the reference, when pairedN &lt; 2 or all differences are 0
 * @param best                whether this cell has the best mean of the metric (ties: all)
 */
public record SummaryRow(
    String cell,
    String method,
    String metric,
    Direction direction,
    int n,
    double mean,
    double std,
    double relativeImprovement,
    int pairedN,
    double tTestP,
    double wilcoxonP,
    boolean best) {

  /** Which way a metric improves. */
  public enum Direction {
    /** Higher values are better (e.g. insertion AUC). */
    HIGHER,
    /** Lower values are better (e.g. deletion AUC). */
    LOWER,
    /** Not known (diagnostics, metrics the caller gave no direction for). */
    UNKNOWN;

    /** Returns the direction of {@code higherIsBetter}: true, false or null. */
    public static Direction of(Boolean higherIsBetter) {
      return higherIsBetter == null ? UNKNOWN : higherIsBetter ? HIGHER : LOWER;
    }
  }
}
