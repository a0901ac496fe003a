package org.igkit.experiments.training;

import org.igkit.api.spec.Checks;

/**
 * How {@link ShapesTrainer} trains a {@link org.igkit.runner.model.SmallCnn} on the shapes
 * benchmark.
 *
 * @param trainSize    training images, drawn from the train split (default 12000)
 * @param epochs       passes over them, each in a freshly shuffled order (default 5)
 * @param batchSize    images per optimiser step (default 32)
 * @param learningRate Adam's fixed learning rate (default 0.002)
 * @param width        filters of the CNN's first convolution (default 16)
 */
public record TrainingSpec(Integer trainSize, Integer epochs, Integer batchSize, Double learningRate, Integer width) {

  /** Fills defaults and validates. */
  public TrainingSpec {
    trainSize = Checks.atLeast("trainSize", 1, trainSize == null ? 12000 : trainSize);
    epochs = Checks.atLeast("epochs", 1, epochs == null ? 5 : epochs);
    batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 32 : batchSize);
    learningRate = Checks.positive("learningRate", learningRate == null ? 0.002 : learningRate);
    width = Checks.atLeast("width", 1, width == null ? 16 : width);
  }

  /** Returns the spec with every parameter at its default. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(null, null, null, null, null);
  }
}
