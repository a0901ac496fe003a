/**
 * The {@code big} path: the SIG authors' discrete blur path, N + 1 Gaussian blurs of the input from
 * σ_max down to the input itself, integrated over the actual point differences.
 */
package org.igkit.paths.big;
