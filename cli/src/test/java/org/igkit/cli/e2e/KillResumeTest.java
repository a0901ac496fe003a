package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of {@code igkit run}, then {@code igkit run} again on the same folder:
 * the folder ends up byte-identical to an uninterrupted run's (results.csv, curves.csv, the
 * journal and the summary), with every row once. The run is started as its own JVM through the
 * launcher's main class, and killed with SIGKILL ({@link Process#destroyForcibly()}) once its
 * journal shows a few committed (sample, cell) groups; the test fails rather than passes when the
 * kill does not land before the run completes. A kill almost always lands between groups (writing
 * a group takes far less time than computing one), so when it left no partial group the test adds
 * the tail a kill inside the write would leave — half a group's rows and curve points and a
 * journal line cut short — and the resume must drop that too.
 */
class KillResumeTest {

  static final int SAMPLES = 32;
  static final int CELLS = 2;
  static final int TOTAL = SAMPLES * CELLS;
  /** Kill once this many groups are committed. */
  static final int KILL_AFTER = 3;
  /** Result rows per group: 2 metrics + 6 diagnostics. */
  static final int ROWS_PER_GROUP = 2 + EndToEndTest.DIAGNOSTICS.size();

  @TempDir Path tmp;

  @Test
  void aRunKilledWithSigkillAndStartedAgainEndsByteIdenticalToAnUninterruptedRun() throws Exception {
    // deletion-auc calls the model (21 points per map) and has curves; completeness-gap does not
    Path yaml = E2e.write(tmp, "experiment.yaml", E2e.template("two-methods.yaml",
        E2e.twoMethods(8, 0, SAMPLES, "completeness-gap", "deletion-auc", false)));
    Path killed = tmp.resolve("killed");
    Path whole = tmp.resolve("whole");

    // 1. the same experiment uninterrupted, in this JVM: what the killed folder must end up as
    E2e.Cli uninterrupted = E2e.run(yaml, whole);
    assertThat(uninterrupted.out()).doesNotContain("resumed");
    List<List<String>> wholeJournal = E2e.csv(whole.resolve("done.csv"), "sample,cell,results_bytes,curves_bytes");
    assertThat(wholeJournal).hasSize(TOTAL);

    // 2. the run in a child JVM, killed with SIGKILL once a few groups are committed
    Process child = startChild(yaml, killed);
    try {
      killMidRun(child, killed.resolve("done.csv"));
    } finally {
      child.destroyForcibly();
    }
    int committed = E2e.completeEntries(killed.resolve("done.csv"));
    assertThat(committed)
        .as("the kill landed mid-run: groups committed at the kill vs all %d", TOTAL)
        .isBetween(KILL_AFTER, TOTAL - 1);
    assertThat(killed.resolve("summary.md")).as("a killed run writes no summary").doesNotExist();
    long committedResults = Long.parseLong(wholeJournal.get(committed - 1).get(2));
    long committedCurves = Long.parseLong(wholeJournal.get(committed - 1).get(3));
    byte[] wholeResults = Files.readAllBytes(whole.resolve("results.csv"));
    byte[] wholeCurves = Files.readAllBytes(whole.resolve("curves.csv"));
    byte[] killedResults = Files.readAllBytes(killed.resolve("results.csv"));
    byte[] killedCurves = Files.readAllBytes(killed.resolve("curves.csv"));
    assertThat(Arrays.copyOf(killedResults, (int) committedResults))
        .as("the committed groups are the uninterrupted run's first %d", committed)
        .isEqualTo(Arrays.copyOf(wholeResults, (int) committedResults));
    assertThat(Arrays.copyOf(killedCurves, (int) committedCurves))
        .isEqualTo(Arrays.copyOf(wholeCurves, (int) committedCurves));
    long torn = killedResults.length - committedResults;
    System.out.printf("KillResumeTest: killed after %d of %d groups; results.csv had %d bytes past the "
        + "last journal entry%n", committed, TOTAL, torn);

    // 3. a kill inside ResultStore.append (rare: writing takes far less time than computing)
    //    leaves part of the next group in the data files and a journal line cut short; add that
    //    tail by hand when the kill did not, so the resume must repair it as well
    if (torn == 0 && killedCurves.length == committedCurves) {
      long nextResults = Long.parseLong(wholeJournal.get(committed).get(2));
      long nextCurves = Long.parseLong(wholeJournal.get(committed).get(3));
      append(killed.resolve("results.csv"), Arrays.copyOfRange(wholeResults, (int) committedResults,
          (int) (committedResults + (nextResults - committedResults) / 2)));
      append(killed.resolve("curves.csv"), Arrays.copyOfRange(wholeCurves, (int) committedCurves,
          (int) (committedCurves + (nextCurves - committedCurves) / 3)));
      String nextLine = String.join(",", wholeJournal.get(committed));
      append(killed.resolve("done.csv"), nextLine.substring(0, nextLine.length() - 3).getBytes(StandardCharsets.UTF_8));
    }

    // 4. run again on the killed folder (in this JVM): it repairs, resumes and computes the rest
    E2e.Cli resumed = E2e.run(yaml, killed);
    assertThat(resumed.out()).as("resume message; %s", resumed).contains("resumed: " + committed
        + " (sample, cell) result(s) were already complete, " + (TOTAL - committed) + " computed now");

    for (String file : List.of("results.csv", "curves.csv", "done.csv", "summary.csv", "summary.md")) {
      byte[] a = Files.readAllBytes(whole.resolve(file));
      byte[] b = Files.readAllBytes(killed.resolve(file));
      assertThat(b).as("%s after kill -9 and resume equals the uninterrupted run's (%d vs %d bytes)",
          file, b.length, a.length).isEqualTo(a);
    }
    List<List<String>> rows = E2e.csv(killed.resolve("results.csv"), "sample,cell,method,metric,value");
    assertThat(rows).hasSize(TOTAL * ROWS_PER_GROUP);
    Set<List<String>> keys = new HashSet<>();
    for (List<String> r : rows) {
      assertThat(keys.add(r.subList(0, 4))).as("no duplicate row %s", r).isTrue();
    }
    List<List<String>> groups = E2e.csv(killed.resolve("done.csv"), "sample,cell,results_bytes,curves_bytes");
    assertThat(groups).hasSize(TOTAL);
    assertThat(groups.stream().map(g -> g.subList(0, 2)).distinct().count()).isEqualTo(TOTAL);
    assertThat(Long.parseLong(groups.get(TOTAL - 1).get(2))).isEqualTo(Files.size(killed.resolve("results.csv")));
    assertThat(Long.parseLong(groups.get(TOTAL - 1).get(3))).isEqualTo(Files.size(killed.resolve("curves.csv")));
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
  }

  /** Waits until the child's journal holds {@value #KILL_AFTER} groups, then kills it with SIGKILL. */
  private void killMidRun(Process child, Path journal) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (E2e.completeEntries(journal) < KILL_AFTER) {
      if (!child.isAlive()) {
        fail("the child run ended (exit %d) before %d groups were committed, so it was never killed;%n%s",
            child.exitValue(), KILL_AFTER, childOutput());
      }
      if (System.nanoTime() > deadline) {
        fail("no %d committed groups within 120 s; %s", KILL_AFTER, childOutput());
      }
      Thread.sleep(2);
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child is gone").isTrue();
    assertThat(child.exitValue()).as("the child died of SIGKILL, not by finishing; %s", childOutput()).isEqualTo(137);
  }

  private Path childOut;
  private Path childErr;

  /** Starts {@code igkit run yaml --output dir} as its own JVM, as the launcher does. */
  private Process startChild(Path yaml, Path dir) throws IOException {
    childOut = tmp.resolve("child.out");
    childErr = tmp.resolve("child.err");
    return ChildRun.start(yaml, dir, childOut, childErr, List.of());
  }

  private String childOutput() {
    return ChildRun.output(childOut, childErr);
  }
}
