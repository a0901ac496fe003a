/**
 * The metric SPI: per-input evaluations of an attribution ({@link org.igkit.api.metric.Metric}),
 * data-set-level metrics that aggregate per-sample curves ({@link
 * org.igkit.api.metric.DatasetMetric}), and what a metric is given ({@link
 * org.igkit.api.metric.MetricInput}, with an optional {@link org.igkit.api.metric.Reattribution}
 * for metrics that re-run the attribution).
 */
package org.igkit.api.metric;
