package org.igkit.runner.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A run was pointed at an output folder that holds results of something else: another
 * configuration, model file, data or igkit build (listed in {@link #differences()}), or results
 * from before igkit recorded what they depend on. Resuming would mix the two, so nothing is
 * computed or written; {@code igkit run --force-new} moves the old results aside, or another
 * output folder starts afresh.
 */
public final class RunFolderMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path folder;
  private final List<String> differences;

  /** Creates the error for {@code folder}: a first line, then one indented line per difference. */
  public RunFolderMismatchException(Path folder, String problem, List<String> differences) {
    super(message(folder, problem, differences));
    this.folder = folder;
    this.differences = List.copyOf(differences);
  }

  private static String message(Path folder, String problem, List<String> differences) {
    StringBuilder b = new StringBuilder(folder + ": " + problem);
    for (String d : differences) {
      b.append("\n  ").append(d);
    }
    b.append("\nRun again with --force-new to move the earlier results aside and start afresh,"
        + " or choose another output folder (--output).");
    return b.toString();
  }

  /** Returns the output folder. */
  public Path folder() {
    return folder;
  }

  /** Returns what differs, one line each (empty for a folder without a fingerprint). */
  public List<String> differences() {
    return differences;
  }
}
