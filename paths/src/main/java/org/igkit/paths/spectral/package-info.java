/**
 * Spectral Integrated Gradients: coarse-to-fine paths through components of x − x' — the authors'
 * strength-gated SVD, DCT, Haar and Laplacian decompositions ({@code spectral}) and an index-ramp
 * SVD variant ({@code spectral-index}).
 */
package org.igkit.paths.spectral;
