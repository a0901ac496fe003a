package org.igkit.experiments.training;

import org.igkit.models.training.ClassifierTrainer;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.ShapesSample;

/**
 * Trains a block ({@link TrainingSpec#architecture()}, by default {@code small-cnn}) on the first
 * {@link TrainingSpec#trainSize()} images of the {@link ShapesDataset} train split with
 * {@link ClassifierTrainer}. The committed quick-start model was made this way; the command in
 * {@code experiments/models/shapes-small-cnn.json} gives the same parameters again.
 */
public final class ShapesTrainer {

  private final TrainingSpec spec;

  /** Creates the trainer. */
  public ShapesTrainer(TrainingSpec spec) {
    this.spec = spec;
  }

  /** What training produced ({@link ClassifierTrainer.Result}). */
  public record Result(Path file, double finalLoss, int steps, double seconds) {}

  /**
   * Trains on samples {@code 0 … trainSize − 1} of the train split and saves the parameters to
   * {@code file}.
   *
   * @param progress receives one line per epoch
   */
  public Result train(ShapesDataset data, RandomSource random, Path file, Consumer<String> progress) {
    long start = System.nanoTime();
    ClassifierTrainer.startEngine(random);
    ClassifierTrainer.Result r =
        new ClassifierTrainer(spec).train(trainingSet(data, spec.trainSize()), random, file, start, progress);
    return new Result(r.file(), r.finalLoss(), r.steps(), r.seconds());
  }

  /** Returns images {@code 0 … n − 1} of the train split of {@code data}. */
  public static TrainingSet trainingSet(ShapesDataset data, int n) {
    Shape shape = data.shape();
    int size = shape.size();
    float[] images = new float[Math.multiplyExact(n, size)];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      ShapesSample s = data.sample(ShapesDataset.Split.TRAIN, i);
      System.arraycopy(s.image(), 0, images, i * size, size);
      labels[i] = s.label();
    }
    return TrainingSet.ofFloats(shape, ShapesDataset.numClasses(), images, labels);
  }

  /** Returns the share of samples whose highest-scoring class is their label. */
  public static double accuracy(ModelFunction model, List<ShapesSample> samples, int batchSize) {
    int correct = 0;
    for (int from = 0; from < samples.size(); from += batchSize) {
      List<ShapesSample> batch = samples.subList(from, Math.min(samples.size(), from + batchSize));
      float[][] out = model.outputs(batch.stream().map(ShapesSample::image).toList());
      for (int i = 0; i < out.length; i++) {
        if (Argmax.of(out[i]) == batch.get(i).label()) {
          correct++;
        }
      }
    }
    return samples.isEmpty() ? Double.NaN : (double) correct / samples.size();
  }
}
