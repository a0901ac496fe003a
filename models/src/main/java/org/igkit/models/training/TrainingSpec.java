package org.igkit.models.training;

import org.igkit.api.spec.Checks;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.models.block.SmallCnn;

/**
 * How {@link ClassifierTrainer} trains a block of one of igkit's architectures.
 *
 * @param trainSize    training images, the first of the train split (default 12000)
 * @param epochs       passes over them, each in a freshly shuffled order (default 5)
 * @param batchSize    images per optimiser step (default 32)
 * @param learningRate Adam's fixed learning rate (default 0.002)
 * @param width        the architecture's base number of channels (default 16)
 * @param architecture one of {@link BlockArchitectures#ids()} (default {@code small-cnn})
 * @param schedule     the learning rate over the steps: {@code fixed} (default) or {@code cosine}
 *                     (from {@code learningRate} down to 0 at the last step)
 * @param bnBatches    batches of 256 training images run forward in training mode after the last
 *                     step, weights fixed, to re-estimate batch norm's running statistics for the
 *                     final weights (default 0: none). Without it a deep net trained at a fixed
 *                     rate can score far worse in inference mode than in training mode (measured
 *                     on a ResNet: 27 % vs 58 %; 60 % after 30 batches)
 */
public record TrainingSpec(
    Integer trainSize, Integer epochs, Integer batchSize, Double learningRate, Integer width, String architecture,
    String schedule, Integer bnBatches) {

  /** The learning-rate schedules. */
  public static final java.util.List<String> SCHEDULES = java.util.List.of("fixed", "cosine");

  /** Fills defaults and validates. */
  public TrainingSpec {
    trainSize = Checks.atLeast("trainSize", 1, trainSize == null ? 12000 : trainSize);
    epochs = Checks.atLeast("epochs", 1, epochs == null ? 5 : epochs);
    batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 32 : batchSize);
    learningRate = Checks.positive("learningRate", learningRate == null ? 0.002 : learningRate);
    width = Checks.atLeast("width", 1, width == null ? 16 : width);
    architecture = BlockArchitectures.of(architecture == null ? SmallCnn.TYPE : architecture).id();
    schedule = Checks.oneOf("schedule", schedule == null ? "fixed" : schedule, SCHEDULES);
    bnBatches = Checks.atLeast("bnBatches", 0, bnBatches == null ? 0 : bnBatches);
  }

  /** The spec of a {@code small-cnn} at a fixed rate, as the quick-start model was trained. */
  public TrainingSpec(Integer trainSize, Integer epochs, Integer batchSize, Double learningRate, Integer width) {
    this(trainSize, epochs, batchSize, learningRate, width, null, null, null);
  }

  /** Returns the spec with every parameter at its default. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(null, null, null, null, null, null, null, null);
  }
}
