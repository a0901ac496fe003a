package org.igkit.runner;

import java.io.IOException;
import java.util.List;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.report.Summary;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.Reports;

/**
 * Runs experiment files from Java, as {@code igkit run} does:
 *
 * <pre>{@code
 * Experiments.Result r = Experiments.run(Path.of("experiments/quickstart.yaml"));
 * r.summary().rows().forEach(System.out::println);
 * }</pre>
 */
public final class Experiments {

  private Experiments() {}

  /**
   * What a run produced.
   *
   * @param output  the run folder (results.csv, summary.md, provenance.json, …)
   * @param summary the summary table
   * @param cells   the cells that ran
   */
  public record Result(java.nio.file.Path output, Summary summary, List<Cell> cells) {}

  /** Loads, runs and summarises {@code yaml} into the folder it names. */
  public static Result run(java.nio.file.Path yaml) throws IOException {
    return run(yaml, null);
  }

  /** Loads, runs and summarises {@code yaml} into {@code output} (the file's own when null). */
  public static Result run(java.nio.file.Path yaml, java.nio.file.Path output) throws IOException {
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment experiment = loader.load(yaml);
    return run(experiment, output == null ? java.nio.file.Path.of(experiment.output()) : output, registry);
  }

  /** Runs an experiment built or loaded in code. */
  public static Result run(Experiment experiment, java.nio.file.Path output, PluginRegistry registry) throws IOException {
    List<Cell> cells = new ExperimentLoader(registry).cells(experiment);
    new ExperimentRunner(registry).run(experiment, output, new ExperimentRunner.Listener() {});
    return new Result(output, Reports.write(output, experiment, cells, registry), cells);
  }
}
