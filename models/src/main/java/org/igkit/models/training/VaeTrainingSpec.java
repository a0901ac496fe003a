package org.igkit.models.training;

import org.igkit.api.spec.Checks;

/**
 * How {@link VaeTrainer} trains a {@link org.igkit.models.latent.ConvVae} on the shapes benchmark.
 *
 * @param trainSize    training images, samples 0 … trainSize − 1 of the train split (default 6000)
 * @param epochs       passes over them, each in a freshly shuffled order (default 8)
 * @param batchSize    images per optimiser step (default 64)
 * @param learningRate Adam's fixed learning rate (default 0.002)
 * @param latentDim    the latent dimension (default 16)
 * @param width        filters of the encoder's first convolution (default 16)
 * @param sigma        the decoder's Gaussian noise level σ: the loss per image is
 *                     Σ (x − x̂)² / 2σ² + KL (default 0.1)
 */
public record VaeTrainingSpec(
    Integer trainSize,
    Integer epochs,
    Integer batchSize,
    Double learningRate,
    Integer latentDim,
    Integer width,
    Double sigma) {

  /** Fills defaults and validates. */
  public VaeTrainingSpec {
    trainSize = Checks.atLeast("trainSize", 1, trainSize == null ? 6000 : trainSize);
    epochs = Checks.atLeast("epochs", 1, epochs == null ? 8 : epochs);
    batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 64 : batchSize);
    learningRate = Checks.positive("learningRate", learningRate == null ? 0.002 : learningRate);
    latentDim = Checks.atLeast("latentDim", 1, latentDim == null ? 16 : latentDim);
    width = Checks.atLeast("width", 1, width == null ? 16 : width);
    sigma = Checks.positive("sigma", sigma == null ? 0.1 : sigma);
  }

  /** Returns the spec with every parameter at its default. */
  public static VaeTrainingSpec defaults() {
    return new VaeTrainingSpec(null, null, null, null, null, null, null);
  }
}
