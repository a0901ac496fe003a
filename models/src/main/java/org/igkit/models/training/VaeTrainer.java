package org.igkit.models.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.models.latent.ConvVae;
import org.igkit.models.latent.VaeCodec;
import org.igkit.models.latent.VaeFile;
import org.igkit.models.PyTorchRuntime;

/**
 * Trains a {@link ConvVae} on a set of training images (igkit's trained VAE: the shapes benchmark's train split) with DJL's training API on the
 * CPU — the VAE behind the {@code latent} path. Loss: {@link VaeLoss} (Gaussian reconstruction
 * term with noise σ plus the KL divergence to N(0, I)), Adam with a fixed learning rate,
 * mini-batches in an order shuffled per epoch.
 *
 * <p>Reproducibility: weights start from {@link ConvVae#initializeSeeded} with a seed derived from
 * {@code random.derive("init")}; the shuffles draw from {@code random.derive("shuffle", epoch)}
 * and the reparameterisation noise ε from {@code random.derive("noise", epoch)} (Box–Muller in
 * Java, passed to the block as an input), never from the engine's global state; PyTorch runs with
 * one intra-op and one inter-op thread. One machine gives the same parameters on every run.
 */
public final class VaeTrainer {

  private final VaeTrainingSpec spec;

  /** Creates the trainer. */
  public VaeTrainer(VaeTrainingSpec spec) {
    this.spec = spec;
  }

  /**
   * What training produced.
   *
   * @param file                the saved VAE ({@link VaeFile})
   * @param finalLoss           mean loss per image of the last epoch (Σ(x − x̂)²/2σ² + KL)
   * @param finalMse            mean squared error per pixel of the last epoch's sampled
   *                            reconstructions
   * @param finalKl             mean KL term per image of the last epoch
   * @param parameters          number of parameters
   * @param steps               optimiser steps taken
   * @param seconds             wall-clock time (data drawing included)
   */
  public record Result(
      Path file, double finalLoss, double finalMse, double finalKl, long parameters, int steps, double seconds) {}

  /**
   * Trains on training images {@code 0 … trainSize − 1} and writes the VAE to {@code file}.
   *
   * @param shape    the shape of every image
   * @param image    training image {@code i}, values in [0, 1]
   * @param progress receives one line per epoch
   */
  public Result train(Shape shape, IntFunction<float[]> image, RandomSource random, Path file,
      Consumer<String> progress) {
    long start = System.nanoTime();
    PyTorchRuntime.start(1, 1);
    int n = spec.trainSize();
    int size = shape.size();
    int d = spec.latentDim();
    float[] images = new float[Math.multiplyExact(n, size)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(image.apply(i), 0, images, i * size, size);
    }
    ConvVae vae = new ConvVae(shape, d, spec.width());
    VaeLoss loss = new VaeLoss(spec.sigma());
    int steps = 0;
    double[] last = new double[3];
    long parameters = 0;
    try (Model model = Model.newInstance("conv-vae", PyTorchRuntime.ENGINE)) {
      model.setBlock(vae);
      vae.initializeSeeded(model.getNDManager(), random.derive("init").seed());
      for (var p : vae.getParameters()) {
        parameters += p.getValue().getArray().size();
      }
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(spec.learningRate().floatValue()))
              .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(vae.imageBatch(1), vae.latentBatch(1));
        int[] order = new int[n];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
          shuffle(order, random.derive("shuffle", epoch).generator());
          SplittableRandom noise = random.derive("noise", epoch).generator();
          double lossSum = 0;
          double sseSum = 0;
          double klSum = 0;
          for (int from = 0; from < n; from += spec.batchSize()) {
            int m = Math.min(spec.batchSize(), n - from);
            float[] x = new float[m * size];
            for (int i = 0; i < m; i++) {
              System.arraycopy(images, order[from + i] * size, x, i * size, size);
            }
            float[] eps = new float[m * d];
            for (int i = 0; i < eps.length; i++) {
              eps[i] = (float) gaussian(noise);
            }
            try (NDManager sub = trainer.getManager().newSubManager()) {
              NDArray xs = sub.create(x, vae.imageBatch(m));
              NDArray es = sub.create(eps, vae.latentBatch(m));
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(xs, es));
                NDArray[] parts = loss.parts(new NDList(xs), predictions);
                NDArray batchLoss = parts[0].add(parts[1]).mean();
                collector.backward(batchLoss);
                lossSum += batchLoss.getFloat() * m;
                sseSum += parts[0].sum().getFloat() * 2 * spec.sigma() * spec.sigma();
                klSum += parts[1].sum().getFloat();
              }
              trainer.step();
            }
            steps++;
          }
          last[0] = lossSum / n;
          last[1] = sseSum / ((double) n * size);
          last[2] = klSum / n;
          progress.accept(String.format(Locale.ROOT, "epoch %d/%d: loss %.2f per image (mse %.5f per pixel, kl %.2f)",
              epoch + 1, spec.epochs(), last[0], last[1], last[2]));
        }
      }
      VaeFile.write(vae, file);
    }
    return new Result(file, last[0], last[1], last[2], parameters, steps, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Returns the mean squared error per pixel of the VAE's reconstructions D(μ(x)) of
   * {@code images} (batches of 64).
   */
  public static double reconstructionMse(VaeCodec codec, List<float[]> images) {
    double sum = 0;
    long count = 0;
    for (int from = 0; from < images.size(); from += 64) {
      List<float[]> batch = images.subList(from, Math.min(images.size(), from + 64));
      float[][] decoded = codec.decode(List.of(codec.encode(batch)));
      for (int i = 0; i < batch.size(); i++) {
        float[] x = batch.get(i);
        for (int j = 0; j < x.length; j++) {
          double e = (double) x[j] - decoded[i][j];
          sum += e * e;
        }
        count += x.length;
      }
    }
    return sum / count;
  }

  /**
   * Returns the mean squared error per pixel of predicting every image of {@code images} by the
   * pixel-wise mean of {@code reference} — the trivial baseline a VAE must beat.
   */
  public static double meanImageMse(List<float[]> reference, List<float[]> images) {
    int size = reference.get(0).length;
    double[] mean = new double[size];
    for (float[] r : reference) {
      for (int j = 0; j < size; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < size; j++) {
      mean[j] /= reference.size();
    }
    double sum = 0;
    for (float[] x : images) {
      for (int j = 0; j < size; j++) {
        double e = x[j] - mean[j];
        sum += e * e;
      }
    }
    return sum / ((double) images.size() * size);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
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
