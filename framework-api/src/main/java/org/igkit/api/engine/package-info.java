/**
 * The streaming, batched integration core: {@link org.igkit.api.engine.AttributionEngine} runs a
 * {@link org.igkit.api.engine.AttributionMethod}; the {@link org.igkit.api.engine.Integrator}
 * batches points across steps and baselines.
 */
package org.igkit.api.engine;
