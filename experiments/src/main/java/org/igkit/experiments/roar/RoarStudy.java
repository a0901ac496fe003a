package org.igkit.experiments.roar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.run.MethodFactory;
import org.igkit.runner.run.RunPlan;

/**
 * ROAR over an experiment's methods (its cells) and a {@code random} reference, as the SIG authors
 * run it: every training and test image is attributed for the class the experiment's model
 * predicts; for each method and ratio r the top-r pixels ({@link PixelRemoval}) of every image are
 * replaced, a fresh model of the experiment's architecture is trained on the modified training
 * images ({@link RoarRetrainer}) and scored by its best accuracy on the modified test images (true
 * labels); the curve over r has an area ({@link RoarCurves}); lower means the method ranked the
 * informative pixels higher.
 *
 * <p>Seeds: attributions use the seeds {@code igkit run} gives the same (sample, cell), so the test
 * images' maps equal those of a run with the predicted class as target; {@code random}'s maps are
 * C×H×W N(0,1) draws from {@code seed → roar-random → sample id}; every retraining starts from
 * {@code seed → roar → training}. Every (method, ratio) is committed to {@link RoarResults} when its
 * model is trained, so a stopped study resumes where it stopped.
 */
public final class RoarStudy {

  /** The name of the reference with random maps. */
  public static final String RANDOM = "random";

  /**
   * What a study varies.
   *
   * @param ratios       shares of pixels to remove, increasing, in (0, 1)
   *                     (default 0.1, 0.3, 0.5, 0.7, 0.9)
   * @param epochs       epochs of each retraining (default 5)
   * @param trainImages  training images: the first of the benchmark's train split (default 2000)
   * @param testImages   test images: the first of the experiment's selected samples (default all)
   * @param batchSize    images per optimiser step (default 32)
   * @param learningRate Adam's learning rate (default 0.002)
   */
  public record Settings(List<Double> ratios, Integer epochs, Integer trainImages, Integer testImages, Integer batchSize,
      Double learningRate) {

    /** Fills defaults and validates. */
    public Settings {
      ratios = RoarCurves.checkIncreasing(ratios == null ? List.of(0.1, 0.3, 0.5, 0.7, 0.9) : ratios);
      if (ratios.isEmpty()) {
        throw new IllegalArgumentException("ratios: give at least one");
      }
      epochs = Checks.atLeast("epochs", 1, epochs == null ? 5 : epochs);
      trainImages = Checks.atLeast("trainImages", 1, trainImages == null ? 2000 : trainImages);
      testImages = testImages == null ? null : Checks.atLeast("testImages", 1, testImages);
      batchSize = Checks.atLeast("batchSize", 1, batchSize == null ? 32 : batchSize);
      learningRate = Checks.positive("learningRate", learningRate == null ? 0.002 : learningRate);
    }
  }

  /**
   * What a study did.
   *
   * @param areas        method → area under its curve, for the methods with every ratio
   * @param trained      models trained now
   * @param skipped      (method, ratio) already in the folder
   * @param baseAccuracy the experiment model's accuracy on the unmodified test images
   */
  public record Outcome(Map<String, Double> areas, int trained, int skipped, double baseAccuracy) {}

  private final PluginRegistry registry;
  private final Experiment experiment;
  private final Settings settings;

  /** Creates a study of {@code experiment}'s methods. */
  public RoarStudy(PluginRegistry registry, Experiment experiment, Settings settings) {
    this.registry = registry;
    this.experiment = experiment;
    this.settings = settings;
  }

  /** Returns what the study varies. */
  public Settings settings() {
    return settings;
  }

  /**
   * What every (method, ratio) of a study shares, before any model is loaded: the plan, the
   * methods (the cells' ids, then {@code random}), the test and training images, their shape, the
   * retraining's spec and the settings {@code roar.json} records.
   */
  public record Inputs(RunPlan plan, List<Cell> cells, List<String> methods, List<Sample> test, List<Sample> train,
      Shape shape, TrainingSpec trainingSpec, Map<String, String> settings) {

    /** The cell of {@code method}, or null for {@code random}. */
    public Cell cell(String method) {
      return cells.stream().filter(c -> c.id().equals(method)).findFirst().orElse(null);
    }
  }

  /** Validates the experiment and gathers the study's inputs; {@code out} is the result folder. */
  public Inputs prepare(Path out) {
    ModelSpec modelSpec = experiment.model();
    if (!ModelSpec.DJL_BLOCK.equals(modelSpec.format()) || modelSpec.architecture() == null) {
      throw new IllegalArgumentException("model.format: ROAR trains fresh models of the experiment's architecture, "
          + "so the model must be a djl-block with an architecture, was format '" + modelSpec.format() + "'");
    }
    if (!modelSpec.normalisationIsIdentity()) {
      throw new IllegalArgumentException("model.mean/std: ROAR's retraining feeds images as they are, so the model "
          + "must have no normalisation");
    }
    RunPlan plan = RunPlan.of(registry, experiment, out);
    List<Cell> cells = plan.cells();
    List<String> methods = new ArrayList<>();
    cells.forEach(c -> methods.add(c.id()));
    if (methods.contains(RANDOM)) {
      throw new IllegalArgumentException("methods: '" + RANDOM + "' names ROAR's reference with random maps; rename that method");
    }
    methods.add(RANDOM);

    Dataset testData = plan.dataset();
    int[] selected = plan.selected();
    int tests = settings.testImages() == null ? selected.length : Math.min(settings.testImages(), selected.length);
    List<Sample> test = new ArrayList<>();
    for (int i = 0; i < tests; i++) {
      Sample s = testData.get(selected[i]);
      if (s.label() < 0) {
        throw new IllegalArgumentException("dataset: test sample " + s.id() + " has no label; ROAR measures accuracy");
      }
      test.add(s);
    }
    Dataset trainData = RoarData.trainSplit(experiment, settings.trainImages());
    List<Sample> train = new ArrayList<>();
    for (int i = 0; i < trainData.size(); i++) {
      train.add(trainData.get(i));
    }
    TrainingSpec trainingSpec = new TrainingSpec(train.size(), settings.epochs(), settings.batchSize(),
        settings.learningRate(), modelSpec.width(), modelSpec.architecture(), "fixed", 0);
    return new Inputs(plan, cells, List.copyOf(methods), List.copyOf(test), List.copyOf(train), testData.shape(),
        trainingSpec, settingsMap(plan, methods, train.size(), tests));
  }

  /** Runs (or resumes) the study into {@code out}; {@code progress} receives one line per step. */
  public Outcome run(Path out, Consumer<String> progress) throws IOException {
    Inputs in = prepare(out);
    List<String> methods = in.methods();
    List<Sample> test = in.test();
    List<Sample> train = in.train();
    RoarResults results = RoarResults.open(out, in.settings());
    int trained = 0;
    int skipped = 0;
    double baseAccuracy;
    try (ModelFunction model = in.plan().loadModel(RunPlan.formatLoader(registry))) {
      int[] trainTargets = predictions(model, train);
      int[] testTargets = predictions(model, test);
      baseAccuracy = accuracy(test, testTargets);
      progress.accept(String.format(Locale.ROOT, "base model: accuracy %.4f on %d test images; %d training images",
          baseAccuracy, test.size(), train.size()));
      for (String method : methods) {
        List<Double> missing = settings.ratios().stream().filter(r -> !results.done(method, r)).toList();
        skipped += settings.ratios().size() - missing.size();
        if (missing.isEmpty()) {
          progress.accept(method + ": every ratio already done");
          continue;
        }
        progress.accept(method + ": attributing " + train.size() + " training and " + test.size() + " test images");
        double[][] trainSaliency = saliencies(in, model, method, train, trainTargets);
        double[][] testSaliency = saliencies(in, model, method, test, testTargets);
        for (double r : missing) {
          RoarResults.Row row = retrain(in, method, r, trainSaliency, testSaliency, model.numClasses(), out);
          results.append(row);
          trained++;
          progress.accept(String.format(Locale.ROOT, "%s r=%s: accuracy %.4f (epoch %d of %d)", method, r,
              row.accuracy(), row.bestEpoch(), settings.epochs()));
        }
      }
    }
    Map<String, Double> areas = results.writeSummary(methods, settings.ratios(), notes(in, baseAccuracy));
    return new Outcome(areas, trained, skipped, baseAccuracy);
  }

  /** The share of {@code test} whose label is its entry of {@code predicted}. */
  public static double accuracy(List<Sample> test, int[] predicted) {
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      correct += predicted[i] == test.get(i).label() ? 1 : 0;
    }
    return (double) correct / test.size();
  }

  /** The lines {@code roar.md} prints under its title. */
  public List<String> notes(Inputs in, double baseAccuracy) {
    ModelSpec modelSpec = experiment.model();
    return List.of(
        "experiment: " + experiment.name() + ", model " + modelSpec.architecture() + " (width " + modelSpec.width() + ")",
        String.format(Locale.ROOT, "base model accuracy on the %d unmodified test images: %.4f", in.test().size(), baseAccuracy),
        String.format(Locale.ROOT, "%d training images, %d epochs per model, batch %d, Adam %s, seed %d",
            in.train().size(), settings.epochs(), settings.batchSize(), settings.learningRate(), experiment.seed()));
  }

  /**
   * Removes the top-{@code ratio} pixels of every training and test image by the given saliencies,
   * trains a fresh model (its parameters under {@code out/models}) and returns its row. Every call
   * starts from the same random source, so the row depends on its inputs only.
   */
  public RoarResults.Row retrain(Inputs in, String method, double ratio, double[][] trainSaliency,
      double[][] testSaliency, int classes, Path out) throws IOException {
    RoarRetrainer retrainer = new RoarRetrainer(in.trainingSpec(),
        RandomSource.of(experiment.seed()).derive("roar").derive("training"));
    TrainingSet modifiedTrain = removed(in.train(), trainSaliency, in.shape(), ratio, classes);
    TrainingSet modifiedTest = removed(in.test(), testSaliency, in.shape(), ratio, classes);
    Path params = out.resolve("models").resolve(fileName(method) + "-r" + ratio + ".params");
    java.nio.file.Files.createDirectories(params.getParent());
    RoarRetrainer.Score score = retrainer.retrain(modifiedTrain, modifiedTest, params, line -> {});
    int pixels = in.shape().height() * in.shape().width();
    return new RoarResults.Row(method, ratio, PixelRemoval.removedCount(pixels, ratio), score.accuracy(),
        score.bestEpoch(), score.epochAccuracy());
  }

  private Map<String, String> settingsMap(RunPlan plan, List<String> methods, int trainImages, int testImages) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("experiment", experiment.name());
    m.put("seed", Long.toString(experiment.seed()));
    m.put("modelSha256", plan.fingerprint().modelSha256());
    m.put("testDataFingerprint", plan.fingerprint().dataFingerprint());
    m.put("methods", String.join(";", methods));
    m.put("ratios", String.join(";", settings.ratios().stream().map(RoarResults::number).toList()));
    m.put("epochs", Integer.toString(settings.epochs()));
    m.put("trainImages", Integer.toString(trainImages));
    m.put("testImages", Integer.toString(testImages));
    m.put("batchSize", Integer.toString(settings.batchSize()));
    m.put("learningRate", RoarResults.number(settings.learningRate()));
    m.put("attributionBatchSize", Integer.toString(experiment.batchSize()));
    return m;
  }

  /** The model's top class for each of {@code samples}, in batches of the experiment's batch size. */
  public int[] predictions(ModelFunction model, List<Sample> samples) {
    int[] out = new int[samples.size()];
    int batch = Math.max(1, experiment.batchSize());
    for (int from = 0; from < samples.size(); from += batch) {
      List<float[]> images = samples.subList(from, Math.min(samples.size(), from + batch)).stream().map(Sample::image).toList();
      float[][] scores = model.outputs(images);
      for (int i = 0; i < scores.length; i++) {
        out[from + i] = Argmax.of(scores[i]);
      }
    }
    return out;
  }

  /**
   * Per-pixel saliencies of {@code samples} for {@code method} of {@code in}: its attributions for
   * {@code targets}, or N(0,1) maps for {@code random}.
   */
  public double[][] saliencies(Inputs in, ModelFunction model, String method, List<Sample> samples, int[] targets) {
    Cell cell = in.cell(method);
    if (cell == null && !RANDOM.equals(method)) {
      throw new IllegalArgumentException("method '" + method + "' is not one of the study's " + in.methods());
    }
    AttributionMethod attribution = cell == null ? null : new MethodFactory(registry).create(cell.config());
    return saliencies(model, attribution, cell, samples, targets, in.shape(), in.plan().engineOptions());
  }

  private double[][] saliencies(ModelFunction model, AttributionMethod method, Cell cell, List<Sample> samples,
      int[] targets, Shape shape, EngineOptions options) {
    RandomSource root = RandomSource.of(experiment.seed());
    double[][] out = new double[samples.size()][];
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      float[] map;
      if (method == null) {
        SplittableRandom g = root.derive("roar-random").derive("sample:" + s.id()).generator();
        map = new float[shape.size()];
        for (int j = 0; j < map.length; j++) {
          map[j] = (float) g.nextGaussian();
        }
      } else {
        RandomSource sampleRandom = root.derive("sample:" + s.id());
        Attribution a = AttributionEngine.attribute(model, method, s.image(), targets[i],
            sampleRandom.derive("cell:" + cell.id()),
            sampleRandom.derive("baselines:" + MethodFactory.baselineKey(cell.config())), options);
        map = a.values();
      }
      try {
        out[i] = PixelRemoval.saliency(map, shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sample " + s.id() + ", method " + (cell == null ? RANDOM : cell.id()) + ": "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  private static TrainingSet removed(List<Sample> samples, double[][] saliency, Shape shape, double ratio, int classes) {
    int size = shape.size();
    float[] images = new float[samples.size() * size];
    int[] labels = new int[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(PixelRemoval.remove(samples.get(i).image(), saliency[i], shape, ratio), 0, images, i * size, size);
      labels[i] = samples.get(i).label();
    }
    return TrainingSet.ofFloats(shape, classes, images, labels);
  }

  /** A method name as a file name: characters other than letters, digits, '.', '_' and '-' become '_'. */
  static String fileName(String method) {
    return method.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
