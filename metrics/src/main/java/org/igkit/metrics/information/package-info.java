/**
 * XRAI's performance information curves as the IDGI paper runs them: the Softmax and Accuracy
 * Information Curves ({@link org.igkit.metrics.information.SicMetric}, {@link
 * org.igkit.metrics.information.AicMetric}) — data-set metrics over bokeh images whose
 * information level is a lossless compressed size ({@link org.igkit.metrics.information.Codec})
 * or {@link org.igkit.metrics.information.MsSsim}.
 */
package org.igkit.metrics.information;
