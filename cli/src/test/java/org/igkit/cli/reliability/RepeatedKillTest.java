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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.igkit.cli.Checkout;
import org.igkit.cli.TrainCommand;
import org.igkit.cli.e2e.ChildRun;
import org.igkit.cli.Igkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Crash safety under repetition: {@code igkit run} started as its own JVM and killed with SIGKILL
 * ({@link Process#destroyForcibly()}) {@value #KILLS} times at seeded random moments, then run to
 * completion, ends byte-identical (results.csv, curves.csv, done.csv) to an uninterrupted run, with
 * every (sample, cell) once. And a live lock is respected through the command line: while a child
 * run holds a folder, a second {@code igkit run} on it fails with "in use by another igkit run".
 *
 * <p>The moments: kill {@code i} waits {@code u_i × (S + 2.5 s)} after the child's start,
 * {@code u_i} from a {@link SplittableRandom} with a fixed seed and {@code S} the children's
 * observed time from start to their first commit (JVM start, model load, one group; smoothed). So
 * the delays spread over the child's start-up and the first part of what it has left: many kills
 * land before the first commit, the others mid-run. So that twenty kills do not finish the run (a
 * warm child commits a group in tens of milliseconds), a kill also comes early once the child has
 * committed {@code ceil(2 · remaining / (killsLeft + 1))} groups (at most {@code remaining − 1}).
 * The test asserts that kills landed mid-run and that the run was unfinished at the last kill.
 */
class RepeatedKillTest {

  static final int SAMPLES = 24;
  static final int CELLS = 2;
  static final int TOTAL = SAMPLES * CELLS;
  static final int KILLS = 20;
  static final long SEED = 20_261_123L;
  /** How far past the child's observed first commit the random delays reach. */
  static final double MID_RUN_SECONDS = 2.5;
  static final String JOURNAL_HEADER = "sample,cell,results_bytes,curves_bytes";

  @TempDir Path tmp;

  private Path childOut;
  private Path childErr;

  @Test
  void twentySigkillsAtRandomMomentsThenAResumeEndByteIdenticalToAnUninterruptedRun() throws Exception {
    Path yaml = experiment();
    Path whole = tmp.resolve("A");
    Path killed = tmp.resolve("B");

    // 1. uninterrupted, in this JVM
    long t0 = System.nanoTime();
    Cli a = cli("run", yaml, "--output", whole);
    double wholeSeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(a.code()).as("uninterrupted run\n%s", a).isZero();
    assertThat(entries(whole.resolve("done.csv"))).isEqualTo(TOTAL);

    // 2. twenty child runs on B, each killed with SIGKILL after a seeded random delay
    SplittableRandom random = new SplittableRandom(SEED);
    double startup = 3.0; // until observed: JVM start + model load + one group
    int observed = 0;
    int[] progress = new int[KILLS];
    double[] delays = new double[KILLS];
    int capped = 0;
    int before = 0;
    long t1 = System.nanoTime();
    for (int k = 0; k < KILLS; k++) {
      int remaining = TOTAL - before;
      int killsLeft = KILLS - k;
      int maxAdvance = Math.max(1, Math.min(remaining - 1, (int) Math.ceil(2.0 * remaining / (killsLeft + 1))));
      double delay = random.nextDouble() * (startup + MID_RUN_SECONDS);
      delays[k] = delay;
      Process child = startChild(yaml, killed);
      long start = System.nanoTime();
      long deadline = start + (long) (delay * 1e9);
      double firstCommit = Double.NaN;
      try {
        while (System.nanoTime() < deadline) {
          if (!child.isAlive()) {
            fail("child run %d ended (exit %d) before its kill at %.2f s; committed %d of %d%n%s",
                k + 1, child.exitValue(), delay, entries(killed.resolve("done.csv")), TOTAL, childOutput());
          }
          int now = entries(killed.resolve("done.csv"));
          if (now > before && Double.isNaN(firstCommit)) {
            firstCommit = (System.nanoTime() - start) / 1e9;
          }
          if (now >= before + maxAdvance) {
            capped++;
            break;
          }
          Thread.sleep(2);
        }
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("killed child %d is gone", k + 1).isTrue();
      assertThat(child.exitValue()).as("child %d died of SIGKILL, not by finishing; %s", k + 1, childOutput())
          .isEqualTo(137);
      if (!Double.isNaN(firstCommit)) {
        startup = observed == 0 ? firstCommit : 0.5 * startup + 0.5 * firstCommit;
        observed++;
      }
      progress[k] = entries(killed.resolve("done.csv"));
      assertThat(progress[k]).as("the journal never shrinks").isGreaterThanOrEqualTo(before);
      assertThat(killed.resolve("summary.md")).as("a killed run writes no summary").doesNotExist();
      before = progress[k];
    }
    double killSeconds = (System.nanoTime() - t1) / 1e9;
    int grew = 0;
    for (int k = 0; k < KILLS; k++) {
      if (progress[k] > (k == 0 ? 0 : progress[k - 1])) {
        grew++;
      }
    }
    System.out.printf("RepeatedKillTest: uninterrupted run %.1f s (%d groups); %d kills in %.1f s; delays %s s;"
        + " groups committed at each kill %s; %d kills landed after a new commit, %d of them cut short by the"
        + " progress cap%n",
        wholeSeconds, TOTAL, KILLS, killSeconds, Arrays.toString(Arrays.stream(delays)
            .mapToObj(d -> String.format("%.2f", d)).toArray()), Arrays.toString(progress), grew, capped);
    assertThat(grew).as("kills that landed mid-run (progress grew): %s", Arrays.toString(progress))
        .isGreaterThanOrEqualTo(1);
    assertThat(KILLS - grew).as("kills that landed before the child's first commit").isGreaterThanOrEqualTo(1);
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
