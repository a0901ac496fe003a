/** The random reference map: an aggregator that integrates no path. */
package org.igkit.aggregators.random;
