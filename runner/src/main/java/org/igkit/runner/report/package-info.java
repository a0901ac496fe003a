/**
 * Reports built from a results folder: {@link org.igkit.runner.report.Summary} computes, per cell
 * and metric, mean ± std, relative improvement over a reference cell and paired t-test and
 * {@link org.igkit.runner.report.WilcoxonSignedRank} p-values (the shape of the WG paper's
 * Table 1), and writes {@code summary.csv} and {@code summary.md}.
 */
package org.igkit.runner.report;
