package org.igkit.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.ShapesSample;
import org.igkit.experiments.training.ShapesTrainer;
import org.igkit.experiments.training.TrainingSpec;
import org.igkit.runner.model.DjlModelFunction;
import org.igkit.runner.model.ModelSpec;
import org.igkit.runner.model.SmallCnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit train}: trains the benchmark CNN on the procedural shapes data and writes its
 * parameters, with a small JSON record of how it was made and how accurate it is.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the small CNN on the procedural shapes benchmark (DJL, CPU).")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--out", description = "parameters file to write (default: ${DEFAULT-VALUE})",
      defaultValue = "experiments/models/shapes-small-cnn.params")
  Path out;

  @Option(names = "--seed", description = "training seed (default: ${DEFAULT-VALUE})", defaultValue = "8")
  long seed;

  @Option(names = "--data-seed", description = "seed of the shapes data (default: ${DEFAULT-VALUE})", defaultValue = "0")
  long dataSeed;

  @Option(names = "--train-size", description = "training images (default: ${DEFAULT-VALUE})", defaultValue = "12000")
  int trainSize;

  @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})", defaultValue = "5")
  int epochs;

  @Option(names = "--width", description = "filters of the first convolution (default: ${DEFAULT-VALUE})", defaultValue = "16")
  int width;

  @Option(names = "--test-size", description = "test images for the accuracy (default: ${DEFAULT-VALUE})", defaultValue = "200")
  int testSize;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    TrainingSpec training = new TrainingSpec(trainSize, epochs, null, null, width);
    ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), dataSeed);
    Path file = this.out.toAbsolutePath();
    Files.createDirectories(file.getParent());
    ShapesTrainer.Result r = new ShapesTrainer(training).train(data, RandomSource.of(seed), file, out::println);
    ModelSpec modelSpec = new ModelSpec(file.toString(), ModelSpec.DJL_BLOCK, SmallCnn.TYPE, width,
        java.util.List.of(3, 32, 32), ShapesDataset.numClasses(), null, null, null, ModelSpec.PROBABILITY, 1, 1, null);
    double accuracy;
    try (DjlModelFunction model = DjlModelFunction.load(modelSpec)) {
      java.util.List<ShapesSample> test = data.samples(ShapesDataset.Split.TEST, 0, testSize);
      accuracy = ShapesTrainer.accuracy(model, test, 64);
    }
    String record = String.format(Locale.ROOT,
        "{%n  \"architecture\": \"%s\",%n  \"width\": %d,%n  \"seed\": %d,%n  \"dataSeed\": %d,%n  \"trainSize\": %d,"
            + "%n  \"epochs\": %d,%n  \"finalLoss\": %.6f,%n  \"testImages\": %d,%n  \"testAccuracy\": %.4f,%n"
            + "  \"command\": \"./igkit train --seed %d --data-seed %d --train-size %d --epochs %d --width %d\"%n}%n",
        SmallCnn.TYPE, width, seed, dataSeed, trainSize, epochs, r.finalLoss(), testSize, accuracy,
        seed, dataSeed, trainSize, epochs, width);
    Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.params$", "") + ".json");
    Files.writeString(json, record);
    out.printf(Locale.ROOT, "trained in %.1f s; test accuracy %.1f %% on %d images%nparameters: %s%nrecord: %s%n",
        r.seconds(), 100 * accuracy, testSize, file, json);
    return 0;
  }
}
