/**
 * The {@code ig2} path: IG², the iterated-gradient path from the input towards the model's
 * representation of a reference image.
 */
package org.igkit.paths.ig2;
