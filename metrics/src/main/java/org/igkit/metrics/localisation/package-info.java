/**
 * Metrics that compare an attribution map with a ground-truth object mask: the WG paper's AUC of
 * overlap and the IDGI paper's weakly supervised localisation (ROC-AUC, best F1, MAE).
 */
package org.igkit.metrics.localisation;
