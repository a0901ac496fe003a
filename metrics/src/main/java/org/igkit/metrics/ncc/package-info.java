/**
 * No-Cancellation Completeness diagnostics (Salek &amp; Enguehard, "Using the Path of Least
 * Resistance to Explain Deep Networks", arXiv 2502.12108): how much of the output an attribution
 * gains and gives back again — along the path ({@code ncc-path}, {@code path-variation},
 * {@code straight-variation}), between features ({@code ncc-feature}) and within features
 * ({@code ncc-within}, {@code ncc-step}). The path-based ones read the
 * {@link org.igkit.api.engine.PathRecord}s the engine keeps while integrating, so they work with
 * any path and cost no model calls, except {@code straight-variation}.
 */
package org.igkit.metrics.ncc;
