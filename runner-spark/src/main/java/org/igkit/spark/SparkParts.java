package org.igkit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.NoLinks;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.results.RunFingerprint;
import org.igkit.runner.run.Committer;
import org.igkit.runner.run.OutputFolders;
import org.igkit.runner.run.RunFolderMismatchException;
import org.igkit.runner.run.RunPlan;
import org.igkit.runner.run.SampleFaults;

/**
 * The parts that executors commit into a run folder, and their merge by the driver.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * RUN/.spark-parts/job-&lt;millis&gt;-&lt;random&gt;/     one Spark job of one driver
 *     _attempt-&lt;partition&gt;-&lt;attempt id&gt;/          a task attempt writing (never read)
 *     part-&lt;partition&gt;/                             a committed part
 *     _merged-&lt;partition&gt;/                          a merged part being deleted
 * </pre>
 *
 * <p>A part holds the groups of its partition's (sample, cell) units in sample order:
 * {@code results.csv} and {@code curves.csv} in the format of the run folder's ({@link ResultsCsv}),
 * {@value #GROUPS_FILE} ({@code sample,cell,fault,reason}: one line per group, in order, the
 * fault's kind empty when the unit did not fail), {@code files/<g>/} the files of its {@code g}-th
 * group (attribution maps, report data) at their paths relative to the run folder, the run's
 * {@link RunFingerprint} and {@value #BACKEND_FILE}, the compute backend of the executor.
 *
 * <h2>Protocol</h2>
 *
 * <p>A task attempt writes everything into its own attempt folder and forces it to disk, then
 * commits by renaming that folder to {@code part-<partition>} in one atomic step. A committed part is
 * never overwritten: an attempt that finds its part committed (a retry after an executor was lost,
 * a speculative copy) discards its own folder. An attempt that dies leaves only its attempt folder,
 * which nothing reads and the driver deletes.
 *
 * <p>The driver merges committed parts in partition order (= sample order) through the run's
 * {@link Committer}: the groups' files are moved to their place in the run folder, then the faults
 * are recorded and the rows appended to {@code results.csv}, one durable append for the part's
 * groups ({@link Committer#commitAll}) — a group already complete in the store (merged before a
 * driver was killed) is skipped. A merged part is renamed to
 * {@code _merged-<partition>} and deleted. A driver killed at any moment thus loses nothing that
 * was committed: the next run merges the parts it finds, in job and partition order, before it
 * plans what is missing.
 */
final class SparkParts {

  /** The folder of all jobs' parts inside the run folder. */
  static final String FOLDER = OutputFolders.PARTS_FOLDER;
  /** A part's list of groups. */
  static final String GROUPS_FILE = "groups.csv";
  /** Its header. */
  static final String GROUPS_HEADER = "sample,cell,fault,reason\n";
  /**
   * The compute backends of the units of a part, one per line: the executor's backend, with the
   * kernels it ran as plain Java instead where a unit had any.
   */
  static final String BACKEND_FILE = "backend.txt";
  /** The folder of a part's unit files. */
  static final String FILES = "files";

  private static final Pattern PART = Pattern.compile("part-(\\d+)");
  private static final Pattern JOB = Pattern.compile("job-\\d+-[0-9a-f]+");

  private SparkParts() {}

  /** What merging parts appended. */
  record Merged(long groups, Set<String> backends) {}

  /** Returns the name of partition {@code p}'s committed part. */
  static String partName(int partition) {
    return String.format("part-%05d", partition);
  }

  /** Returns the attempt folder of one task attempt in {@code job}. */
  static Path attemptFolder(Path job, int partition, long attemptId) {
    return job.resolve("_attempt-" + partition + "-" + attemptId);
  }

  /** Creates a new job folder in {@code run}'s parts folder, named so that jobs sort by start. */
  static Path newJob(Path run) throws IOException {
    Path parts = NoLinks.folders(run, run.resolve(FOLDER));
    String name = String.format("job-%013d-%08x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
    Path job = parts.resolve(name);
    Files.createDirectory(job);
    AtomicFiles.forceDirectory(parts);
    return job;
  }

  /**
   * Commits the finished attempt folder {@code attempt} as {@code part}: renames it in one step
   * unless the part is committed already, in which case the attempt is deleted. Returns whether
   * this attempt's folder became the part.
   */
  static boolean commit(Path attempt, Path part) throws IOException {
    AtomicFiles.forceDirectory(attempt);
    if (Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
      PartitionTask.deleteTree(attempt);
      return false;
    }
    try {
      // rename(2): atomic, and refuses a target that is a non-empty folder (a committed part)
      Files.move(attempt, part, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot commit " + attempt + " as " + part.getFileName() + ": the file system cannot"
          + " rename a folder in one step (" + e.getMessage() + ")", e);
    } catch (FileSystemException e) {
      if (Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
        PartitionTask.deleteTree(attempt); // another attempt committed first
        return false;
      }
      throw e;
    }
    AtomicFiles.forceDirectory(part.getParent());
    return true;
  }

  /**
   * Merges every part that earlier jobs left in {@code run} (a driver killed before it merged them),
   * job by job in the order they started, part by part in partition order, and deletes those jobs'
   * folders with what their dead attempts left.
   *
   * @throws RunFolderMismatchException when a part was computed for another fingerprint
   */
  static Merged mergeLeftovers(Path run, RunPlan plan, ResultStore store, Committer committer) throws IOException {
    Path parts = run.resolve(FOLDER);
    NoLinks.refuse(parts);
    if (!Files.isDirectory(parts)) {
      return new Merged(0, Set.of());
    }
    long groups = 0;
    Set<String> backends = new TreeSet<>();
    List<Path> jobs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parts)) {
      s.forEach(jobs::add);
    }
    jobs.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path job : jobs) {
      if (!JOB.matcher(job.getFileName().toString()).matches() || !Files.isDirectory(job, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(job + ": not a job folder of igkit's (job-<millis>-<hex>); " + parts
            + " holds only the parts executors commit. Move it away and run again");
      }
      for (Path part : committedParts(job)) {
        Merged m = merge(part, plan, store, committer);
        groups += m.groups();
        backends.addAll(m.backends());
      }
      PartitionTask.deleteTree(job);
    }
    PartitionTask.deleteTree(parts);
    return new Merged(groups, backends);
  }

  /** Returns the committed parts of {@code job}, in partition order. */
  private static List<Path> committedParts(Path job) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(job)) {
      for (Path p : s) {
        if (PART.matcher(p.getFileName().toString()).matches()) {
          parts.add(p);
        }
      }
    }
    parts.sort(Comparator.comparingInt(SparkParts::partition));
    return parts;
  }

  private static int partition(Path part) {
    Matcher m = PART.matcher(part.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(part + " is not a part folder");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Merges the committed {@code part} into the run folder through {@code committer} — its groups in
   * order, skipping those {@code store} holds complete already — and deletes it.
   *
   * @throws RunFolderMismatchException when the part was computed for another fingerprint
   * @throws IOException                when the part is damaged (naming its file and line) or the
   *                                    run folder cannot be written
   */
  static Merged merge(Path part, RunPlan plan, ResultStore store, Committer committer) throws IOException {
    NoLinks.refuse(part);
    if (!RunFingerprint.existsIn(part)) {
      throw new IOException(part + ": a committed part without its " + RunFingerprint.FILE_NAME
          + "; it is damaged. Move it away (its groups are then computed again) and run again");
    }
    List<String> differences = plan.fingerprint().differences(part);
    if (!differences.isEmpty()) {
      throw new RunFolderMismatchException(part, "holds a part computed for another experiment or setting than this"
          + " run's; merging it would mix them. Move " + part.getParent() + " away (or use --force-new)."
          + " What differs (part → this run):", differences);
    }
    List<ResultRow> rows = ResultsCsv.read(part);
    Path groupsFile = part.resolve(GROUPS_FILE);
    List<Csv.Record> groups;
    try {
      groups = Csv.parse(groupsFile.toString(), Files.readString(groupsFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (groups.isEmpty() || !String.join(",", groups.get(0).fields()).equals(GROUPS_HEADER.strip())) {
      throw new IOException(groupsFile + ":1: expected the header '" + GROUPS_HEADER.strip() + "'");
    }
    Path run = plan.output();
    List<Committer.Unit> units = new ArrayList<>();
    int next = 0;
    for (int g = 1; g < groups.size(); g++) {
      Csv.Record r = groups.get(g);
      if (r.size() != 4) {
        throw new IOException(groupsFile + ":" + r.line() + ": expected 4 fields (" + GROUPS_HEADER.strip()
            + "), found " + r.size());
      }
      ResultStore.Key key = new ResultStore.Key(r.text(0), r.text(1));
      int end = next;
      while (end < rows.size() && rows.get(end).key().equals(key)) {
        end++;
      }
      if (end == next) {
        throw new IOException(groupsFile + ":" + r.line() + ": the group " + key + " has no rows in "
            + part.resolve(ResultsCsv.RESULTS_FILE) + " where it should (the part is damaged)");
      }
      List<ResultRow> group = rows.subList(next, end);
      next = end;
      if (store.isComplete(key)) {
        continue; // merged before the driver that was merging this part stopped
      }
      moveFiles(part.resolve(FILES).resolve(Integer.toString(g - 1)), run);
      SampleFaults.Fault fault = r.text(2).isEmpty() ? null
          : new SampleFaults.Fault(faultKind(groupsFile, r), r.text(3));
      units.add(new Committer.Unit(key.sample(), key.cell(), fault, List.copyOf(group)));
    }
    if (next != rows.size()) {
      throw new IOException(part.resolve(ResultsCsv.RESULTS_FILE) + ": holds rows of " + rows.get(next).key()
          + " that " + GROUPS_FILE + " does not list (the part is damaged)");
    }
    // every group's files are in place: append all rows with one force of each file
    committer.commitAll(units);
    Path backendFile = part.resolve(BACKEND_FILE);
    Set<String> backends = new TreeSet<>();
    if (Files.isRegularFile(backendFile)) {
      for (String line : Files.readAllLines(backendFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          backends.add(line.strip());
        }
      }
    }
    Path done = part.resolveSibling("_merged-" + partition(part));
    PartitionTask.deleteTree(done);
    Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
    PartitionTask.deleteTree(done);
    return new Merged(units.size(), backends);
  }

  private static SampleFaultException.Kind faultKind(Path file, Csv.Record r) throws IOException {
    try {
      return SampleFaultException.Kind.valueOf(r.text(2));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ":" + r.line() + ": unknown fault kind '" + r.text(2) + "'", e);
    }
  }

  /**
   * Moves every file under {@code from} (a group's files) to the same relative path in
   * {@code run}, replacing what is there, and forces the folders they went to.
   */
  private static void moveFiles(Path from, Path run) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Set<Path> folders = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(from)) {
      files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    for (Path f : files) {
      Path target = run.resolve(from.relativize(f).toString());
      Path dir = NoLinks.folders(run, target.getParent());
      NoLinks.refuse(target);
      try {
        Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
      folders.add(dir);
    }
    folders.forEach(AtomicFiles::forceDirectory);
  }

  /** Deletes {@code dir} and what is in it; a missing folder is fine. */
  static void delete(Path dir) {
    try {
      PartitionTask.deleteTree(dir);
    } catch (UncheckedIOException e) {
      // best effort: what is left is an attempt folder nothing reads
    }
  }
}
