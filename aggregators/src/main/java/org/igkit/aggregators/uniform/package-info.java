/** The uniform aggregator: Expected Gradients. */
package org.igkit.aggregators.uniform;
