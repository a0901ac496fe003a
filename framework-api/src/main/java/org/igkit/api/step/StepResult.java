package org.igkit.api.step;

/**
 * The attribution of one path and what the step rule noticed while computing it.
 *
 * @param attribution  C×H×W attribution, accumulated in double precision
 * @param skippedSteps steps the rule could not use (IDGI: zero gradients); reported, never NaN
 */
public record StepResult(double[] attribution, int skippedSteps) {}
