package org.igkit.cli;

import org.igkit.models.training.VaeTrainer;
import org.igkit.models.training.VaeTrainingSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.models.latent.VaeCodec;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.block.SmallCnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit train-vae}: trains the convolutional VAE of the {@code latent} path on the
 * procedural shapes data and writes its parameters ({@link org.igkit.models.latent.VaeFile}) and,
 * beside them, a JSON record: the exact command, the settings, the final training loss and the
 * reconstruction error on test images next to the error of predicting the mean training image,
 * and — with {@code --classifier} — how often a classifier still recognises the reconstructions.
 */
@Command(name = "train-vae", mixinStandardHelpOptions = true,
    description = "Train the VAE of the latent path on the procedural shapes benchmark (DJL, CPU).")
public final class TrainVaeCommand implements Callable<Integer> {

  @Option(names = "--out", description = "parameters file to write (default: ${DEFAULT-VALUE})",
      defaultValue = "experiments/models/shapes-vae.params")
  Path out;

  @Option(names = "--seed", description = "training seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
  long seed;

  @Option(names = "--data-seed", description = "seed of the shapes data (default: ${DEFAULT-VALUE})", defaultValue = "0")
  long dataSeed;

  @Option(names = "--train-size", description = "training images (default: ${DEFAULT-VALUE})", defaultValue = "6000")
  int trainSize;

  @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})", defaultValue = "8")
  int epochs;

  @Option(names = "--batch-size", description = "images per step (default: ${DEFAULT-VALUE})", defaultValue = "64")
  int batchSize;

  @Option(names = "--learning-rate", description = "Adam's learning rate (default: ${DEFAULT-VALUE})", defaultValue = "0.002")
  double learningRate;

  @Option(names = "--latent-dim", description = "latent dimension (default: ${DEFAULT-VALUE})", defaultValue = "16")
  int latentDim;

  @Option(names = "--width", description = "filters of the first convolution (default: ${DEFAULT-VALUE})", defaultValue = "16")
  int width;

  @Option(names = "--sigma", description = "decoder noise σ of the reconstruction term (default: ${DEFAULT-VALUE})",
      defaultValue = "0.1")
  double sigma;

  @Option(names = "--test-size", description = "test images for the reconstruction error (default: ${DEFAULT-VALUE})",
      defaultValue = "200")
  int testSize;

  @Option(names = "--classifier",
      description = "optional: a small-cnn parameters file (width 16, 4 classes, e.g. experiments/models/"
          + "shapes-small-cnn.params); records its accuracy on the test images and on their reconstructions")
  Path classifier;

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() throws IOException {
    var printer = commandSpec.commandLine().getOut();
    VaeTrainingSpec training = new VaeTrainingSpec(trainSize, epochs, batchSize, learningRate, latentDim, width, sigma);
    ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), dataSeed);
    Path file = out.toAbsolutePath();
    Files.createDirectories(file.getParent());
    VaeTrainer.Result r = new VaeTrainer(training).train(data.shape(), i -> data.sample(ShapesDataset.Split.TRAIN, i).image(), RandomSource.of(seed), file, printer::println);
    List<float[]> test = data.images(ShapesDataset.Split.TEST, 0, testSize);
    double mse;
    try (VaeCodec codec = VaeCodec.load(file)) {
      mse = VaeTrainer.reconstructionMse(codec, test);
    }
    double meanImage = VaeTrainer.meanImageMse(
        data.images(ShapesDataset.Split.TRAIN, 0, Math.min(trainSize, 2000)), test);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("architecture", "conv-vae");
    record.put("dataset", "shapes");
    record.put("inputShape", List.of(data.shape().channels(), data.shape().height(), data.shape().width()));
    record.put("latentDim", latentDim);
    record.put("width", width);
    record.put("parameters", r.parameters());
    record.put("seed", seed);
    record.put("dataSeed", dataSeed);
    record.put("trainSize", trainSize);
    record.put("epochs", epochs);
    record.put("batchSize", batchSize);
    record.put("learningRate", learningRate);
    record.put("sigma", sigma);
    record.put("loss", "per image: sum of squared errors / (2 sigma^2) + KL(q(z|x) || N(0, I))");
    record.put("finalLoss", round(r.finalLoss()));
    record.put("finalTrainMse", round(r.finalMse()));
    record.put("finalKl", round(r.finalKl()));
    record.put("testImages", testSize);
    record.put("testReconstructionMse", round(mse));
    record.put("testMeanImageMse", round(meanImage));
    if (classifier != null) {
      double[] accuracy = classifierAccuracy(file, test, data);
      record.put("classifier", classifier.toString());
      record.put("classifierAccuracyOnTestImages", round(accuracy[0]));
      record.put("classifierAccuracyOnReconstructions", round(accuracy[1]));
    }
    record.put("trainingSeconds", Math.round(r.seconds() * 10) / 10.0);
    record.put("command", String.format(Locale.ROOT,
        "./igkit train-vae --seed %d --data-seed %d --train-size %d --epochs %d --batch-size %d --learning-rate %s"
            + " --latent-dim %d --width %d --sigma %s --test-size %d%s",
        seed, dataSeed, trainSize, epochs, batchSize, learningRate, latentDim, width, sigma, testSize,
        classifier == null ? "" : " --classifier " + classifier));
    Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.params$", "") + ".json");
    Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record) + "\n");
    printer.printf(Locale.ROOT,
        "trained in %.1f s; test reconstruction MSE %.5f per pixel (mean image: %.5f) on %d images%n"
            + "parameters: %s%nrecord: %s%n",
        r.seconds(), mse, meanImage, testSize, file, json);
    return 0;
  }

  /** Returns the classifier's accuracy on {@code test} and on their reconstructions D(μ(x)). */
  private double[] classifierAccuracy(Path vae, List<float[]> test, ShapesDataset data) {
    ModelSpec spec = ModelSpec.builder()
        .setPath(classifier.toString())
        .setInputShape(data.shape().channels(), data.shape().height(), data.shape().width())
        .optFormat(ModelSpec.DJL_BLOCK)
        .optBlock(SmallCnn.TYPE, 16)
        .optNumClasses(ShapesDataset.numClasses())
        .optThreads(1, 1)
        .build();
    int onImages = 0;
    int onReconstructions = 0;
    try (DjlModelFunction model = DjlModelFunction.load(spec); VaeCodec codec = VaeCodec.load(vae)) {
      for (int from = 0; from < test.size(); from += 64) {
        List<float[]> batch = test.subList(from, Math.min(test.size(), from + 64));
        float[][] out = model.outputs(batch);
        float[][] rec = model.outputs(List.of(codec.decode(List.of(codec.encode(batch)))));
        for (int i = 0; i < batch.size(); i++) {
          int label = data.label(ShapesDataset.Split.TEST, from + i);
          onImages += Argmax.of(out[i]) == label ? 1 : 0;
          onReconstructions += Argmax.of(rec[i]) == label ? 1 : 0;
        }
      }
    }
    return new double[] {(double) onImages / test.size(), (double) onReconstructions / test.size()};
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
