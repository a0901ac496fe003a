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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <p>The driver merges the groups of committed parts in sample order ({@link OrderedMerge}) through
 * the run's {@link Committer}: the groups' files are moved to their place in the run folder, then
 * the faults are recorded and the rows appended to {@code results.csv}, one durable append for each
 * run of consecutive groups one part holds ({@link Committer#commitAll}) — a group already complete
 * in the store (merged before a driver was killed) is skipped. A part whose groups are all merged is
 * renamed to {@code _merged-<partition>} and deleted. A driver killed at any moment thus loses
 * nothing that was committed: the next run reads the parts it finds ({@link #leftovers}), counts
 * their groups as computed, computes only the groups no part holds, and merges every group at its
 * place in sample order, so the files are those the local runner writes.
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
   * Returns the parts that earlier jobs left in {@code run} (their drivers were killed before they
   * merged them), job by job in the order the jobs started, part by part in partition order, each
   * checked against the run's fingerprint. Nothing is merged or deleted: the caller merges their
   * groups at their place in sample order ({@link OrderedMerge}) and then deletes the parts folder
   * with everything in it.
   *
   * @throws RunFolderMismatchException when a part was computed for another fingerprint (then
   *                                    nothing has been merged)
   * @throws IOException                when the parts folder holds something else than job folders
   *                                    or a part is damaged
   */
  static List<Part> leftovers(Path run, RunPlan plan) throws IOException {
    Path parts = run.resolve(FOLDER);
    NoLinks.refuse(parts);
    if (!Files.isDirectory(parts)) {
      return List.of();
    }
    List<Path> jobs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parts)) {
      s.forEach(jobs::add);
    }
    jobs.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<Part> found = new ArrayList<>();
    for (Path job : jobs) {
      if (!JOB.matcher(job.getFileName().toString()).matches() || !Files.isDirectory(job, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(job + ": not a job folder of igkit's (job-<millis>-<hex>); " + parts
            + " holds only the parts executors commit. Move it away and run again");
      }
      for (Path part : committedParts(job)) {
        found.add(Part.read(part, plan));
      }
    }
    return List.copyOf(found);
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
   * Merges the whole committed {@code part} into the run folder through {@code committer} — its
   * groups in order, skipping those {@code store} holds complete already — and deletes it.
   *
   * @throws RunFolderMismatchException when the part was computed for another fingerprint
   * @throws IOException                when the part is damaged (naming its file and line) or the
   *                                    run folder cannot be written
   */
  static Merged merge(Path part, RunPlan plan, ResultStore store, Committer committer) throws IOException {
    Part p = Part.read(part, plan);
    List<ResultStore.Key> keys = p.keys().stream().filter(k -> !store.isComplete(k)).toList();
    p.merge(keys, plan, committer);
    Set<String> backends = p.backends();
    p.delete();
    return new Merged(keys.size(), backends);
  }

  /**
   * A committed part, checked against the run's fingerprint, with the keys of its groups in order
   * (from {@value #GROUPS_FILE}). Its rows are read when the first of its groups is merged, and it
   * may be merged a few groups at a time ({@link #merge}), in any order the driver needs: the driver
   * merges every part's groups at their place in sample order, among other parts' groups.
   */
  static final class Part {
    private final Path folder;
    private final Path groupsFile;
    private final List<Csv.Record> records;
    private final List<ResultStore.Key> keys;
    private final Map<ResultStore.Key, Integer> index;
    private List<List<ResultRow>> rows;

    private Part(Path folder, Path groupsFile, List<Csv.Record> records, List<ResultStore.Key> keys) {
      this.folder = folder;
      this.groupsFile = groupsFile;
      this.records = records;
      this.keys = keys;
      this.index = new HashMap<>();
      for (int g = 0; g < keys.size(); g++) {
        index.putIfAbsent(keys.get(g), g);
      }
    }

    /**
     * Reads the committed part {@code folder}'s list of groups, after checking its fingerprint
     * against {@code plan}'s.
     *
     * @throws RunFolderMismatchException when the part was computed for another fingerprint
     * @throws IOException                when the part is damaged (naming its file and line)
     */
    static Part read(Path folder, RunPlan plan) throws IOException {
      NoLinks.refuse(folder);
      if (!RunFingerprint.existsIn(folder)) {
        throw new IOException(folder + ": a committed part without its " + RunFingerprint.FILE_NAME
            + "; it is damaged. Move it away (its groups are then computed again) and run again");
      }
      List<String> differences = plan.fingerprint().differences(folder);
      if (!differences.isEmpty()) {
        throw new RunFolderMismatchException(folder, "holds a part computed for another experiment or setting than"
            + " this run's; merging it would mix them. Move " + folder.getParent() + " away (or use --force-new)."
            + " What differs (part → this run):", differences);
      }
      Path groupsFile = folder.resolve(GROUPS_FILE);
      List<Csv.Record> groups;
      try {
        groups = Csv.parse(groupsFile.toString(), Files.readString(groupsFile, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (groups.isEmpty() || !String.join(",", groups.get(0).fields()).equals(GROUPS_HEADER.strip())) {
        throw new IOException(groupsFile + ":1: expected the header '" + GROUPS_HEADER.strip() + "'");
      }
      List<Csv.Record> records = List.copyOf(groups.subList(1, groups.size()));
      List<ResultStore.Key> keys = new ArrayList<>();
      Set<ResultStore.Key> seen = new HashSet<>();
      for (Csv.Record r : records) {
        if (r.size() != 4) {
          throw new IOException(groupsFile + ":" + r.line() + ": expected 4 fields (" + GROUPS_HEADER.strip()
              + "), found " + r.size());
        }
        ResultStore.Key key = new ResultStore.Key(r.text(0), r.text(1));
        if (!seen.add(key)) {
          throw new IOException(groupsFile + ":" + r.line() + ": the group " + key + " is listed twice (the part is"
              + " damaged)");
        }
        keys.add(key);
      }
      return new Part(folder, groupsFile, records, List.copyOf(keys));
    }

    /** Returns the part's folder. */
    Path folder() {
      return folder;
    }

    /** Returns the keys of the part's groups, in the order it holds them. */
    List<ResultStore.Key> keys() {
      return keys;
    }

    /**
     * Moves the files of the groups {@code toMerge} (all of them the part's) to their place in the
     * run folder, then commits the groups in the order given, with one durable append
     * ({@link Committer#commitAll}).
     *
     * @throws IOException when the part is damaged or the run folder cannot be written
     */
    void merge(List<ResultStore.Key> toMerge, RunPlan plan, Committer committer) throws IOException {
      if (toMerge.isEmpty()) {
        return;
      }
      List<List<ResultRow>> groupRows = rows();
      Path run = plan.output();
      List<Committer.Unit> units = new ArrayList<>();
      for (ResultStore.Key key : toMerge) {
        Integer g = index.get(key);
        if (g == null) {
          throw new IllegalArgumentException(folder + " holds no group " + key);
        }
        Csv.Record r = records.get(g);
        moveFiles(folder.resolve(FILES).resolve(Integer.toString(g)), run);
        SampleFaults.Fault fault = r.text(2).isEmpty() ? null
            : new SampleFaults.Fault(faultKind(groupsFile, r), r.text(3));
        units.add(new Committer.Unit(key.sample(), key.cell(), fault, groupRows.get(g)));
      }
      // every group's files are in place: append all rows with one force of each file
      committer.commitAll(units);
    }

    /** The part's rows, one list per group in the order of its groups; read once. */
    private List<List<ResultRow>> rows() throws IOException {
      if (rows != null) {
        return rows;
      }
      List<ResultRow> all = ResultsCsv.read(folder);
      List<List<ResultRow>> grouped = new ArrayList<>();
      int next = 0;
      for (int g = 0; g < keys.size(); g++) {
        ResultStore.Key key = keys.get(g);
        int end = next;
        while (end < all.size() && all.get(end).key().equals(key)) {
          end++;
        }
        if (end == next) {
          throw new IOException(groupsFile + ":" + records.get(g).line() + ": the group " + key + " has no rows in "
              + folder.resolve(ResultsCsv.RESULTS_FILE) + " where it should (the part is damaged)");
        }
        grouped.add(List.copyOf(all.subList(next, end)));
        next = end;
      }
      if (next != all.size()) {
        throw new IOException(folder.resolve(ResultsCsv.RESULTS_FILE) + ": holds rows of " + all.get(next).key()
            + " that " + GROUPS_FILE + " does not list (the part is damaged)");
      }
      rows = grouped;
      return rows;
    }

    /** Returns the compute backends the part's executor recorded. */
    Set<String> backends() throws IOException {
      Path backendFile = folder.resolve(BACKEND_FILE);
      Set<String> backends = new TreeSet<>();
      if (Files.isRegularFile(backendFile, LinkOption.NOFOLLOW_LINKS)) {
        for (String line : Files.readAllLines(backendFile, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            backends.add(line.strip());
          }
        }
      }
      return backends;
    }

    /**
     * Deletes the part, once every group of it is in the store: renames it to
     * {@code _merged-<partition>} in one step (so that it is no committed part any more), then
     * deletes that.
     */
    void delete() throws IOException {
      rows = null;
      Path done = folder.resolveSibling("_merged-" + partition(folder));
      PartitionTask.deleteTree(done);
      Files.move(folder, done, StandardCopyOption.ATOMIC_MOVE);
      PartitionTask.deleteTree(done);
    }

    @Override
    public String toString() {
      return folder.toString();
    }
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
