/**
 * The step-rule SPI: quadrature over a path as an accumulator
 * ({@link org.igkit.api.step.StepRule}, {@link org.igkit.api.step.StepAccumulator}).
 */
package org.igkit.api.step;
