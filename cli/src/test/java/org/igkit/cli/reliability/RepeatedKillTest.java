package org.igkit.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.igkit.cli.Checkout;
import org.igkit.cli.TrainCommand;
import org.igkit.cli.e2e.ChildRun;
import org.igkit.cli.Igkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Crash safety under repetition: {@code igkit run} started as its own JVM and killed with SIGKILL
 * ({@link Process#destroyForcibly()}) {@value #KILLS} times, each time on progress observed in
 * the output folder, then run to completion, ends byte-identical (results.csv, curves.csv,
 * done.csv) to an uninterrupted run, with every (sample, cell) once. And a live lock is respected
 * through the command line: while a child run holds a folder, a second {@code igkit run} on it
 * fails with "in use by another igkit run".
 *
 * <p>The moments come from what the child has done, never from a clock: the first child is
 * killed as soon as its results store exists (the folder opened and repaired, usually nothing committed yet); every
 * later child as soon as the journal {@code done.csv} holds more complete entries than at the
 * previous kill (it committed a new (sample, cell) group and is computing or writing the next),
 * or, should the poll catch it, as soon as {@code results.csv} has grown past the length the
 * last journal entry records (a group written but not yet journalled). Waiting ends only on that
 * progress or on the child's exit (a failure: it crashed, or the run finished un-killed). So
 * every kill after the first lands mid-run, after the child committed a group or wrote results
 * beyond those at the previous kill (asserted), and the run is still unfinished at the last kill (asserted) since
 * each kill lets it advance by a few groups out of {@value #TOTAL}.
 */
class RepeatedKillTest {

  static final int SAMPLES = 24;
  static final int CELLS = 2;
  static final int TOTAL = SAMPLES * CELLS;
  static final int KILLS = 16;
  static final String JOURNAL_HEADER = "sample,cell,results_bytes,curves_bytes";
  static final String RESULTS_HEADER = "sample,cell,method,metric,value\n";

  @TempDir Path tmp;

  private Path childOut;
  private Path childErr;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hung child only; nothing waits on a clock
  void repeatedSigkillsOnObservedProgressThenAResumeEndByteIdenticalToAnUninterruptedRun() throws Exception {
    Path yaml = experiment();
    Path whole = tmp.resolve("A");
    Path killed = tmp.resolve("B");

    // 1. uninterrupted, in this JVM
    Cli a = cli("run", yaml, "--output", whole);
    assertThat(a.code()).as("uninterrupted run\n%s", a).isZero();
    assertThat(entries(whole.resolve("done.csv"))).isEqualTo(TOTAL);

    // 2. child runs on B, each killed with SIGKILL as soon as it has made observable progress
    int[] progress = new int[KILLS];
    long[] written = new long[KILLS];
    boolean[] torn = new boolean[KILLS];
    int before = 0;
    long writtenBefore = 0;
    for (int k = 0; k < KILLS; k++) {
      Process child = startChild(yaml, killed);
      try {
        while (!progressed(k, killed, before, writtenBefore)) {
          if (!child.isAlive()) {
            fail("child run %d ended (exit %d) before making progress past %d of %d committed groups%n%s",
                k + 1, child.exitValue(), before, TOTAL, childOutput());
          }
          Thread.sleep(1);
        }
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("killed child %d is gone", k + 1).isTrue();
      assertThat(child.exitValue()).as("child %d died of SIGKILL, not by finishing; %s", k + 1, childOutput())
          .isEqualTo(137);
      progress[k] = entries(killed.resolve("done.csv"));
      written[k] = size(killed.resolve("results.csv"));
      torn[k] = written[k] > lastJournalledResultsBytes(killed);
      assertThat(progress[k]).as("the journal never shrinks").isGreaterThanOrEqualTo(before);
      assertThat(killed.resolve("summary.md")).as("a killed run writes no summary").doesNotExist();
      before = progress[k];
      writtenBefore = written[k];
    }
    System.out.printf("RepeatedKillTest: %d kills; groups committed at each kill %s of %d; results.csv held an"
        + " unjournalled group at kills %s%n", KILLS, Arrays.toString(progress), TOTAL,
        Arrays.toString(java.util.stream.IntStream.range(0, KILLS).filter(i -> torn[i]).map(i -> i + 1).toArray()));
    for (int k = 1; k < KILLS; k++) {
      assertThat(progress[k] > progress[k - 1] || written[k] > written[k - 1])
          .as("kill %d came after child %d committed a group or wrote new results (groups at each kill %s,"
              + " results.csv bytes %s)", k + 1, k + 1, Arrays.toString(progress), Arrays.toString(written))
          .isTrue();
    }
    assertThat(progress[KILLS - 1]).as("the run had not finished before the last kill").isLessThan(TOTAL);

    // 3. run B to completion
    Cli b = cli("run", yaml, "--output", killed);
    assertThat(b.code()).as("resume after %d kills\n%s", KILLS, b).isZero();
    assertThat(b.out()).contains("resumed: " + progress[KILLS - 1] + " (sample, cell) result(s) were already complete");
    for (String file : List.of("results.csv", "curves.csv", "done.csv")) {
      byte[] x = Files.readAllBytes(whole.resolve(file));
      byte[] y = Files.readAllBytes(killed.resolve(file));
      assertThat(y).as("%s after %d kills and a resume equals the uninterrupted run's (%d vs %d bytes)",
          file, KILLS, y.length, x.length).isEqualTo(x);
    }
    List<String> journal = lines(killed.resolve("done.csv"), JOURNAL_HEADER);
    assertThat(journal).hasSize(TOTAL);
    Set<String> keys = new HashSet<>();
    for (String line : journal) {
      String[] f = line.split(",", -1);
      assertThat(keys.add(f[0] + "," + f[1])).as("no duplicate (sample, cell) %s", line).isTrue();
    }
    List<String> rows = lines(killed.resolve("results.csv"), "sample,cell,method,metric,value");
    Set<String> rowKeys = new HashSet<>();
    for (String line : rows) {
      String[] f = line.split(",", -1);
      assertThat(rowKeys.add(f[0] + "," + f[1] + "," + f[2] + "," + f[3])).as("no duplicate row %s", line).isTrue();
    }
    assertThat(rowKeys.stream().map(r -> r.substring(0, r.indexOf(',', r.indexOf(',') + 1))).distinct().count())
        .isEqualTo(TOTAL);
  }

  /**
   * Whether child {@code k} has made the progress its kill waits for: for the first, its results
   * store exists; for the others, a journal entry beyond the {@code before} there were at the
   * previous kill, or results.csv grown past both the last journal entry's length and its length
   * at the previous kill ({@code writtenBefore}: a group the previous child left unjournalled is
   * cut off by the repair and written again to the same length, which is no new progress).
   */
  private static boolean progressed(int k, Path dir, int before, long writtenBefore) throws IOException {
    if (k == 0) {
      return Files.exists(dir.resolve("done.csv"));
    }
    if (entries(dir.resolve("done.csv")) > before) {
      return true;
    }
    long size = size(dir.resolve("results.csv"));
    return size > writtenBefore && size > lastJournalledResultsBytes(dir);
  }

  /** results_bytes of the last complete journal line; the header's length when there is none. */
  static long lastJournalledResultsBytes(Path dir) throws IOException {
    String text;
    try {
      text = Files.readString(dir.resolve("done.csv"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return RESULTS_HEADER.length();
    }
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return RESULTS_HEADER.length();
    }
    int start = text.lastIndexOf('\n', end - 1) + 1;
    String line = text.substring(start, end);
    if (line.equals(JOURNAL_HEADER)) {
      return RESULTS_HEADER.length();
    }
    return Long.parseLong(line.split(",", -1)[2]);
  }

  static long size(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  @Test
  void aLiveLockHeldByAChildRunIsRespectedByASecondRun() throws Exception {
    Path yaml = experiment();
    Path dir = tmp.resolve("C");
    Process child = startChild(yaml, dir);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (entries(dir.resolve("done.csv")) < 1) {
        if (!child.isAlive()) {
          fail("the child run ended (exit %d) before its first commit%n%s", child.exitValue(), childOutput());
        }
        if (System.nanoTime() > deadline) {
          fail("no commit within 120 s; %s", childOutput());
        }
        Thread.sleep(5);
      }
      Cli second = cli("run", yaml, "--output", dir);
      assertThat(child.isAlive()).as("the child still held the folder during the second run; %s", childOutput())
          .isTrue();
      assertThat(second.code()).as("a second run on a folder in use\n%s", second).isNotZero();
      assertThat(second.out() + second.err())
          .contains("is in use by another igkit run (pid " + child.pid() + ")");
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The experiment: shapes, 24 samples, IG and EG with 8 steps, completeness-gap and deletion-auc. */
  private Path experiment() throws IOException {
    Path model = Checkout.quickStartModel();
    String yaml = String.join("\n",
        "name: repeated-kill",
        "seed: 11",
        "model:",
        "  path: '" + model + "'",
        "  format: djl-block",
        "  architecture: small-cnn",
        "  width: 16",
        "  inputShape: [3, 32, 32]",
        "  numClasses: 4",
        "  output: probability",
        "dataset:",
        "  type: shapes",
        "  split: test",
        "  count: " + SAMPLES,
        "  referenceCount: 4",
        "methods:",
        "  - name: IG",
        "    baselines: black",
        "    stepRule: {type: riemann, steps: 8}",
        "  - name: EG",
        "    baselines: {type: uniform-noise, count: 2}",
        "    stepRule: {type: riemann, steps: 8}",
        "metrics:",
        "  - completeness-gap",
        "  - deletion-auc",
        "reference: IG",
        "batchSize: 16",
        "threads: 1",
        "saveAttributions: false",
        "");
    return Files.writeString(tmp.resolve("experiment.yaml"), yaml);
  }

  record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Runs the igkit command line in this JVM, as the launcher's main does. */
  static Cli cli(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of(new TrainCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  /** Complete lines after the header; 0 when the file does not exist yet. */
  static int entries(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
    int n = 0;
    for (byte x : bytes) {
      if (x == '\n') {
        n++;
      }
    }
    return Math.max(0, n - 1);
  }

  static List<String> lines(Path file, String header) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain("\r").doesNotContain("\"");
    List<String> all = List.of(text.split("\n"));
    assertThat(all.get(0)).isEqualTo(header);
    return all.subList(1, all.size());
  }

  /** Starts {@code igkit run yaml --output dir} as its own JVM, as the launcher does. */
  private Process startChild(Path yaml, Path dir) throws IOException {
    childOut = tmp.resolve("child.out");
    childErr = tmp.resolve("child.err");
    return ChildRun.start(yaml, dir, childOut, childErr, List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"));
  }

  private String childOutput() {
    return ChildRun.output(childOut, childErr);
  }
}
