package org.igkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.cli.bench.Bench;
import org.igkit.cli.bench.BenchPlan;
import org.igkit.cli.bench.BenchReport;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit bench [--quick] [--only MEASURE,…] [--experiment FILE] [--output FILE]}: measures
 * igkit's costs on the model and data set of an experiment file (default
 * {@code experiments/quickstart.yaml}) and prints them as a Markdown table of ratios, each with its
 * goal; see {@link Bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure pipeline overhead, WG vs EG cost, filtering savings, metric overhead, peak memory"
        + " and parallel throughput; print ratios with their goals.",
        "Takes about 13 minutes on 2 quiet cores (--quick: fewer repetitions). Progress goes to stderr, the table to stdout."})
final class BenchCommand implements Callable<Integer> {

  static final Path DEFAULT_EXPERIMENT = Path.of("experiments", "quickstart.yaml");

  @Option(names = "--quick", description = "fewer repetitions, 50 instead of 1000 steps in the memory measurement,"
      + " fewer parallel settings")
  boolean quick;

  @Option(names = {"-e", "--experiment"}, paramLabel = "FILE",
      description = "experiment whose model, data set, batch size, methods and metrics to use (default: ${DEFAULT-VALUE})")
  Path experimentFile = DEFAULT_EXPERIMENT;

  @Option(names = "--only", paramLabel = "MEASURE", split = ",", completionCandidates = MeasureIds.class,
      description = "run only these measures (repeatable, or comma-separated; default: all): ${COMPLETION-CANDIDATES}")
  List<String> only = new ArrayList<>();

  /** The measures' ids, for {@code --only}'s help. */
  static final class MeasureIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Bench.ids().iterator();
    }
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "also write the table to FILE")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(experimentFile)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no experiment file " + experimentFile.toAbsolutePath()
          + (experimentFile.equals(DEFAULT_EXPERIMENT) ? " (run from igkit's folder, or pass --experiment FILE)" : ""));
    }
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(experimentFile);
    String title = "igkit bench" + (quick ? " --quick" : "")
        + (only.isEmpty() ? "" : " --only " + String.join(",", only))
        + (experimentFile.equals(DEFAULT_EXPERIMENT) ? "" : " --experiment " + experimentFile);
    Bench bench;
    try {
      bench = new Bench(experiment, registry, quick ? BenchPlan.quick() : BenchPlan.full(), title,
          spec.commandLine().getErr()).only(only);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    BenchReport report = bench.run();
    String table = report.table();
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().flush();
    if (output != null) {
      Files.writeString(output, table);
    }
    return 0;
  }
}
