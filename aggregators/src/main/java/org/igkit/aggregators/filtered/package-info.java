/** Filtered Weighted Integrated Gradients, one- and two-stage. */
package org.igkit.aggregators.filtered;
