package org.igkit.runner.cli;

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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path resolved = dir.resolve("resolved.yaml");
    if (!Files.isRegularFile(resolved)) {
      throw new IllegalArgumentException(dir + " holds no resolved.yaml: not an igkit run folder");
    }
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment e = loader.load(resolved);
    Reports.write(dir, e, loader.cells(e), registry);
    spec.commandLine().getOut().println("report: " + dir.resolve("summary.md").toAbsolutePath());
    return 0;
  }
}
