/**
 * Baselines and their aggregation: the {@link org.igkit.api.aggregate.BaselineSampler} and
 * {@link org.igkit.api.aggregate.Aggregator} SPIs and the engine services aggregators use.
 */
package org.igkit.api.aggregate;
