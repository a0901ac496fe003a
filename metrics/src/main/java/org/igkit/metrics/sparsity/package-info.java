/** How concentrated an attribution map is: the Gini index of its magnitudes. */
package org.igkit.metrics.sparsity;
