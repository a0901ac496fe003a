/**
 * ROAR, remove and retrain (Hooker et al., "A Benchmark for Interpretability Methods in Deep
 * Neural Networks", NeurIPS 2019): the most salient pixels of every training and test image are
 * replaced by an uninformative value, a fresh model is trained on the modified training images and
 * its accuracy on the modified test images measured; a method whose removal hurts accuracy most
 * found the most informative pixels. Here: the removal ({@link org.igkit.experiments.roar.PixelRemoval}),
 * the retraining ({@link org.igkit.experiments.roar.RoarRetrainer}), the curve's area
 * ({@link org.igkit.experiments.roar.RoarCurves}), the resumable result folder
 * ({@link org.igkit.experiments.roar.RoarResults}) and the study over an experiment's methods
 * ({@link org.igkit.experiments.roar.RoarStudy}).
 */
package org.igkit.experiments.roar;
