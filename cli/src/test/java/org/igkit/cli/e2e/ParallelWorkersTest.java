package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workers: N} attributes N samples at once, each worker with its own model instance, and
 * must change nothing but the wall time: the files of a run with 2 or 3 workers are byte-identical
 * to those of a run with 1 (results, curves, journal, summary, saved maps and report data); a
 * folder cut back to a few committed groups and resumed with 2 workers ends as the uninterrupted
 * run; and a unit that fails stops a parallel run with the same committed groups as a sequential
 * one.
 */
class ParallelWorkersTest {

  static final int SAMPLES = 6;
  /** IG, EG and WG. */
  static final int CELLS = 3;

  @TempDir static Path tmp;
  static Path one;

  @BeforeAll
  static void runWithOneWorker() {
    one = tmp.resolve("workers-1");
    E2e.run(experiment("w1", 1, ""), one);
  }

  /**
   * IG, EG and WG (fitness search: forward batches as well as gradients) on the shapes benchmark
   * with the committed model; deletion AUC calls the model again per map.
   */
  static Path experiment(String file, int workers, String extraMethod) {
    String yaml = """
        name: parallel-workers
        seed: 8
        model:
          path: '%s'
          format: djl-block
          architecture: small-cnn
          width: 16
          inputShape: [3, 32, 32]
          numClasses: 4
        dataset:
          type: shapes
          split: test
          count: 64
          referenceCount: 4
          limit: %d
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 8}
          - name: EG
            baselines: {type: uniform-noise, count: 2}
            stepRule: {type: riemann, steps: 8}
          - name: WG
            baselines: {type: uniform-noise, count: 2}
            stepRule: {type: riemann, steps: 8}
            aggregator: fitness
        %s
        metrics: [deletion-auc, completeness-gap]
        reference: IG
        batchSize: 16
        threads: 1
        workers: %d
        saveAttributions: true
        """.formatted(E2e.model(), SAMPLES, extraMethod, workers);
    return E2e.write(tmp, file + ".yaml", yaml);
  }

  @Test
  void twoOrThreeWorkersWriteByteIdenticalFilesToOneWorker() throws IOException {
    assertThat(E2e.completeEntries(one.resolve("done.csv"))).isEqualTo(SAMPLES * CELLS);
    for (int workers : new int[] {2, 3}) {
      Path dir = tmp.resolve("workers-" + workers);
      E2e.run(experiment("w" + workers, workers, ""), dir);
      for (String file : List.of("results.csv", "curves.csv", "done.csv", "summary.csv", "summary.md")) {
        assertThat(Files.readAllBytes(dir.resolve(file)))
            .as("%s with %d workers vs 1", file, workers)
            .isEqualTo(Files.readAllBytes(one.resolve(file)));
      }
      TreeMap<String, byte[]> mine = filesUnder(dir, "attributions", "report");
      TreeMap<String, byte[]> reference = filesUnder(one, "attributions", "report");
      assertThat(mine.keySet()).as("saved maps and report data, %d workers", workers)
          .isNotEmpty().containsExactlyElementsOf(reference.keySet());
      for (String f : reference.keySet()) {
        assertThat(mine.get(f)).as("%s with %d workers", f, workers).isEqualTo(reference.get(f));
      }
      assertThat(Files.readString(dir.resolve("resolved.yaml"))).contains("workers: " + workers);
    }
  }

  @Test
  void aFolderCutBackToItsFirstGroupsResumesWithTwoWorkersToTheSameFiles() throws IOException {
    Path cut = tmp.resolve("cut");
    Files.createDirectories(cut);
    // fingerprint.json too: a folder a crash cut short has it from before its first result
    for (String file : List.of("results.csv", "curves.csv", "fingerprint.json")) {
      Files.copy(one.resolve(file), cut.resolve(file));
    }
    // keep the header and the first 5 journal lines: the data past them is an unjournalled tail
    // that the store drops on open, as after a crash
    List<String> journal = Files.readAllLines(one.resolve("done.csv"), StandardCharsets.UTF_8);
    Files.writeString(cut.resolve("done.csv"), String.join("\n", journal.subList(0, 6)) + "\n", StandardCharsets.UTF_8);

    E2e.Cli resumed = E2e.run(experiment("resume", 2, ""), cut);
    assertThat(resumed.out()).as("%s", resumed)
        .contains("resumed: 5 (sample, cell) result(s) were already complete, " + (SAMPLES * CELLS - 5) + " computed now");
    for (String file : List.of("results.csv", "curves.csv", "done.csv", "summary.csv", "summary.md")) {
      assertThat(Files.readAllBytes(cut.resolve(file))).as(file).isEqualTo(Files.readAllBytes(one.resolve(file)));
    }
  }

  @Test
  void aUnitThatFailsStopsAParallelRunWithTheGroupsASequentialRunCommits() throws IOException {
    // 'filtered' dropping 1 of 1 baseline passes validation but fails when attributing: the
    // failing unit is the fourth of the first sample (IG, EG, WG, then Bad); with 2 workers the
    // units after it are already being computed when it fails, and must be thrown away
    String bad = """
          - name: Bad
            baselines: black
            stepRule: {type: riemann, steps: 8}
            aggregator: {type: filtered, rule: drop-lowest, drop: 1}
        """;
    List<byte[]> results = new ArrayList<>();
    for (int workers : new int[] {1, 2}) {
      Path dir = tmp.resolve("failing-" + workers);
      E2e.Cli r = E2e.cli("run", experiment("failing" + workers, workers, bad.stripTrailing()), "--output", dir);
      assertThat(r.code()).as("%s", r).isEqualTo(1);
      assertThat(r.err()).as("%s", r).contains("drop must be < the number of baselines");
      assertThat(E2e.completeEntries(dir.resolve("done.csv"))).as("committed groups, %d workers", workers).isEqualTo(CELLS);
      results.add(Files.readAllBytes(dir.resolve("results.csv")));
    }
    assertThat(results.get(1)).isEqualTo(results.get(0));
  }

  /** Every file under the given sub-folders of {@code dir}, by relative path. */
  private static TreeMap<String, byte[]> filesUnder(Path dir, String... folders) throws IOException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    for (String folder : folders) {
      Path base = dir.resolve(folder);
      if (!Files.isDirectory(base)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(base)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
        }
      }
    }
    return out;
  }
}
