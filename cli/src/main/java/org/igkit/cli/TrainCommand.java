package org.igkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.igkit.api.data.Dataset;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.BlockMnist;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.experiments.data.CompositeGenerator;
import org.igkit.experiments.data.CompositeSample;
import org.igkit.experiments.data.FashionMnist;
import org.igkit.experiments.data.FashionOnTexture;
import org.igkit.experiments.data.FashionOnTextureBenchmark;
import org.igkit.experiments.data.ShapesBenchmark;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.models.training.ClassifierTrainer;
import org.igkit.experiments.training.ShapesTrainer;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.block.SmallCnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit train}: trains a block of one of igkit's architectures ({@code small-cnn},
 * {@code resnet}, {@code vgg}, {@code mobilenetv2}) on a benchmark's train split and writes its
 * parameters with a JSON record next to them: how it was made (the exact command), how long it
 * took, and its accuracy on the evaluation split — the first {@code --test-size} images of the
 * shapes test split, or the committed split of {@code fashion-on-texture} / {@code block-mnist}
 * (what their data sets read by default).
 *
 * <p>{@code shapes} needs no files; the other two draw their training images from the Debian
 * files ({@code dataset-fashion-mnist}, and {@code python3-skimage} for the backgrounds).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a benchmark model (small-cnn, resnet, vgg, mobilenetv2) with DJL on the CPU.")
public final class TrainCommand implements Callable<Integer> {

  private static final List<String> DATASETS = List.of("shapes", FashionOnTexture.ID, BlockMnist.ID);

  @Option(names = "--dataset", description = "shapes, fashion-on-texture or block-mnist (default: ${DEFAULT-VALUE})",
      defaultValue = "shapes")
  String dataset;

  @Option(names = "--architecture", description = "small-cnn, resnet, vgg or mobilenetv2 (default: ${DEFAULT-VALUE})",
      defaultValue = SmallCnn.TYPE)
  String architecture;

  @Option(names = "--out", description = "parameters file to write (default: experiments/models/<dataset>-<architecture>.params)")
  Path out;

  @Option(names = "--seed", description = "training seed (default: ${DEFAULT-VALUE})", defaultValue = "8")
  long seed;

  @Option(names = "--data-seed", description = "seed of the training images (default: ${DEFAULT-VALUE})", defaultValue = "0")
  long dataSeed;

  @Option(names = "--train-size", description = "training images (default: ${DEFAULT-VALUE})", defaultValue = "12000")
  int trainSize;

  @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE})", defaultValue = "5")
  int epochs;

  @Option(names = "--width", description = "base number of channels (default: ${DEFAULT-VALUE})", defaultValue = "16")
  int width;

  @Option(names = "--batch-size", description = "images per step (default: ${DEFAULT-VALUE})", defaultValue = "32")
  int batchSize;

  @Option(names = "--learning-rate", description = "Adam's learning rate (default: ${DEFAULT-VALUE})", defaultValue = "0.002")
  double learningRate;

  @Option(names = "--schedule", description = "learning rate: fixed or cosine (default: ${DEFAULT-VALUE})",
      defaultValue = "fixed")
  String schedule;

  @Option(names = "--bn-batches", description = "batches of 256 to re-estimate batch norm statistics after training (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  int bnBatches;

  @Option(names = "--test-size", description = "evaluation images (default: 200 for shapes, the whole committed split otherwise)")
  Integer testSize;

  @Option(names = "--eval-data", description = "archive to evaluate on instead of the committed split (fashion-on-texture, block-mnist)")
  Path evalData;

  @CommandLine.Mixin CompositeSources sources = new CompositeSources();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var printer = spec.commandLine().getOut();
    if (!DATASETS.contains(dataset)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--dataset: must be one of " + String.join(", ", DATASETS) + ", was '" + dataset + "'");
    }
    if (!BlockArchitectures.ids().contains(architecture)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--architecture: must be one of " + String.join(", ", BlockArchitectures.ids()) + ", was '" + architecture + "'");
    }
    TrainingSpec training;
    try {
      training = new TrainingSpec(trainSize, epochs, batchSize, learningRate, width, architecture, schedule, bnBatches);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Dataset evaluation = evaluationData();
    int tests = testSize == null ? evaluation.size() : testSize;
    if (tests < 1 || tests > evaluation.size()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--test-size: must be in [1, " + evaluation.size() + "], was " + tests);
    }
    Path file = (out == null ? Path.of("experiments", "models", dataset + "-" + architecture + ".params") : out)
        .toAbsolutePath();
    Files.createDirectories(file.getParent());

    long start = System.nanoTime();
    RandomSource random = RandomSource.of(seed);
    ClassifierTrainer.startEngine(random);
    TrainingSet data = trainingSet();
    printer.printf(Locale.ROOT, "%d training images %s drawn in %.1f s%n", data.size(), data.shape(),
        (System.nanoTime() - start) / 1e9);
    ClassifierTrainer.Result r = new ClassifierTrainer(training).train(data, random, file, start, printer::println);

    Shape shape = data.shape();
    ModelSpec modelSpec = ModelSpec.builder()
        .setPath(file.toString())
        .setInputShape(shape.channels(), shape.height(), shape.width())
        .optFormat(ModelSpec.DJL_BLOCK)
        .optBlock(architecture, width)
        .optNumClasses(data.numClasses())
        .optOutput(ModelSpec.PROBABILITY)
        .optThreads(1, 1)
        .build();
    double accuracy;
    try (DjlModelFunction model = DjlModelFunction.load(modelSpec)) {
      accuracy = ClassifierTrainer.accuracy(model, evaluation, tests, 64);
    }
    Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.params$", "") + ".json");
    Files.writeString(json, record(shape, data.numClasses(), r, tests, accuracy, Files.readAllBytes(file)));
    printer.printf(Locale.ROOT, "trained in %.1f s; %s accuracy %.1f %% on %d images%nparameters: %s (%d bytes)%nrecord: %s%n",
        r.seconds(), evaluationName(), 100 * accuracy, tests, file, Files.size(file), json);
    return 0;
  }

  private Dataset evaluationData() {
    String path = evalData == null ? null : evalData.toAbsolutePath().toString();
    return switch (dataset) {
      case FashionOnTexture.ID -> new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(path, null, 0));
      case BlockMnist.ID -> new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(path, null, 0));
      default -> {
        if (evalData != null) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--eval-data: applies to fashion-on-texture and block-mnist");
        }
        yield new ShapesBenchmark(new ShapesBenchmark.Spec(dataSeed, "test", testSize == null ? 200 : testSize, 0, null, null));
      }
    };
  }

  private String evaluationName() {
    if (dataset.equals("shapes")) {
      return "shapes test split (data seed " + dataSeed + ")";
    }
    return evalData == null ? "committed " + dataset + " test split" : evalData.toString();
  }

  private TrainingSet trainingSet() {
    if (dataset.equals("shapes")) {
      return ShapesTrainer.trainingSet(new ShapesDataset(ShapesDataset.Spec.defaults(), dataSeed), trainSize);
    }
    CompositeGenerator generator = CompositeGenerator.of(dataset, dataSeed, sources.fashionMnist, sources.textures);
    Shape shape = generator.shape();
    byte[] images = new byte[Math.multiplyExact(trainSize, shape.size())];
    int[] labels = new int[trainSize];
    for (int i = 0; i < trainSize; i++) {
      CompositeSample s = generator.sample(ShapesDataset.Split.TRAIN, i);
      float[] image = s.image();
      for (int j = 0; j < image.length; j++) {
        images[i * shape.size() + j] = (byte) Math.round(image[j] * 255f);
      }
      labels[i] = s.label();
    }
    return TrainingSet.ofBytes(shape, FashionMnist.CLASS_NAMES.size(), images, labels);
  }

  private String record(Shape shape, int numClasses, ClassifierTrainer.Result r, int tests, double accuracy,
      byte[] params) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = mapper.createObjectNode();
    o.put("dataset", dataset);
    o.put("architecture", architecture);
    o.put("width", width);
    o.putPOJO("inputShape", List.of(shape.channels(), shape.height(), shape.width()));
    o.put("numClasses", numClasses);
    o.put("seed", seed);
    o.put("dataSeed", dataSeed);
    o.put("trainSize", trainSize);
    o.put("epochs", epochs);
    o.put("batchSize", batchSize);
    o.put("learningRate", learningRate);
    o.put("schedule", schedule);
    o.put("bnBatches", bnBatches);
    o.put("finalLoss", Math.round(r.finalLoss() * 1e6) / 1e6);
    o.put("trainSeconds", Math.round(r.seconds() * 10) / 10.0);
    o.put("evaluation", evaluationName());
    o.put("testImages", tests);
    o.put("testAccuracy", Math.round(accuracy * 1e4) / 1e4);
    o.put("parameterBytes", params.length);
    o.put("sha256", sha256(params));
    o.put("command", String.format(Locale.ROOT,
        "./igkit train --dataset %s --architecture %s --seed %d --data-seed %d --train-size %d --epochs %d --width %d"
            + " --batch-size %d --learning-rate %s --schedule %s --bn-batches %d",
        dataset, architecture, seed, dataSeed, trainSize, epochs, width, batchSize, learningRate, schedule, bnBatches));
    return mapper.writeValueAsString(o) + "\n";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
