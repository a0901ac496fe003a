package org.igkit.runner.report;

/**
 * One cell against the reference cell on one metric, over the samples both have
 * ({@link Comparisons}).
 *
 * @param cell           the cell
 * @param method         the cell's method
 * @param metric         the metric
 * @param direction      whether higher or lower values of the metric are better, if known
 * @param n              the number of paired samples
 * @param meanDifference mean of d = cell − reference (NaN for n = 0)
 * @param cohensDz       paired effect size d̄ / s_d ({@link PairedEffect#cohensDz})
 * @param ciLower        lower end of the bootstrap 95 % CI of the mean difference
 * @param ciUpper        upper end of that interval
 * @param tTestP         two-sided paired t-test p; NaN when n &lt; {@link Comparisons#MIN_N} or
 *                       undefined
 * @param wilcoxonP      two-sided Wilcoxon signed-rank p; NaN likewise
 * @param tTestHolm      {@code tTestP} Holm-adjusted over every comparison of the family
 * @param wilcoxonHolm   {@code wilcoxonP} Holm-adjusted likewise
 */
public record Comparison(
    String cell,
    String method,
    String metric,
    SummaryRow.Direction direction,
    int n,
    double meanDifference,
    double cohensDz,
    double ciLower,
    double ciUpper,
    double tTestP,
    double wilcoxonP,
    double tTestHolm,
    double wilcoxonHolm) {

  /** Returns whether there were enough pairs for p-values ({@link Comparisons#MIN_N}). */
  public boolean tested() {
    return n >= Comparisons.MIN_N;
  }
}
