/**
 * The quick start: train the shapes benchmark model, attribute test images with IG, IG+IDGI, EG,
 * WG and filtered WG, evaluate every metric and write a report.
 */
package org.igkit.experiments.quickstart;
