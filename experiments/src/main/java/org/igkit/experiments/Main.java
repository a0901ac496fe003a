package org.igkit.experiments;

import java.util.Arrays;
import java.util.List;
import org.igkit.api.spec.Names;
import org.igkit.experiments.quickstart.Quickstart;

/** The {@code igkit} command line: {@code igkit <command> [options]}. */
public final class Main {

  /** The commands. */
  public static final List<String> COMMANDS = List.of("quickstart");

  private Main() {}

  /** Dispatches to the command named by the first argument. */
  public static void main(String[] args) {
    quietLogging();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("usage: igkit <command> [options]\ncommands:\n  quickstart   train the shapes model, "
          + "compare IG / IG+IDGI / EG / WG / filtered WG, write a report (igkit quickstart --help)");
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "quickstart" -> Quickstart.main(rest);
      default -> {
        System.err.println("igkit: unknown command '" + args[0] + "'" + Names.didYouMean(args[0], COMMANDS)
            + " (commands: " + String.join(", ", COMMANDS) + ")");
        System.exit(2);
      }
    }
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
