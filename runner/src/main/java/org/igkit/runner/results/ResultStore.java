package org.igkit.runner.results;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The append-only store of an experiment's results in one output folder: groups of
 * {@link ResultRow}s, one group per (sample, cell), that survive a crash at any moment with no
 * lost and no duplicated rows (design guarantee 5).
 *
 * <h2>Commit protocol</h2>
 *
 * <p>The folder holds {@code results.csv}, {@code curves.csv} and the journal {@code done.csv}
 * (formats in {@link ResultsCsv}). {@link #append} writes a group in three steps:
 *
 * <ol>
 *   <li>append the group's rows to {@code results.csv} and its curve points to
 *       {@code curves.csv};
 *   <li>force both files to disk ({@link FileChannel#force}: fdatasync);
 *   <li>append one journal line {@code sample,cell,results_bytes,curves_bytes} holding the two
 *       files' new lengths, and force the journal.
 * </ol>
 *
 * <p>{@link #appendAll} writes several groups with each step done once for all of them: their
 * rows, their curve points, then their journal lines.
 *
 * <p>A group is complete exactly when its journal line, with its final line feed, is on disk;
 * the journal line is written only after the data it points to is durable. A crash (kill -9,
 * power loss) can therefore leave, past the last complete journal line, only: a journal line
 * without its line feed, and bytes in the data files beyond the lengths the last journal line
 * records (a torn or whole but unjournalled group). {@link #open} repairs all of it: it drops
 * the unfinished journal line, truncates each data file to the length recorded by the last
 * journal entry, and reports what it dropped in {@link #repairs()}. The dropped group is not in
 * {@link #completed()}, so the run computes it again and appends it as if it had never started —
 * the files end up byte-identical to an uninterrupted run's.
 *
 * <p>Should the file system lose data it had confirmed (a lying disk), a journal entry can point
 * past the end of a data file; such entries, and all after them, are dropped and their groups
 * recomputed. {@link #open} also checks that every journalled group is where the journal says,
 * as whole lines of its (sample, cell), each row once; when not (a file edited by hand, a line
 * duplicated, rows lost), the files are rebuilt from their content ({@code GroupRepair}): complete
 * groups are kept byte for byte, a duplicated row is removed, a journalled group whose rows are
 * incomplete leaves the journal and is computed again, and the files as found are kept as
 * {@code results.csv.before-repair-N} (and the same for the others) — no journalled row is
 * deleted unnoticed. Anything else that does not fit the protocol (no journal beside a non-empty
 * {@code results.csv}, a foreign header, a malformed journal line before the last) is damage
 * igkit cannot repair, and {@link #open} fails naming the file and line instead of guessing.
 *
 * <p>None of the files is read or written through a symbolic link ({@link NoLinks}); a link in
 * their place fails {@link #open} naming it.
 *
 * <h2>Lock</h2>
 *
 * <p>{@link #open} takes the folder's {@link OutputFolderLock} and {@link #close} releases it; a
 * second run on the same folder fails with "output folder X is in use by another igkit run (pid
 * N)". A killed run's lock dies with its process.
 *
 * <p>Instances are safe for use by several threads; {@link #append} calls are serialised, so
 * the order of groups in the files is the order of the calls.
 */
public final class ResultStore implements Closeable {

  /**
   * The unit of work and of storage: one sample under one cell.
   *
   * @param sample the sample id
   * @param cell   the cell name
   */
  public record Key(String sample, String cell) {

    /** Checks both are present. */
    public Key {
      Objects.requireNonNull(sample, "sample");
      Objects.requireNonNull(cell, "cell");
    }

    @Override
    public String toString() {
      return "(sample " + sample + ", cell " + cell + ")";
    }
  }

  private final Path dir;
  private final OutputFolderLock lock;
  private final FileChannel results;
  private final FileChannel curves;
  private final FileChannel journal;
  private final Set<Key> completed;
  private final List<String> repairs;
  private long resultsEnd;
  private long curvesEnd;
  private Exception failure;
  private boolean closed;

  private ResultStore(Path dir, OutputFolderLock lock, State state) throws IOException {
    this.dir = dir;
    this.lock = lock;
    this.completed = new LinkedHashSet<>(state.completed);
    this.repairs = List.copyOf(state.repairs);
    this.resultsEnd = state.resultsEnd;
    this.curvesEnd = state.curvesEnd;
    List<FileChannel> opened = new ArrayList<>();
    try {
      this.results = append(dir.resolve(ResultsCsv.RESULTS_FILE), opened);
      this.curves = append(dir.resolve(ResultsCsv.CURVES_FILE), opened);
      this.journal = append(dir.resolve(ResultsCsv.JOURNAL_FILE), opened);
    } catch (IOException e) {
      for (FileChannel ch : opened) {
        ch.close();
      }
      throw e;
    }
  }

  private static FileChannel append(Path file, List<FileChannel> opened) throws IOException {
    FileChannel ch = NoLinks.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    opened.add(ch);
    return ch;
  }

  /**
   * Opens (creating if needed) the results store in {@code dir}: takes the folder's lock,
   * repairs what a crash left unfinished, and positions every file at its committed end.
   *
   * @throws OutputFolderInUseException when another run holds the folder
   * @throws IOException when the folder's files cannot be read or written, or do not follow the
   *                     commit protocol (the message names the file, the line and what to do)
   */
  public static ResultStore open(Path dir) throws IOException {
    OutputFolderLock lock = OutputFolderLock.acquire(dir);
    try {
      return new ResultStore(dir, lock, recover(dir));
    } catch (IOException | RuntimeException e) {
      try {
        lock.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Returns the output folder. */
  public Path directory() {
    return dir;
  }

  /** Returns the (sample, cell) groups already complete, in the order they were written. */
  public synchronized Set<Key> completed() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(completed));
  }

  /** Returns whether the group of {@code key} is complete. */
  public synchronized boolean isComplete(Key key) {
    return completed.contains(key);
  }

  /**
   * Returns what {@link #open} repaired after an earlier crash or an edit, one sentence each
   * (e.g. "dropped 312 bytes (3 lines, the last cut short) of an unfinished group from
   * results.csv"); empty after a clean shutdown.
   */
  public List<String> repairs() {
    return repairs;
  }

  /**
   * Appends the complete group of one (sample, cell) and makes it durable before returning (see
   * the commit protocol above).
   *
   * @param group the rows, at least one, all with the same sample and cell
   * @throws IllegalArgumentException when the group is empty or mixes (sample, cell)s
   * @throws IllegalStateException    when the group is already complete, or the store is closed
   *                                  or broken by an earlier write error
   * @throws IOException              when writing fails; the store is then unusable, and opening
   *                                  it again repairs the files
   */
  public synchronized void append(List<ResultRow> group) throws IOException {
    appendAll(List.of(group));
  }

  /**
   * Appends the complete groups of several (sample, cell)s, in order, and makes them durable
   * before returning, forcing each file once for all of them: the rows of every group to
   * {@code results.csv} and their curve points to {@code curves.csv}, both forced; then one
   * journal line per group, forced. The files end up byte-identical to {@link #append} called
   * for each group in turn; a crash commits a prefix of the groups (those whose journal line is
   * whole on disk) and {@link #open} repairs the rest as after a crash during {@link #append}.
   * For many small groups computed elsewhere (a distributed run's merged parts) this saves two
   * forces per group.
   *
   * @param groups the groups, each as {@link #append} takes it, no (sample, cell) twice
   * @throws IllegalArgumentException when a group is empty or mixes (sample, cell)s, or two
   *                                  groups have the same (sample, cell); nothing is written then
   * @throws IllegalStateException    when a group is already complete (nothing is written then),
   *                                  or the store is closed or broken by an earlier write error
   * @throws IOException              when writing fails; the store is then unusable, and opening
   *                                  it again repairs the files
   */
  public synchronized void appendAll(List<List<ResultRow>> groups) throws IOException {
    if (closed) {
      throw new IllegalStateException("results store of " + dir + " is closed");
    }
    if (failure != null) {
      throw new IllegalStateException("results store of " + dir + " failed to write earlier ("
          + failure.getMessage() + "); open it again to repair the files", failure);
    }
    if (groups.isEmpty()) {
      return;
    }
    List<Key> keys = new ArrayList<>(groups.size());
    Set<Key> seen = new HashSet<>();
    for (List<ResultRow> group : groups) {
      if (group.isEmpty()) {
        throw new IllegalArgumentException("a result group must hold at least one row");
      }
      Key key = group.get(0).key();
      for (ResultRow row : group) {
        if (!row.key().equals(key)) {
          throw new IllegalArgumentException("a result group holds the rows of one (sample, cell);"
              + " found " + key + " and " + row.key());
        }
      }
      if (completed.contains(key)) {
        throw new IllegalStateException(key + " is already in " + dir.resolve(ResultsCsv.RESULTS_FILE)
            + "; a group is written once (ask completed() before computing it)");
      }
      if (!seen.add(key)) {
        throw new IllegalArgumentException(key + " is given twice; a group is written once");
      }
      keys.add(key);
    }
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    ByteArrayOutputStream points = new ByteArrayOutputStream();
    StringBuilder lines = new StringBuilder();
    long newResultsEnd = resultsEnd;
    long newCurvesEnd = curvesEnd;
    for (int i = 0; i < groups.size(); i++) {
      byte[] r = ResultsCsv.encodeRows(groups.get(i)).getBytes(StandardCharsets.UTF_8);
      byte[] c = ResultsCsv.encodeCurves(groups.get(i)).getBytes(StandardCharsets.UTF_8);
      rows.writeBytes(r);
      points.writeBytes(c);
      newResultsEnd += r.length;
      newCurvesEnd += c.length;
      Csv.record(lines).text(keys.get(i).sample()).text(keys.get(i).cell())
          .number(Long.toString(newResultsEnd)).number(Long.toString(newCurvesEnd)).end();
    }
    try {
      AtomicFiles.writeFully(results, ByteBuffer.wrap(rows.toByteArray()));
      results.force(false);
      if (points.size() > 0) {
        AtomicFiles.writeFully(curves, ByteBuffer.wrap(points.toByteArray()));
        curves.force(false);
      }
      AtomicFiles.writeFully(journal, ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
      journal.force(false);
      resultsEnd = newResultsEnd;
      curvesEnd = newCurvesEnd;
      completed.addAll(keys);
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  /** Closes the files and releases the folder's lock. Calling it twice does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (lock; journal; curves; results) {
      // closed in reverse order: data files, journal, then the lock
    }
  }

  // ---------------------------------------------------------------- recovery

  private record State(Set<Key> completed, List<String> repairs, long resultsEnd, long curvesEnd) {}

  private static State recover(Path dir) throws IOException {
    Path resultsFile = dir.resolve(ResultsCsv.RESULTS_FILE);
    Path curvesFile = dir.resolve(ResultsCsv.CURVES_FILE);
    Path journalFile = dir.resolve(ResultsCsv.JOURNAL_FILE);
    for (Path file : List.of(resultsFile, curvesFile, journalFile)) {
      NoLinks.refuse(file);
    }
    List<String> repairs = new ArrayList<>();
    Journal j = Journal.read(journalFile);
    if (!j.hasHeader) {
      return create(resultsFile, curvesFile, journalFile, j, repairs);
    }
    long resultsSize = sizeOrZero(resultsFile);
    long curvesSize = sizeOrZero(curvesFile);
    int k = j.consistentPrefix(resultsSize, curvesSize);
    checkHeader(resultsFile, ResultsCsv.RESULTS_HEADER, k == 0);
    checkHeader(curvesFile, ResultsCsv.CURVES_HEADER, k == 0);
    DataRecords results = DataRecords.read(resultsFile, ResultsCsv.RESULTS_HEADER.length());
    DataRecords curves = DataRecords.read(curvesFile, ResultsCsv.CURVES_HEADER.length());
    Set<Key> journalled = new HashSet<>();
    j.entries.forEach(e -> journalled.add(e.key()));
    List<Journal.Entry> committed = j.entries.subList(0, k);
    if (!GroupRepair.matches(results, committed, Journal.Entry::resultsBytes, true, journalled)
        || !GroupRepair.matches(curves, committed, Journal.Entry::curvesBytes, false, journalled)) {
      GroupRepair.Rebuilt r = GroupRepair.rebuild(dir, j, results, curves, repairs);
      return new State(new LinkedHashSet<>(r.completed()), repairs, r.resultsEnd(), r.curvesEnd());
    }
    if (k < j.entries.size()) {
      repairs.add((j.entries.size() - k) + " journalled group(s) from " + j.entries.get(k).key()
          + " on are missing from " + ResultsCsv.RESULTS_FILE + " or " + ResultsCsv.CURVES_FILE
          + " (lost by the file system after a crash); they will be computed again");
    }
    if (!j.tornTail.isEmpty()) {
      repairs.add("dropped " + j.tornTail + " from " + ResultsCsv.JOURNAL_FILE);
    }
    Journal.Entry last = k == 0 ? null : j.entries.get(k - 1);
    long resultsEnd = last == null ? ResultsCsv.RESULTS_HEADER.length() : last.resultsBytes();
    long curvesEnd = last == null ? ResultsCsv.CURVES_HEADER.length() : last.curvesBytes();
    long journalEnd = last == null ? ResultsCsv.JOURNAL_HEADER.length() : last.endOffset();
    cut(resultsFile, resultsEnd, "an unfinished group", repairs);
    cut(curvesFile, curvesEnd, "an unfinished group", repairs);
    cut(journalFile, journalEnd, null, repairs);
    Set<Key> completed = new LinkedHashSet<>();
    for (int i = 0; i < k; i++) {
      completed.add(j.entries.get(i).key());
    }
    return new State(completed, repairs, resultsEnd, curvesEnd);
  }

  /** Creates the three files of a new folder, or finishes creating them after a crash. */
  private static State create(Path resultsFile, Path curvesFile, Path journalFile, Journal j,
      List<String> repairs) throws IOException {
    boolean partial = !j.tornTail.isEmpty();
    partial |= headerOnly(resultsFile, ResultsCsv.RESULTS_HEADER, journalFile);
    partial |= headerOnly(curvesFile, ResultsCsv.CURVES_HEADER, journalFile);
    if (partial) {
      repairs.add("finished creating the folder's files, cut short by a crash");
    }
    writeNew(resultsFile, ResultsCsv.RESULTS_HEADER);
    writeNew(curvesFile, ResultsCsv.CURVES_HEADER);
    // The journal's header last: once it is there, the data files' headers are durable.
    writeNew(journalFile, ResultsCsv.JOURNAL_HEADER);
    AtomicFiles.forceDirectory(journalFile.toAbsolutePath().getParent());
    return new State(Set.of(), repairs, ResultsCsv.RESULTS_HEADER.length(),
        ResultsCsv.CURVES_HEADER.length());
  }

  /**
   * Checks that a data file of a folder without journal holds at most its header (the folder's
   * creation was cut short); returns whether it exists and is not empty.
   */
  private static boolean headerOnly(Path file, String header, Path journalFile)
      throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (!Journal.isPrefixOf(bytes, header.getBytes(StandardCharsets.US_ASCII))) {
      throw new IOException(file + ": has content but " + journalFile.getFileName()
          + ", the journal that says which of its groups are complete, is missing or empty;"
          + " igkit cannot tell complete groups from one cut short by a crash. Restore "
          + journalFile.getFileName() + ", or move the folder's .csv files away to start over");
    }
    return bytes.length > 0;
  }

  private static void writeNew(Path file, String content) throws IOException {
    try (FileChannel ch = NoLinks.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      AtomicFiles.writeFully(ch, ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
  }

  /**
   * Checks that a data file starts with its header. When nothing is committed, a missing or
   * partial header is rewritten.
   */
  private static void checkHeader(Path file, String header, boolean nothingCommitted)
      throws IOException {
    byte[] expected = header.getBytes(StandardCharsets.US_ASCII);
    byte[] start = readPrefix(file, expected.length);
    if (Arrays.equals(start, expected)) {
      return;
    }
    if (nothingCommitted && Journal.isPrefixOf(start, expected)) {
      writeNew(file, header);
      return;
    }
    throw new IOException(file + ":1: expected the header '" + header.strip()
        + "'; this is not an igkit results file");
  }

  /**
   * Truncates {@code file} to {@code length} when it is longer, noting the repair with the bytes
   * and lines dropped.
   */
  private static void cut(Path file, long length, String what, List<String> repairs)
      throws IOException {
    long size = Files.size(file);
    if (size <= length) {
      return;
    }
    byte[] tail;
    try (FileChannel ch = NoLinks.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - length, Integer.MAX_VALUE - 8));
      while (buf.hasRemaining() && ch.read(buf, length + buf.position()) >= 0) {
        // keep reading
      }
      tail = Arrays.copyOf(buf.array(), buf.position());
      ch.truncate(length);
      ch.force(true);
    }
    if (what != null) {
      repairs.add("dropped " + (size - length) + " bytes (" + lines(tail) + ") of " + what
          + " from " + file.getFileName());
    }
  }

  /** Describes the lines of a dropped tail, e.g. "2 lines, the last cut short". */
  private static String lines(byte[] tail) {
    int n = 0;
    for (byte b : tail) {
      if (b == '\n') {
        n++;
      }
    }
    boolean torn = tail.length > 0 && tail[tail.length - 1] != '\n';
    if (torn) {
      n++;
    }
    String count = n + (n == 1 ? " line" : " lines");
    if (!torn) {
      return count;
    }
    return count + (n == 1 ? ", cut short" : ", the last cut short");
  }

  private static byte[] readPrefix(Path file, int n) throws IOException {
    if (!Files.exists(file)) {
      return new byte[0];
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(n, ch.size()));
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // keep reading
      }
      return buf.array();
    }
  }

  private static long sizeOrZero(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }
}
