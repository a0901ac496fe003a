/**
 * igkit's metrics and their Guice module. Shared pieces that every metric family uses live here:
 * the validated view of a {@link org.igkit.api.metric.MetricInput} ({@link
 * org.igkit.metrics.CheckedInput}), how attribution maps are ranked ({@link
 * org.igkit.metrics.Ranking}) and the error metrics throw ({@link org.igkit.metrics.MetricException}).
 * Each metric family has its own sub-package.
 */
package org.igkit.metrics;
