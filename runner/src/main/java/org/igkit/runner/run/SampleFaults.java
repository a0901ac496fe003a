package org.igkit.runner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.ResultRow;

/**
 * What a run does with a fault of one sample (a truncated or corrupt image, a wrong size or
 * channel count, a missing or mismatched mask, a model output of the wrong shape, NaN/Inf scores
 * or gradients): the fault is classified, recorded as one {@code error} row (value NaN) in
 * {@code results.csv} — so the (sample, cell) is committed and a resume does not retry it — and as
 * one line {@code sample,cell,kind,reason} in {@code errors.csv}; the run goes on with the next
 * sample, and ends with exit code {@link #PARTIAL_EXIT_CODE}. Faults of the run itself (a bad
 * configuration, the output folder, running out of memory) are not sample faults and stop the run,
 * and so does any exception that is none of the {@link Kind}s: a plugin's parameters that only
 * fail when used, or a bug, would otherwise fail every sample one by one and bury itself in
 * {@code errors.csv}.
 */
public final class SampleFaults {

  /** The metric name of an error row. */
  public static final String ERROR_METRIC = ResultRow.ERROR_METRIC;

  /** The file of error reasons in the run folder. */
  public static final String ERRORS_FILE = "errors.csv";

  /** Its header. */
  public static final String ERRORS_HEADER = "sample,cell,kind,reason\n";

  /** Exit code of a run that completed but skipped samples. */
  public static final int PARTIAL_EXIT_CODE = 3;

  /** What went wrong with a sample. */
  public enum Kind {
    /** The image file is unreadable, truncated or not an image. */
    CORRUPT_IMAGE,
    /** The image's size or channel count is not the model's input shape. */
    WRONG_SHAPE,
    /** The mask is missing or its size is not the image's. */
    MASK,
    /** The model's output has the wrong shape or the target is out of range. */
    MODEL_OUTPUT,
    /** A score, gradient or attribution is NaN or infinite. */
    NON_FINITE;

    /** Returns the id written to {@code errors.csv}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A classified fault: its kind and a one-line reason. */
  public record Fault(Kind kind, String reason) {}

  private SampleFaults() {}

  /**
   * Returns the fault of one sample that {@code t} reports, so the run may record it and go on;
   * empty for errors of the JVM, of the configuration, of the output folder, and for exceptions
   * of no known {@link Kind}.
   */
  public static java.util.Optional<Fault> of(Throwable t) {
    if (!(t instanceof Exception) || t instanceof ConfigException || t instanceof InterruptedException
        || t instanceof org.igkit.runner.results.OutputFolderInUseException) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(classify(t));
  }

  /** Returns whether {@code t} is a sample fault ({@link #of} is not empty). */
  public static boolean isSampleFault(Throwable t) {
    return of(t).isPresent();
  }

  /**
   * Classifies an exception with a one-line reason: an I/O failure anywhere in its causes, or a
   * reader's message, is a corrupt image; then, by the message, non-finite values, masks, model
   * outputs and shapes; {@code null} when it is none of these. Words are matched whole, so a
   * sample named {@code banana.png} is not taken for a NaN.
   */
  static Fault classify(Throwable t) {
    String message = oneLine(t);
    String m = message.toLowerCase(Locale.ROOT);
    Kind kind;
    if (ioInCauses(t) || CORRUPT.matcher(m).find()) {
      kind = Kind.CORRUPT_IMAGE;
    } else if (NON_FINITE.matcher(m).find()) {
      kind = Kind.NON_FINITE;
    } else if (MASK.matcher(m).find()) {
      kind = Kind.MASK;
    } else if (MODEL_OUTPUT.matcher(m).find()) {
      kind = Kind.MODEL_OUTPUT;
    } else if (SHAPE.matcher(m).find()) {
      kind = Kind.WRONG_SHAPE;
    } else {
      return null;
    }
    return new Fault(kind, message);
  }

  private static final java.util.regex.Pattern CORRUPT = java.util.regex.Pattern.compile(
      "truncated|corrupt|not an image|cannot read image|\\beof\\b|unexpected end");
  private static final java.util.regex.Pattern NON_FINITE = java.util.regex.Pattern.compile(
      "\\bnan\\b|non-finite|\\binfinite\\b|\\binfinity\\b|\\binf\\b");
  private static final java.util.regex.Pattern MASK = java.util.regex.Pattern.compile("\\bmasks?\\b");
  private static final java.util.regex.Pattern MODEL_OUTPUT = java.util.regex.Pattern.compile(
      "\\boutputs?\\b|\\blogits\\b|\\bclass\\b.*\\brange\\b|\\bscores?\\b");
  private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile(
      "\\bshape\\b|\\bsize\\b|\\bchannels?\\b|×|\\bvalues\\b");

  private static boolean ioInCauses(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  /** Throws a {@link IllegalStateException} naming {@code what} when a value is NaN or infinite. */
  public static void requireFinite(String what, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalStateException(what + " is non-finite (" + values[i] + " at index " + i + ")");
      }
    }
  }

  /** Returns the group to commit for a failed (sample, cell): one {@code error} row, value NaN. */
  public static List<ResultRow> errorRows(String sample, String cell, String method) {
    return List.of(new ResultRow(sample, cell, method, ERROR_METRIC, Double.NaN));
  }

  /** Returns whether a group is a recorded fault. */
  public static boolean isError(ResultRow row) {
    return row.isError();
  }

  /**
   * Appends {@code sample,cell,kind,reason} to {@code dir/errors.csv} (with its header when new)
   * and forces it to disk. Call before committing the error rows: a kill between the two leaves a
   * reason line whose group is recomputed on resume (readers take the last line of a key).
   */
  public static void record(Path dir, String sample, String cell, Fault fault) throws IOException {
    Path file = dir.resolve(ERRORS_FILE);
    StringBuilder b = new StringBuilder();
    if (!Files.exists(file)) {
      b.append(ERRORS_HEADER);
    }
    Csv.appendLine(b, sample, cell, fault.kind().id(), fault.reason());
    Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  /** Returns the number of (sample, cell) groups in {@code rows} that are recorded faults. */
  public static long skipped(List<ResultRow> rows) {
    return rows.stream().filter(SampleFaults::isError).count();
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    if (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null && !m.contains(t.getCause().getMessage())) {
      m = m + ": " + t.getCause().getMessage();
    }
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
