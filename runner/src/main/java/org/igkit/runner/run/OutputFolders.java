package org.igkit.runner.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.igkit.runner.html.HtmlReport;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.OutputFolderLock;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.results.RunFingerprint;

/**
 * Starting a run folder afresh ({@code igkit run --force-new}): the folder's earlier results are
 * not deleted but moved aside, whole, to the sibling {@code <folder>.superseded-N} (the first N
 * free) in one rename, so a crash leaves either the old folder or the moved one, never a mix. Only
 * a folder that holds nothing but what igkit writes is moved; a folder with any other file (an
 * output folder pointed at a project or home folder by mistake) is refused and left as it is.
 */
public final class OutputFolders {

  /**
   * The folder in a run folder where the executors of a distributed run (igkit on Spark) commit
   * their parts of the results before the driver merges them into the run's files.
   */
  public static final String PARTS_FOLDER = ".spark-parts";

  /** What igkit writes into a run folder, besides the copies named by {@link #isIgkitFile}. */
  private static final Set<String> IGKIT_FILES = Set.of(ResultsCsv.RESULTS_FILE, ResultsCsv.CURVES_FILE,
      ResultsCsv.JOURNAL_FILE, SampleFaults.ERRORS_FILE, RunFingerprint.FILE_NAME, Provenances.RESOLVED_YAML,
      ProvenanceWriter.FILE_NAME, Summary.CSV_FILE, Summary.MARKDOWN_FILE, Summary.DATASET_CSV_FILE,
      Summary.DATASET_CURVES_FILE, HtmlReport.FILE, HtmlReport.FOLDER, AttributionFiles.FOLDER,
      OutputFolderLock.FILE_NAME, "reproduction", PARTS_FOLDER);

  private OutputFolders() {}

  /**
   * Moves the earlier results in {@code dir} aside, returning where they went; empty when there
   * was nothing to move (no folder, or an empty one).
   *
   * @throws IllegalArgumentException when {@code dir} holds a file igkit did not write (named)
   * @throws IOException              when another run holds the folder, or it cannot be moved
   */
  public static Optional<Path> moveAside(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Path target;
    try (OutputFolderLock lock = OutputFolderLock.acquire(dir)) {
      List<String> names = new ArrayList<>();
      List<String> foreign = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          String name = p.getFileName().toString();
          names.add(name);
          if (!isIgkitFile(name)) {
            foreign.add(name);
          }
        }
      }
      if (!foreign.isEmpty()) {
        foreign.sort(null);
        throw new IllegalArgumentException(dir + ": holds " + foreign.size() + " file(s) igkit did not write ("
            + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
            + (foreign.size() > 5 ? ", …" : "") + "); --force-new moves aside only a folder of igkit's own"
            + " files. Choose another output folder, or move those files away");
      }
      names.remove(OutputFolderLock.FILE_NAME);
      if (names.isEmpty()) {
        return Optional.empty();
      }
      Path abs = dir.toAbsolutePath().normalize();
      int n = 1;
      do {
        target = abs.resolveSibling(abs.getFileName() + ".superseded-" + n++);
      } while (Files.exists(target));
      try {
        Files.move(abs, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(dir + ": cannot be renamed to " + target.getFileName() + " in one step ("
            + e.getMessage() + "); move it yourself or choose another output folder", e);
      }
      AtomicFiles.forceDirectory(abs.getParent());
    }
    return Optional.of(target);
  }

  /** Returns whether a run folder's entry called {@code name} is one igkit writes. */
  static boolean isIgkitFile(String name) {
    return IGKIT_FILES.contains(name)
        || name.matches("(results|curves|done)\\.csv\\.before-repair-\\d+")
        || (name.startsWith(".") && name.endsWith(".tmp"));
  }
}
