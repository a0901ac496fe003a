package org.igkit.runner.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.NoLinks;
import org.igkit.runner.results.ResultRow;

/**
 * What a run does with a fault of one sample — a {@link SampleFaultException} thrown where the
 * fault is known to lie with one sample's data (a truncated or corrupt image, a wrong size or
 * channel count, a missing or mismatched mask, a label outside the model's classes, a model output
 * of the wrong shape, an engine error of the model on the sample's points, NaN/Inf inputs, scores,
 * gradients or attributions): it is recorded as one {@code error} row (value NaN) in
 * {@code results.csv} — so the (sample, cell) is committed and a resume does not retry it — and as
 * one line {@code sample,cell,kind,reason} in {@code errors.csv}; the run goes on with the next
 * sample, and ends with exit code {@link #PARTIAL_EXIT_CODE}. Every other exception stops the run:
 * faults of the run itself (a bad configuration, the output folder, memory), and a plugin's
 * parameters that only fail when used or a bug, which would otherwise fail every sample one by one
 * and bury themselves in {@code errors.csv}. Faults are typed, never guessed from messages.
 *
 * <p>A model's engine error is typed at the model's boundary (the model function wraps what its
 * forward or backward pass raises); every batch the model sees holds points of one (sample, cell)
 * only, so a failing batch is attributed to that unit alone and nothing is retried.
 */
public final class SampleFaults {

  /** The file of error reasons in the run folder. */
  public static final String ERRORS_FILE = "errors.csv";

  /** Its header. */
  public static final String ERRORS_HEADER = "sample,cell,kind,reason\n";

  /** Exit code of a run that completed but skipped samples. */
  public static final int PARTIAL_EXIT_CODE = 3;

  /** A classified fault: its kind and a one-line reason. */
  public record Fault(SampleFaultException.Kind kind, String reason) {}

  private SampleFaults() {}

  /**
   * Returns the fault of one sample that {@code t} reports: a {@link SampleFaultException} in
   * {@code t}'s chain of causes (the reason is {@code t}'s message, which names the sample and
   * place); empty for every other exception and error, which stop the run.
   */
  public static java.util.Optional<Fault> of(Throwable t) {
    if (!(t instanceof Exception)) {
      return java.util.Optional.empty();
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SampleFaultException f) {
        return java.util.Optional.of(new Fault(f.kind(), oneLine(t)));
      }
    }
    return java.util.Optional.empty();
  }

  /** Throws a non-finite {@link SampleFaultException} naming {@code what} when a value is NaN or infinite. */
  public static void requireFinite(String what, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new SampleFaultException(SampleFaultException.Kind.NON_FINITE,
            what + " is non-finite (" + values[i] + " at index " + i + ")");
      }
    }
  }

  /** Returns the group to commit for a failed (sample, cell): one {@code error} row, value NaN. */
  public static List<ResultRow> errorRows(String sample, String cell, String method) {
    return List.of(new ResultRow(sample, cell, method, ResultRow.ERROR_METRIC, Double.NaN));
  }

  /**
   * Appends {@code sample,cell,kind,reason} to {@code dir/errors.csv} (with its header when new)
   * and forces it to disk, never through a symbolic link ({@link NoLinks}). Call before committing the error rows: a kill between the two leaves a
   * reason line whose group is recomputed on resume (readers take the last line of a key).
   */
  public static void record(Path dir, String sample, String cell, Fault fault) throws IOException {
    Path file = dir.resolve(ERRORS_FILE);
    try (FileChannel ch = NoLinks.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE)) {
      StringBuilder b = new StringBuilder();
      if (ch.size() == 0) {
        b.append(ERRORS_HEADER);
      }
      Csv.appendLine(b, sample, cell, fault.kind().id(), fault.reason());
      AtomicFiles.writeFully(ch, ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    if (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null && !m.contains(t.getCause().getMessage())) {
      m = m + ": " + t.getCause().getMessage();
    }
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
