/**
 * Reports built from a results folder: {@link org.igkit.runner.report.Summary} computes, per cell
 * and metric, mean ± std, relative improvement over a reference cell and paired t-test and
 * {@link org.igkit.runner.report.WilcoxonSignedRank} p-values (the shape of the WG paper's
 * Table 1), and writes {@code summary.csv} and {@code summary.md}; {@link
 * org.igkit.runner.report.DatasetSummary} aggregates data-set metrics (SIC, AIC) per cell from
 * the stored per-sample curves into {@link org.igkit.runner.report.DatasetRow}s, which the summary
 * prints in their own table and writes to {@code dataset-metrics.csv} and
 * {@code dataset-curves.csv}. {@link org.igkit.runner.report.Comparisons} adds what a paper's
 * significance table needs: Holm-adjusted p-values ({@link org.igkit.runner.report.Holm}), Cohen's
 * d_z and a seeded bootstrap CI ({@link org.igkit.runner.report.PairedEffect}), no p-value below
 * six pairs.
 */
package org.igkit.runner.report;
