package org.igkit.cli;

import java.util.List;
import org.igkit.cli.BuildDataCommand;
import org.igkit.cli.TrainCommand;
import org.igkit.cli.Igkit;

/**
 * The {@code igkit} launcher's entry point: the runner's commands ({@code run}, {@code validate},
 * {@code list-plugins}, {@code report}) plus {@code train}, {@code build-data} and {@code roar}, with the
 * benchmark data sets of this module on the class path.
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    quietLogging();
    System.exit(Igkit.commandLine(List.of(new TrainCommand(), new BuildDataCommand(), new org.igkit.cli.TrainVaeCommand(), new RoarCommand())).execute(args));
  }

  /**
   * Makes slf4j-simple print warnings and errors only, and hides DJL's CUDA probe warning on
   * machines without a GPU, unless the user configured those loggers.
   */
  private static void quietLogging() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
