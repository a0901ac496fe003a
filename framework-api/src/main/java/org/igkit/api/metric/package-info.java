/** The metric SPI: per-input evaluations of an attribution. */
package org.igkit.api.metric;
