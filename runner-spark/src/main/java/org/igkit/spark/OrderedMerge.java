package org.igkit.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.igkit.runner.config.Cell;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.run.Committer;
import org.igkit.runner.run.RunPlan;

/**
 * The driver's merge of a run's (sample, cell) groups in sequence order — samples in selection
 * order, cells in cell order — whichever part holds them: a part an earlier job committed but its
 * killed driver did not merge (a leftover, {@link SparkParts#leftovers}), or a part of this run's
 * job. So a run folder always holds its groups in the order the local runner writes them, and
 * {@code results.csv}, {@code curves.csv} and the journal end up byte-identical to the local
 * runner's, however often the driver was killed.
 *
 * <p>The plan: the groups still missing from the store, in sequence order; those a leftover part
 * holds count as computed already, the others are the job's work, split into contiguous
 * partitions ({@link #partitions}). The merge ({@link #run}) then walks the groups in order and
 * appends each run of consecutive groups that one part holds with one durable append, waiting for
 * the job's part where it is not committed yet; a part is deleted once all its groups are merged.
 * A driver killed during the merge leaves the store holding a prefix of the sequence and every
 * group after it in a committed part (or in no part, to compute again), which the next run merges
 * or computes at its place.
 */
final class OrderedMerge {

  /** What the merge did: the groups merged from leftover parts, and the executors' compute backends. */
  record Result(long recovered, Set<String> backends) {}

  private final List<ResultStore.Key> order = new ArrayList<>();
  /** For each group in {@link #order}: the leftover part holding it, or null when the job computes it. */
  private final List<SparkParts.Part> leftover = new ArrayList<>();
  /** For each group in {@link #order}: its partition in the job, or -1 for a leftover's. */
  private int[] partitionOf;
  private final List<SparkWork> work = new ArrayList<>();
  /** For each item of {@link #work}: the keys of its groups. */
  private final List<List<ResultStore.Key>> workKeys = new ArrayList<>();
  /** For each partition: its groups' keys, in order. */
  private final List<List<ResultStore.Key>> partitionKeys = new ArrayList<>();
  /** Per leftover part: how many of its groups are still to merge. */
  private final Map<SparkParts.Part, Integer> pending = new HashMap<>();

  /**
   * Plans the merge of the groups {@code todo} lists (the store's missing ones, in sequence order)
   * with the groups of {@code leftovers} that {@code store} does not hold yet.
   *
   * @throws IOException when a leftover part holds a group that is not this run's
   */
  OrderedMerge(List<RunPlan.Todo> todo, List<SparkParts.Part> leftovers, ResultStore store, Set<Integer> reportSamples)
      throws IOException {
    Map<ResultStore.Key, SparkParts.Part> computed = new LinkedHashMap<>();
    for (SparkParts.Part part : leftovers) {
      for (ResultStore.Key key : part.keys()) {
        if (!store.isComplete(key)) {
          computed.putIfAbsent(key, part); // the earliest job's copy, should two hold a group
        }
      }
    }
    for (RunPlan.Todo t : todo) {
      List<String> cells = new ArrayList<>();
      List<ResultStore.Key> keys = new ArrayList<>();
      for (Cell c : t.cells()) {
        ResultStore.Key key = new ResultStore.Key(t.sampleId(), c.id());
        SparkParts.Part part = computed.remove(key);
        order.add(key);
        leftover.add(part);
        if (part == null) {
          cells.add(c.id());
          keys.add(key);
        } else {
          pending.merge(part, 1, Integer::sum);
        }
      }
      if (!cells.isEmpty()) {
        work.add(new SparkWork(t.index(), List.copyOf(cells), reportSamples.contains(t.index())));
        workKeys.add(List.copyOf(keys));
      }
    }
    if (!computed.isEmpty()) {
      Map.Entry<ResultStore.Key, SparkParts.Part> first = computed.entrySet().iterator().next();
      throw new IOException(first.getValue() + ": holds the group " + first.getKey() + ", which this run does not"
          + " have (" + computed.size() + " such group(s)); the part does not belong to this run folder. Move "
          + first.getValue().folder().getParent() + " away and run again");
    }
  }

  /** Returns the samples the job computes (the groups no leftover part holds), in sequence order. */
  List<SparkWork> work() {
    return work;
  }

  /**
   * Splits {@link #work()} into {@code n} contiguous partitions of nearly equal size (1 ≤ n ≤ the
   * number of samples), in order: partition {@code p} becomes the job's {@code p}-th task.
   */
  List<List<SparkWork>> partitions(int n) {
    if (n < 1 || n > work.size()) {
      throw new IllegalArgumentException("partitions must be 1…" + work.size() + ", not " + n);
    }
    Map<ResultStore.Key, Integer> partitionByKey = new HashMap<>();
    List<List<SparkWork>> slices = new ArrayList<>(n);
    partitionKeys.clear();
    for (int p = 0; p < n; p++) {
      int from = (int) ((long) p * work.size() / n);
      int to = (int) ((long) (p + 1) * work.size() / n);
      slices.add(new ArrayList<>(work.subList(from, to)));
      List<ResultStore.Key> keys = new ArrayList<>();
      for (List<ResultStore.Key> k : workKeys.subList(from, to)) {
        keys.addAll(k);
      }
      for (ResultStore.Key k : keys) {
        partitionByKey.put(k, p);
      }
      partitionKeys.add(List.copyOf(keys));
    }
    partitionOf = new int[order.size()];
    for (int i = 0; i < order.size(); i++) {
      partitionOf[i] = leftover.get(i) != null ? -1 : partitionByKey.get(order.get(i));
    }
    return slices;
  }

  /**
   * Merges every planned group in sequence order through {@code committer}: a leftover's at once,
   * a job's as soon as its part is committed in {@code job}, while the job runs. {@code job} and
   * {@code reports} are null when there is no work (every group is a leftover's).
   *
   * @throws IOException when the job fails (its cause attached), ends without a part it should have
   *                     committed, or a part cannot be merged
   */
  Result run(Path job, JavaFutureAction<List<PartReport>> reports, RunPlan plan, Committer committer)
      throws IOException {
    if (partitionOf == null) {
      if (!work.isEmpty()) {
        throw new IllegalStateException("the work is not split into partitions yet");
      }
      partitionOf = new int[order.size()];
    }
    Set<String> backends = new TreeSet<>();
    Map<Integer, SparkParts.Part> jobParts = new HashMap<>();
    Map<Integer, Integer> jobPending = new HashMap<>();
    Set<SparkParts.Part> read = new HashSet<>();
    long recovered = 0;
    for (int i = 0; i < order.size(); ) {
      SparkParts.Part part = leftover.get(i);
      int p = partitionOf[i];
      if (part == null) {
        part = jobParts.get(p);
        if (part == null) {
          Path folder = job.resolve(SparkParts.partName(p));
          if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            awaitPart(folder, p, reports, job);
            continue;
          }
          part = SparkParts.Part.read(folder, plan);
          if (!part.keys().equals(partitionKeys.get(p))) {
            throw new IOException(folder + ": holds " + part.keys().size() + " group(s) from "
                + part.keys().stream().findFirst().map(Object::toString).orElse("none") + ", not partition " + p + "'s "
                + partitionKeys.get(p).size() + " from " + partitionKeys.get(p).get(0) + " (the part is damaged)");
          }
          jobParts.put(p, part);
          jobPending.put(p, part.keys().size());
        }
      }
      if (read.add(part)) {
        backends.addAll(part.backends());
      }
      int j = i + 1;
      while (j < order.size() && leftover.get(j) == leftover.get(i) && partitionOf[j] == p) {
        j++;
      }
      part.merge(order.subList(i, j), plan, committer);
      int n = j - i;
      if (leftover.get(i) != null) {
        recovered += n;
        if (pending.merge(part, -n, Integer::sum) == 0) {
          part.delete();
        }
      } else if (jobPending.merge(p, -n, Integer::sum) == 0) {
        part.delete();
      }
      i = j;
    }
    if (reports != null) {
      List<PartReport> done = waitFor(reports);
      if (done.size() != partitionKeys.size()) {
        throw new IllegalStateException("the Spark job reported " + done.size() + " partitions of "
            + partitionKeys.size());
      }
    }
    return new Result(recovered, backends);
  }

  /**
   * Waits a little for {@code folder}, partition {@code p}'s part: returns when the job may have
   * committed it (or has ended); throws when the job failed or ended without it.
   */
  private static void awaitPart(Path folder, int p, JavaFutureAction<List<PartReport>> reports, Path job)
      throws IOException {
    if (reports == null) {
      throw new IllegalStateException("no job computes partition " + p);
    }
    if (reports.isDone()) {
      waitFor(reports); // throws when the job failed
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && !listedIn(job, folder)) {
        throw new IOException("the Spark job ended but partition " + p + " left no part " + folder
            + "; is the run folder on storage every executor shares with the driver?");
      }
      return;
    }
    try {
      reports.get(200, TimeUnit.MILLISECONDS); // wakes up at once when the job ends
    } catch (TimeoutException e) {
      // look for the part again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while merging the parts of " + job, e);
    } catch (ExecutionException e) {
      // reported by waitFor on the next round
    }
  }

  /**
   * Whether listing {@code job} shows {@code folder}: reading the folder makes a network file system
   * (NFS) look at the server again, where a client may still answer "no such file" from its cache
   * for a part another node committed just before the job ended.
   */
  private static boolean listedIn(Path job, Path folder) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(job)) {
      if (s.noneMatch(folder::equals)) {
        return false;
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
    return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<PartReport> waitFor(JavaFutureAction<List<PartReport>> reports) throws IOException {
    try {
      return reports.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the Spark job", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("the Spark job failed: " + cause.getMessage(), cause);
    }
  }
}
