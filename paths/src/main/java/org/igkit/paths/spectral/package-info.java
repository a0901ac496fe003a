/** Spectral Integrated Gradients: a coarse-to-fine path through per-channel SVD components. */
package org.igkit.paths.spectral;
