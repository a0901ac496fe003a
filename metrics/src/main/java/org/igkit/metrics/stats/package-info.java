/** The statistics reports use to summarise metric values over samples. */
package org.igkit.metrics.stats;
