package org.igkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code igkit report DIR}: rebuilds summary.md and summary.csv from a run folder's results. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild the summary (summary.md, summary.csv) of a run folder from its results.csv.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "a run folder")
  Path dir;

  @picocli.CommandLine.Option(names = "--experiment", paramLabel = "FILE",
      description = "the experiment file to read the metrics and reference from (default: DIR/resolved.yaml)")
  Path experimentFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path resolved = experimentFile != null ? experimentFile : dir.resolve("resolved.yaml");
    if (!Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException(experimentFile != null ? experimentFile + ": file not found"
          : dir + " holds no resolved.yaml: not an igkit run folder (or pass --experiment FILE)");
    }
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment e = loader.load(resolved);
    Reports.write(dir, e, loader.cells(e), registry);
    spec.commandLine().getOut().println("report: " + dir.resolve("summary.md").toAbsolutePath());
    return 0;
  }
}
