/** Baseline samplers: constant images, seeded noise, blurred input, training-set images. */
package org.igkit.aggregators.baseline;
