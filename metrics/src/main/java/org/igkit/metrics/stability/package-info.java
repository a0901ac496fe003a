/** How much an attribution depends on its random draws: spread over re-attributions. */
package org.igkit.metrics.stability;
