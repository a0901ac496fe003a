/**
 * The step-rule SPI: quadrature over a path as an accumulator
 * ({@link org.igkit.api.step.StepRule}, {@link org.igkit.api.step.StepAccumulator}), and the one
 * generic quadrature rule ({@link org.igkit.api.step.QuadratureStepRule}) that quadrature plugins
 * give their nodes and weights to.
 */
package org.igkit.api.step;
