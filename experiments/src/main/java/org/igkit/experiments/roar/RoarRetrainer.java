package org.igkit.experiments.roar;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.igkit.api.random.RandomSource;
import org.igkit.models.training.ClassifierTrainer;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;

/**
 * ROAR's retraining: a fresh model of {@link TrainingSpec#architecture()} trained by
 * {@link ClassifierTrainer} on the modified training images, its accuracy on the modified test
 * images measured after every epoch; the score is the best of those accuracies (the SIG authors'
 * "best test accuracy over epochs"), reached first at {@link Score#bestEpoch()}.
 *
 * <p>Every retraining starts from the same random source, so all (method, ratio) models start
 * from the same initial weights and see the same batch orders: the methods are compared paired,
 * and two retrainings on the same images give the same weights and accuracies.
 */
public final class RoarRetrainer {

  /**
   * One retraining's outcome.
   *
   * @param accuracy      the best test accuracy over the epochs, in [0, 1]
   * @param bestEpoch     the first epoch (from 1) that reached it
   * @param epochAccuracy the test accuracy after each epoch
   */
  public record Score(double accuracy, int bestEpoch, List<Double> epochAccuracy) {

    /** Copies the accuracies. */
    public Score {
      epochAccuracy = List.copyOf(epochAccuracy);
    }

    /** Returns the score of the per-epoch accuracies: their maximum and its first epoch. */
    public static Score of(List<Double> epochAccuracy) {
      if (epochAccuracy.isEmpty()) {
        throw new IllegalArgumentException("no epoch was evaluated");
      }
      int best = 0;
      for (int i = 1; i < epochAccuracy.size(); i++) {
        if (epochAccuracy.get(i) > epochAccuracy.get(best)) {
          best = i;
        }
      }
      return new Score(epochAccuracy.get(best), best + 1, epochAccuracy);
    }
  }

  private final TrainingSpec spec;
  private final RandomSource random;

  /** Creates a retrainer that trains as {@code spec} says, drawing from {@code random}. */
  public RoarRetrainer(TrainingSpec spec, RandomSource random) {
    this.spec = spec;
    this.random = random;
  }

  /** Returns the training spec. */
  public TrainingSpec spec() {
    return spec;
  }

  /**
   * Trains a fresh model on {@code train}, saves its parameters to {@code file} and scores it on
   * {@code test}.
   *
   * @param progress receives one line per epoch
   */
  public Score retrain(TrainingSet train, TrainingSet test, Path file, Consumer<String> progress) {
    if (test.size() == 0) {
      throw new IllegalArgumentException("ROAR needs at least one test image");
    }
    ClassifierTrainer.startEngine(random);
    ClassifierTrainer.Result r = new ClassifierTrainer(spec).train(train, test, random, file, System.nanoTime(), progress);
    return Score.of(r.evaluationAccuracy());
  }
}
