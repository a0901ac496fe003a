package org.igkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.igkit.cli.check.LeakCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit check-leaks [--samples N] [--model FILE] [--seed S]}: attributes N seeded noise
 * images with IG and WG and prints RSS and heap at start, 25 %, 50 %, 75 % and end; exit code 0
 * when memory stayed flat, 1 when it grew, 2 for bad arguments. See {@link LeakCheck}.
 */
@Command(name = "check-leaks", mixinStandardHelpOptions = true,
    description = {"Attribute many images with IG and WG and check that native (RSS) and heap memory stay flat.",
        "Prints RSS and heap at start, 25 %%, 50 %%, 75 %% and end; exit 0 when flat (last quarter vs the largest earlier quarter peak: RSS < 10 %%,"
            + " heap < 20 MB), 1 otherwise."})
final class CheckLeaksCommand implements Callable<Integer> {

  static final Path DEFAULT_MODEL = Path.of("experiments", "models", "shapes-small-cnn.params");

  @Option(names = {"-n", "--samples"}, paramLabel = "N", description = "images to attribute (default: ${DEFAULT-VALUE})")
  int samples = 2000;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE",
      description = "djl-block small-cnn parameters (width 16, 3x32x32, 4 classes), relative to the current"
          + " directory (default: ${DEFAULT-VALUE})")
  Path model = DEFAULT_MODEL;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the images and methods (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (samples < 4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--samples: must be at least 4, was " + samples);
    }
    Path file = model.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no model file " + file
          + (model.equals(DEFAULT_MODEL) ? " (run from igkit's folder, or pass --model FILE)" : ""));
    }
    LeakCheck.Result r = new LeakCheck(LeakCheck.smallCnn(file), samples, seed, spec.commandLine().getOut()).run();
    return r.flat() ? 0 : Igkit.RUN_ERROR;
  }
}
