/**
 * Sanity checks of explanations: model-parameter randomisation (Adebayo et al., 2018) and the
 * random-logit test (Sixt et al., 2020), with the similarities they report (Spearman, SSIM).
 */
package org.igkit.metrics.sanity;
