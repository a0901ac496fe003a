/**
 * The model as attribution sees it: {@link org.igkit.api.model.ModelFunction} (scores and input
 * gradients for batches of points) and the C×H×W {@link org.igkit.api.model.Shape}.
 */
package org.igkit.api.model;
