package org.igkit.cli;

import org.igkit.api.engine.AttributionException;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.run.RunFolderMismatchException;
import picocli.CommandLine;

/**
 * Turns failures into one clear message and an exit code instead of a stack trace: configuration
 * errors (all of them, located) and an output folder holding another experiment's results exit 2; anything the user can act on while running exits 1. Set
 * {@code IGKIT_DEBUG=1} to see stack traces.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    var err = cl.getErr();
    if (System.getenv("IGKIT_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    if (ex instanceof ConfigException ce) {
      err.println(ce.getMessage());
      err.printf("%d error(s)%n", ce.errors().size());
      return Igkit.CONFIG_ERROR;
    }
    if (ex instanceof RunFolderMismatchException mismatch) {
      err.println("igkit: " + mismatch.getMessage());
      return Igkit.CONFIG_ERROR;
    }
    if (ex instanceof AttributionException || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
        || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
      err.println("igkit: " + ex.getMessage());
      return Igkit.RUN_ERROR;
    }
    err.println("igkit: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
        + " (set IGKIT_DEBUG=1 for the stack trace)");
    return Igkit.RUN_ERROR;
  }
}
