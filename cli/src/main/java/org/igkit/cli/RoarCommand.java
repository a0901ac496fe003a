package org.igkit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.experiments.roar.RoarResults;
import org.igkit.experiments.roar.RoarStudy;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code igkit roar FILE}: ROAR (remove and retrain) for every method of an experiment and a
 * {@code random} reference ({@link RoarStudy}); writes {@code roar.csv}, {@code roar-area.csv},
 * {@code roar.md} and {@code roar.json} into the output folder and resumes a stopped study there.
 */
@Command(name = "roar", mixinStandardHelpOptions = true,
    description = "ROAR: remove the top-r pixels of each method's maps, retrain the benchmark model, "
        + "record test accuracy per (method, r) and the area under each curve (lower is better).")
public final class RoarCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "experiment YAML (its model must be a djl-block of a shapes benchmark)")
  Path file;

  @Option(names = "--ratios", split = ",", description = "shares of pixels to remove, increasing, in (0, 1) (default: 0.1,0.3,0.5,0.7,0.9)")
  List<Double> ratios;

  @Option(names = "--epochs", description = "epochs of each retraining (default: 5)")
  Integer epochs;

  @Option(names = "--train-limit", description = "training images, the first of the benchmark's train split (default: 2000)")
  Integer trainLimit;

  @Option(names = "--test-limit", description = "test images, the first of the experiment's selected samples (default: all)")
  Integer testLimit;

  @Option(names = "--batch-size", description = "images per optimiser step (default: 32)")
  Integer batchSize;

  @Option(names = "--learning-rate", description = "Adam's learning rate (default: 0.002)")
  Double learningRate;

  @Option(names = "--out", description = "output folder (default: the experiment's output folder + '-roar')")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var printer = spec.commandLine().getOut();
    RoarStudy.Settings settings;
    try {
      settings = new RoarStudy.Settings(ratios, epochs, trainLimit, testLimit, batchSize, learningRate);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(file);
    Path dir = out != null ? out : Path.of(experiment.output() + "-roar");
    printer.printf("ROAR of experiment %s: %d method(s) and %s, ratios %s → %s%n", experiment.name(),
        experiment.methods().size(), RoarStudy.RANDOM, settings.ratios(), dir.toAbsolutePath());
    RoarStudy.Outcome o = new RoarStudy(registry, experiment, settings).run(dir, printer::println);
    if (o.skipped() > 0) {
      printer.printf("resumed: %d (method, ratio) already done, %d trained now%n", o.skipped(), o.trained());
    }
    o.areas().entrySet().stream().sorted(java.util.Map.Entry.comparingByValue())
        .forEach(e -> printer.printf(Locale.ROOT, "area %-24s %.4f%n", e.getKey(), e.getValue()));
    printer.println("results: " + dir.resolve(RoarResults.ROWS_FILE).toAbsolutePath());
    printer.println("summary: " + dir.resolve(RoarResults.SUMMARY_FILE).toAbsolutePath());
    return 0;
  }
}
