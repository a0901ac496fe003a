package org.igkit.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code igkit} command line: {@code run}, {@code validate}, {@code list-plugins},
 * {@code report}. Exit codes: 0 success, 1 a failure while running, 2 a bad experiment file or
 * bad arguments.
 */
@Command(
    name = "igkit",
    mixinStandardHelpOptions = true,
    versionProvider = Igkit.Version.class,
    description = "Path-based feature attribution experiments (Integrated Gradients and descendants).",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ListPluginsCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      CheckLeaksCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Igkit implements Runnable {

  /** Exit code of a bad experiment file or bad arguments. */
  public static final int CONFIG_ERROR = 2;

  /** Exit code of a failure while running. */
  public static final int RUN_ERROR = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Returns the command line with igkit's commands and {@code extra} ones. */
  public static CommandLine commandLine(List<Object> extra) {
    CommandLine cl = new CommandLine(new Igkit());
    for (Object command : extra) {
      cl.addSubcommand(command);
    }
    cl.setExecutionExceptionHandler(new Failures());
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("igkit: " + ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return CONFIG_ERROR;
    });
    return cl;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine(List.of()).execute(args));
  }

  /** The version from the jar manifest, or "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Igkit.class.getPackage().getImplementationVersion();
      return new String[] {"igkit " + (v == null ? "dev" : v)};
    }
  }
}
