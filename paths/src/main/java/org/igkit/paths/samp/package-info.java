/**
 * The {@code samp} path: Salient Manipulation Path, adaptive deletion and insertion paths that
 * move a few pixels per gradient.
 */
package org.igkit.paths.samp;
