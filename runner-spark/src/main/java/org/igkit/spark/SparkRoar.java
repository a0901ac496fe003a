package org.igkit.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.experiments.roar.RoarResults;
import org.igkit.experiments.roar.RoarStudy;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.RunPlan;

/**
 * ROAR ({@link RoarStudy}, {@code igkit roar}) on Apache Spark, with the local study's result folder:
 *
 * <pre>
 * spark-submit --class org.igkit.spark.SparkRoar igkit-runner-spark-…-app.jar FILE [--output DIR]
 *     [--ratios R,R,…] [--epochs N] [--train-limit N] [--test-limit N] [--batch-size N] [--learning-rate X]
 * </pre>
 *
 * <p>The driver validates the experiment and the settings, opens the folder with
 * {@link RoarResults} (a folder of other settings is refused; finished (method, ratio) rows are
 * skipped: resume), loads the model once for the predicted classes and the base accuracy, and
 * runs two jobs:
 *
 * <ol>
 *   <li>one task per method with a ratio still to train attributes every training and test image
 *       and writes the method's saliencies (N × H·W doubles per split) to
 *       {@code roar-maps/method-I.maps} in the result folder, so the attribution runs once per
 *       method, not once per ratio;
 *   <li>one task per missing (method, ratio) reads its method's file, removes the top pixels and
 *       retrains ({@code models/} as locally); the driver appends the rows through
 *       {@link RoarResults} in the local study's order (methods, then ratios), a wave of as many
 *       tasks as the cluster runs at once, so a killed job loses at most one wave.
 * </ol>
 *
 * <p>The saliencies go through files, not the driver: the driver never holds a map, whatever the
 * number of methods and images. Executors therefore need the result folder at the driver's path
 * (shared storage; in local mode it is the driver's disk). The maps folder is removed when every
 * row is done. Retraining runs PyTorch on one thread per task, seeded as locally, so each row
 * equals the local study's.
 */
public final class SparkRoar {

  /**
   * What a run did.
   *
   * @param output       the result folder
   * @param areas        method → area, for the methods with every ratio
   * @param trained      rows appended by this run
   * @param skipped      (method, ratio) already in the folder
   * @param baseAccuracy the experiment model's accuracy on the unmodified test images
   * @param mapsComputed methods whose saliencies the executors computed (a Spark accumulator)
   * @param retrained    models the executors trained (a Spark accumulator)
   */
  public record Outcome(Path output, Map<String, Double> areas, int trained, int skipped, double baseAccuracy,
      long mapsComputed, long retrained) {}

  private SparkRoar() {}

  /** {@code FILE [--output DIR] [--ratios …] [--epochs N] [--train-limit N] [--test-limit N] [--batch-size N] [--learning-rate X]}. */
  public static void main(String[] args) throws IOException {
    Path file = null;
    Path output = null;
    List<Double> ratios = null;
    Integer epochs = null;
    Integer trainLimit = null;
    Integer testLimit = null;
    Integer batchSize = null;
    Double learningRate = null;
    RoarStudy.Settings settings;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--output" -> output = Path.of(value(args, ++i, "--output"));
          case "--ratios" -> {
            ratios = new ArrayList<>();
            for (String r : value(args, ++i, "--ratios").split(",")) {
              ratios.add(Double.parseDouble(r.strip()));
            }
          }
          case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, "--epochs"));
          case "--train-limit" -> trainLimit = Integer.parseInt(value(args, ++i, "--train-limit"));
          case "--test-limit" -> testLimit = Integer.parseInt(value(args, ++i, "--test-limit"));
          case "--batch-size" -> batchSize = Integer.parseInt(value(args, ++i, "--batch-size"));
          case "--learning-rate" -> learningRate = Double.parseDouble(value(args, ++i, "--learning-rate"));
          default -> {
            if (args[i].startsWith("-") || file != null) {
              usage("unexpected argument '" + args[i] + "'");
            }
            file = Path.of(args[i]);
          }
        }
      }
      settings = new RoarStudy.Settings(ratios, epochs, trainLimit, testLimit, batchSize, learningRate);
    } catch (NumberFormatException e) {
      usage("not a number: " + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      usage("--" + e.getMessage());
      return;
    }
    if (file == null) {
      usage("missing the experiment FILE");
    }
    Experiment experiment = SparkLaunch.loadOrExit(file);
    SparkConf conf = SparkLaunch.conf("igkit roar " + experiment.name(), experiment);
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      Outcome o;
      try {
        o = run(sc, file, output, settings, System.out::println);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        System.exit(2);
        return;
      }
      if (o.skipped() > 0) {
        System.out.printf("resumed: %d (method, ratio) already done, %d trained now%n", o.skipped(), o.trained());
      }
      o.areas().entrySet().stream().sorted(Map.Entry.comparingByValue())
          .forEach(e -> System.out.printf(Locale.ROOT, "area %-24s %.4f%n", e.getKey(), e.getValue()));
      System.out.println("results: " + o.output().resolve(RoarResults.ROWS_FILE));
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: SparkRoar FILE [--output DIR] [--ratios R,R,...] [--epochs N] [--train-limit N]"
        + " [--test-limit N] [--batch-size N] [--learning-rate X]");
    System.exit(2);
  }

  /**
   * Runs (or resumes) the ROAR study of {@code yaml} with {@code settings} on {@code sc} into
   * {@code output} (when null: the experiment's output folder + {@code -roar}, as {@code igkit roar}).
   *
   * @throws IllegalArgumentException when the experiment cannot be studied, or the folder holds a
   *                                  study with other settings
   */
  public static Outcome run(JavaSparkContext sc, Path yaml, Path output, RoarStudy.Settings settings,
      Consumer<String> progress) throws IOException {
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(yaml);
    Path out = (output == null ? Path.of(experiment.output() + "-roar") : output).toAbsolutePath();
    RoarStudy study = new RoarStudy(registry, experiment, settings);
    RoarStudy.Inputs in = study.prepare(out);
    RoarResults results = RoarResults.open(out, in.settings());
    int[] trainTargets;
    int[] testTargets;
    int classes;
    try (ModelFunction model = in.plan().loadModel(RunPlan.formatLoader(registry))) {
      trainTargets = study.predictions(model, in.train());
      testTargets = study.predictions(model, in.test());
      classes = model.numClasses();
    }
    double baseAccuracy = RoarStudy.accuracy(in.test(), testTargets);
    progress.accept(String.format(Locale.ROOT, "base model: accuracy %.4f on %d test images; %d training images",
        baseAccuracy, in.test().size(), in.train().size()));

    List<RoarTasks.Todo> todo = new ArrayList<>();
    List<Integer> methodsToAttribute = new ArrayList<>();
    int skipped = 0;
    for (int m = 0; m < in.methods().size(); m++) {
      String method = in.methods().get(m);
      int before = todo.size();
      for (double r : settings.ratios()) {
        if (results.done(method, r)) {
          skipped++;
        } else {
          todo.add(new RoarTasks.Todo(m, method, r));
        }
      }
      if (todo.size() > before) {
        methodsToAttribute.add(m);
      }
    }
    LongAccumulator mapsComputed = sc.sc().longAccumulator("igkit ROAR saliency maps");
    LongAccumulator retrained = sc.sc().longAccumulator("igkit ROAR models");
    int trained = 0;
    if (!todo.isEmpty()) {
      RoarJob job = new RoarJob(RunPlan.yaml(experiment.resolved()), yaml.toAbsolutePath().toString(),
          in.plan().model().file().toAbsolutePath().toString(), out, settings);
      progress.accept("attributing " + in.train().size() + " training and " + in.test().size() + " test images for "
          + methodsToAttribute.size() + " method(s)");
      sc.parallelize(methodsToAttribute, methodsToAttribute.size())
          .map(new RoarTasks.Maps(job, trainTargets, testTargets, mapsComputed)).collect();
      JavaRDD<RoarTasks.Result> rows = sc.parallelize(todo, todo.size()).map(new RoarTasks.Retrain(job, classes, retrained));
      int cores = Math.max(1, sc.defaultParallelism());
      for (int first = 0; first < todo.size(); first += cores) {
        int[] wave = new int[Math.min(cores, todo.size() - first)];
        for (int k = 0; k < wave.length; k++) {
          wave[k] = first + k;
        }
        for (List<RoarTasks.Result> partition : rows.collectPartitions(wave)) {
          for (RoarTasks.Result r : partition) {
            results.append(r.toRow());
            trained++;
            progress.accept(String.format(Locale.ROOT, "%s r=%s: accuracy %.4f (epoch %d of %d)", r.method(), r.ratio(),
                r.accuracy(), r.bestEpoch(), settings.epochs()));
          }
        }
      }
      PartitionTask.deleteTree(out.resolve(RoarJob.MAPS_FOLDER));
    }
    Map<String, Double> areas = results.writeSummary(in.methods(), settings.ratios(), study.notes(in, baseAccuracy));
    return new Outcome(out, areas, trained, skipped, baseAccuracy, mapsComputed.value(), retrained.value());
  }
}
