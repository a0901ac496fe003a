package org.igkit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.ConfigError;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code igkit validate FILE}: reports every error of an experiment file at once; loads nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check an experiment file and list all its errors (exit 2 if any); loads no model.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "the experiment YAML")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ExperimentLoader loader = new ExperimentLoader(PluginLoader.registry());
    List<ConfigError> errors = loader.validate(file);
    if (!errors.isEmpty()) {
      errors.forEach(e -> spec.commandLine().getErr().println(e));
      spec.commandLine().getErr().printf("%d error(s)%n", errors.size());
      return Igkit.CONFIG_ERROR;
    }
    Experiment e = loader.load(file);
    List<Cell> cells = loader.cells(e);
    spec.commandLine().getOut().printf("%s: OK — %d method(s), %d cell(s), %d metric(s), reference %s%n",
        file, e.methods().size(), cells.size(), e.metrics().size(), e.reference());
    for (String note : SharingNotes.of(e, PluginLoader.registry())) {
      spec.commandLine().getOut().println("note: " + note);
    }
    return 0;
  }
}
