/**
 * ROAD (Rong et al., "A Consistent and Efficient Evaluation Strategy for Attribution Methods",
 * ICML 2022): remove pixels in the order of an attribution and fill them by noisy linear
 * imputation, so the model sees no tell-tale fill colour. {@link org.igkit.metrics.road.RoadMetric}
 * holds the protocol, {@link org.igkit.metrics.road.LinearImputation} the sparse system and its
 * solver.
 */
package org.igkit.metrics.road;
