/**
 * Reports built from a results folder: {@link org.igkit.runner.report.Summary} computes, per cell
 * and metric, mean ± std, relative improvement over a reference cell and paired t-test and
 * {@link org.igkit.runner.report.WilcoxonSignedRank} p-values (the shape of the WG paper's
 * Table 1), and writes {@code summary.csv} and {@code summary.md}; {@link
 * org.igkit.runner.report.DatasetSummary} aggregates data-set metrics (SIC, AIC) per cell from
 * the stored per-sample curves into {@link org.igkit.runner.report.DatasetRow}s, which the summary
 * prints in their own table and writes to {@code dataset-metrics.csv} and
 * {@code dataset-curves.csv}.
 */
package org.igkit.runner.report;
