package org.igkit.experiments.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.ShapesSample;
import org.igkit.runner.model.PyTorchRuntime;
import org.igkit.runner.model.SmallCnn;

/**
 * Trains a {@link SmallCnn} on the {@link ShapesDataset} train split with DJL's training API on
 * the CPU: softmax cross-entropy on the logits, Adam with a fixed learning rate, mini-batches in
 * an order shuffled per epoch.
 *
 * <p>Reproducibility: weights start from {@link SmallCnn#initialize} with a seed derived from
 * {@code random}, the shuffles draw from {@code random.derive("shuffle", epoch)}, the engine's
 * own seed is set, and PyTorch runs with one intra-op and one inter-op thread, so one machine
 * gives the same parameters on every run.
 */
public final class ShapesTrainer {

  private final TrainingSpec spec;

  /** Creates the trainer. */
  public ShapesTrainer(TrainingSpec spec) {
    this.spec = spec;
  }

  /**
   * What training produced.
   *
   * @param file      the saved parameters ({@link SmallCnn#saveParameters})
   * @param finalLoss mean training loss of the last epoch
   * @param steps     optimiser steps taken
   * @param seconds   wall-clock training time
   */
  public record Result(Path file, double finalLoss, int steps, double seconds) {}

  /**
   * Trains on samples {@code 0 … trainSize − 1} of the train split and saves the parameters to
   * {@code file}.
   *
   * @param progress receives one line per epoch
   */
  public Result train(ShapesDataset data, RandomSource random, Path file, Consumer<String> progress) {
    long start = System.nanoTime();
    PyTorchRuntime.start(1, 1);
    Engine.getEngine(PyTorchRuntime.ENGINE).setRandomSeed((int) random.derive("engine").seed());
    Shape shape = data.shape();
    int n = spec.trainSize();
    int size = shape.size();
    float[] images = new float[Math.multiplyExact(n, size)];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      ShapesSample s = data.sample(ShapesDataset.Split.TRAIN, i);
      System.arraycopy(s.image(), 0, images, i * size, size);
      labels[i] = s.label();
    }
    Block block = SmallCnn.build(ShapesDataset.numClasses(), spec.width());
    int steps = 0;
    double lastLoss = Double.NaN;
    try (Model model = Model.newInstance(SmallCnn.TYPE, PyTorchRuntime.ENGINE)) {
      model.setBlock(block);
      SmallCnn.initialize(block, model.getNDManager(), shape, random.derive("init").seed());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(spec.learningRate().floatValue()))
                      .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(SmallCnn.batchShape(shape));
        int[] order = new int[n];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
          shuffle(order, random.derive("shuffle", epoch).generator());
          double lossSum = 0;
          int batches = 0;
          for (int from = 0; from < n; from += spec.batchSize()) {
            int m = Math.min(spec.batchSize(), n - from);
            float[] x = new float[m * size];
            float[] y = new float[m];
            for (int i = 0; i < m; i++) {
              int k = order[from + i];
              System.arraycopy(images, k * size, x, i * size, size);
              y[i] = labels[k];
            }
            try (NDManager sub = trainer.getManager().newSubManager()) {
              NDArray xs = sub.create(x, new ai.djl.ndarray.types.Shape(m, shape.channels(), shape.height(), shape.width()));
              NDArray ys = sub.create(y, new ai.djl.ndarray.types.Shape(m));
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(ys), new NDList(logits));
                collector.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
            batches++;
            steps++;
          }
          lastLoss = lossSum / batches;
          progress.accept(String.format(java.util.Locale.ROOT, "epoch %d/%d: mean loss %.4f", epoch + 1, spec.epochs(), lastLoss));
        }
      }
      SmallCnn.saveParameters(block, file);
    }
    return new Result(file, lastLoss, steps, (System.nanoTime() - start) / 1e9);
  }

  /** Returns the share of samples whose highest-scoring class is their label. */
  public static double accuracy(ModelFunction model, List<ShapesSample> samples, int batchSize) {
    int correct = 0;
    for (int from = 0; from < samples.size(); from += batchSize) {
      List<ShapesSample> batch = samples.subList(from, Math.min(samples.size(), from + batchSize));
      float[][] out = model.outputs(batch.stream().map(ShapesSample::image).toList());
      for (int i = 0; i < out.length; i++) {
        if (argmax(out[i]) == batch.get(i).label()) {
          correct++;
        }
      }
    }
    return samples.isEmpty() ? Double.NaN : (double) correct / samples.size();
  }

  /** Returns the index of the largest value (the first one on ties). */
  public static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static void shuffle(int[] order, SplittableRandom r) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
