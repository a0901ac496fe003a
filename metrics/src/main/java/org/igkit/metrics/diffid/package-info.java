/**
 * DiffID (the SIG and MA-GIG papers' element-wise deletion/retention protocol): the difference
 * between the accuracy of images that keep their most relevant elements and of images that lose
 * them, averaged over fixed ratios. {@link org.igkit.metrics.diffid.DiffIdMetric} holds the
 * protocol, {@link org.igkit.metrics.diffid.DiffIdFill} the fills and
 * {@link org.igkit.metrics.diffid.ReflectGaussianBlur} the 11-tap Gaussian of the {@code blur}
 * fill.
 */
package org.igkit.metrics.diffid;
