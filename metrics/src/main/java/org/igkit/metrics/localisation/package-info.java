/** Metrics that compare an attribution map with a ground-truth object mask. */
package org.igkit.metrics.localisation;
