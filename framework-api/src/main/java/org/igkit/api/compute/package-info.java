/** Compute kernels for the loops that run in Java rather than in the model. */
package org.igkit.api.compute;
