/** XRAI: region ranking of a finished attribution map, and the graph segmentation it uses. */
package org.igkit.metrics.xrai;
