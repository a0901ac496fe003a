package org.igkit.models.training;

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
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.models.block.BlockArchitecture;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.models.BlockParameters;
import org.igkit.models.PyTorchRuntime;

/**
 * Trains a block of any {@link BlockArchitecture} on a {@link TrainingSet} with DJL's training API
 * on the CPU: softmax cross-entropy on the logits, Adam with a fixed learning rate, mini-batches in
 * an order shuffled per epoch (its rate fixed or on a cosine schedule), optionally a re-estimate of
 * batch norm's running statistics for the final weights ({@link TrainingSpec#bnBatches()}),
 * parameters saved with {@link BlockParameters#save}.
 *
 * <p>Reproducibility: weights start from {@link BlockParameters#initialize} with a seed derived
 * from {@code random} ({@code derive("init")}), the shuffles draw from
 * {@code random.derive("shuffle", epoch)}, the re-estimate's batches from
 * {@code random.derive("batch-norm")}, the engine's own seed is set from
 * {@code derive("engine")}, and PyTorch runs with one intra-op and one inter-op thread, so one
 * machine gives the same parameters on every run.
 */
public final class ClassifierTrainer {

  private final TrainingSpec spec;

  /** Creates the trainer. */
  public ClassifierTrainer(TrainingSpec spec) {
    this.spec = spec;
  }

  /**
   * What training produced.
   *
   * @param file      the saved parameters
   * @param finalLoss mean training loss of the last epoch
   * @param steps     optimiser steps taken
   * @param seconds   wall-clock training time
   * @param evaluationAccuracy after each epoch, the share of the evaluation images whose top class
   *                  (inference mode) is their label; empty when training had no evaluation set
   */
  public record Result(Path file, double finalLoss, int steps, double seconds, List<Double> evaluationAccuracy) {

    /** Copies the accuracies. */
    public Result {
      evaluationAccuracy = List.copyOf(evaluationAccuracy);
    }

    /** A result without evaluation. */
    public Result(Path file, double finalLoss, int steps, double seconds) {
      this(file, finalLoss, steps, seconds, List.of());
    }
  }

  /**
   * Trains on every image of {@code data} and saves the parameters to {@code file}.
   *
   * @param start    {@link System#nanoTime()} when the work began (data generation included)
   * @param progress receives one line per epoch
   */
  public Result train(TrainingSet data, RandomSource random, Path file, long start, Consumer<String> progress) {
    return train(data, null, random, file, start, progress);
  }

  /**
   * Trains as {@link #train(TrainingSet, RandomSource, Path, long, Consumer)} and, after every
   * epoch, measures the accuracy on {@code evaluation} in inference mode (batch norm with its
   * running statistics); evaluating draws no random numbers, so the parameters are those of the
   * same training without it.
   *
   * @param evaluation labelled images of the training images' shape and classes, or null for none
   */
  public Result train(TrainingSet data, TrainingSet evaluation, RandomSource random, Path file, long start,
      Consumer<String> progress) {
    if (evaluation != null && (!evaluation.shape().equals(data.shape()) || evaluation.numClasses() != data.numClasses())) {
      throw new IllegalArgumentException("evaluation images are " + evaluation.shape() + " with " + evaluation.numClasses()
          + " classes, but the training images are " + data.shape() + " with " + data.numClasses());
    }
    List<Double> accuracies = new java.util.ArrayList<>();
    BlockArchitecture architecture = BlockArchitectures.of(spec.architecture());
    Shape shape = data.shape();
    int n = data.size();
    int size = shape.size();
    Block block = architecture.build(data.numClasses(), spec.width(), shape);
    int steps = 0;
    double lastLoss = Double.NaN;
    try (Model model = Model.newInstance(architecture.id(), PyTorchRuntime.ENGINE)) {
      model.setBlock(block);
      BlockParameters.initialize(block, model.getNDManager(), shape, random.derive("init").seed());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate(n)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(BlockParameters.batchShape(shape));
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
              data.copyImage(k, x, i * size);
              y[i] = data.label(k);
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
          String evaluated = "";
          if (evaluation != null) {
            double accuracy = evaluate(trainer, evaluation);
            accuracies.add(accuracy);
            evaluated = String.format(Locale.ROOT, ", evaluation accuracy %.4f", accuracy);
          }
          progress.accept(String.format(Locale.ROOT, "epoch %d/%d: mean loss %.4f%s (%.0f s)", epoch + 1, spec.epochs(),
              lastLoss, evaluated, (System.nanoTime() - start) / 1e9));
        }
        if (spec.bnBatches() > 0) {
          reestimateBatchNorm(trainer, data, random.derive("batch-norm").generator());
          progress.accept(String.format(Locale.ROOT, "batch norm statistics re-estimated on %d batches (%.0f s)",
              spec.bnBatches(), (System.nanoTime() - start) / 1e9));
        }
      }
      BlockParameters.save(block, file);
    }
    return new Result(file, lastLoss, steps, (System.nanoTime() - start) / 1e9, accuracies);
  }

  /** Images per evaluation batch. */
  private static final int EVALUATION_BATCH = 64;

  /** The share of {@code data} whose highest logit (inference mode) is the label. */
  private static double evaluate(Trainer trainer, TrainingSet data) {
    Shape shape = data.shape();
    int size = shape.size();
    int correct = 0;
    for (int from = 0; from < data.size(); from += EVALUATION_BATCH) {
      int m = Math.min(EVALUATION_BATCH, data.size() - from);
      float[] x = new float[m * size];
      for (int i = 0; i < m; i++) {
        data.copyImage(from + i, x, i * size);
      }
      try (NDManager sub = trainer.getManager().newSubManager()) {
        NDArray xs = sub.create(x, new ai.djl.ndarray.types.Shape(m, shape.channels(), shape.height(), shape.width()));
        NDList out = trainer.evaluate(new NDList(xs));
        out.attach(sub);
        float[] logits = out.singletonOrThrow().toFloatArray();
        int classes = logits.length / m;
        for (int i = 0; i < m; i++) {
          float[] row = java.util.Arrays.copyOfRange(logits, i * classes, (i + 1) * classes);
          if (Argmax.of(row) == data.label(from + i)) {
            correct++;
          }
        }
      }
    }
    return data.size() == 0 ? Double.NaN : (double) correct / data.size();
  }

  private Tracker learningRate(int n) {
    float rate = spec.learningRate().floatValue();
    if (spec.schedule().equals("fixed")) {
      return Tracker.fixed(rate);
    }
    int steps = spec.epochs() * ((n + spec.batchSize() - 1) / spec.batchSize());
    return Tracker.cosine().setBaseValue(rate).optFinalValue(0f).setMaxUpdates(steps).build();
  }

  /** Images per batch-norm re-estimation batch. */
  private static final int BN_BATCH = 256;

  /**
   * Runs {@link TrainingSpec#bnBatches()} batches of 256 random training images forward in
   * training mode with no optimiser step: each batch moves batch norm's running statistics 10 %
   * of the way to its own (DJL's momentum 0.9), so they end as an average over the last batches
   * computed with the final weights.
   */
  private void reestimateBatchNorm(Trainer trainer, TrainingSet data, SplittableRandom r) {
    Shape shape = data.shape();
    int size = shape.size();
    int m = Math.min(BN_BATCH, data.size());
    float[] x = new float[m * size];
    for (int b = 0; b < spec.bnBatches(); b++) {
      for (int i = 0; i < m; i++) {
        data.copyImage(r.nextInt(data.size()), x, i * size);
      }
      try (NDManager sub = trainer.getManager().newSubManager()) {
        NDArray xs = sub.create(x, new ai.djl.ndarray.types.Shape(m, shape.channels(), shape.height(), shape.width()));
        NDList out = trainer.forward(new NDList(xs));
        out.attach(sub);
      }
    }
  }

  /** Starts PyTorch with one thread each and seeds the engine from {@code random.derive("engine")}. */
  public static void startEngine(RandomSource random) {
    PyTorchRuntime.start(1, 1);
    Engine.getEngine(PyTorchRuntime.ENGINE).setRandomSeed((int) random.derive("engine").seed());
  }

  /** Returns the share of the first {@code count} samples of {@code data} whose top class is their label. */
  public static double accuracy(ModelFunction model, Dataset data, int count, int batchSize) {
    int correct = 0;
    for (int from = 0; from < count; from += batchSize) {
      int to = Math.min(count, from + batchSize);
      List<Sample> batch = new java.util.ArrayList<>();
      for (int i = from; i < to; i++) {
        batch.add(data.get(i));
      }
      float[][] out = model.outputs(batch.stream().map(Sample::image).toList());
      for (int i = 0; i < out.length; i++) {
        if (Argmax.of(out[i]) == batch.get(i).label()) {
          correct++;
        }
      }
    }
    return count == 0 ? Double.NaN : (double) correct / count;
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
