/**
 * Perturbation-curve metrics: deletion AUC and insertion AUC. Both walk the same grid of
 * fractions ({@link org.igkit.metrics.perturbation.FractionGrid}), build the perturbed images in
 * one place ({@link org.igkit.api.image.RankedComposite}) from a fill image
 * ({@link org.igkit.api.image.Fill}), score them in batches and integrate with
 * trapezoids ({@link org.igkit.metrics.perturbation.PerturbationCurve}).
 */
package org.igkit.metrics.perturbation;
