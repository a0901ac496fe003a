package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igkit run} resumes a folder only with the results of the same experiment: a changed
 * setting, a swapped model file or another experiment is refused with exit code 2 and the list of
 * what differs, and nothing in the folder changes; {@code --force-new} moves the old results
 * aside. A resume reports what it repaired, never loses a journalled row, and computes a unit
 * whose rows are missing again.
 */
class ResumeBindingTest {

  static final int SAMPLES = 3;

  @TempDir Path tmp;

  private Map<String, Object> values(Path model) {
    Map<String, Object> v = E2e.twoMethods(8, 0, SAMPLES, "completeness-gap", "deletion-auc", false);
    v.put("MODEL", model);
    return v;
  }

  private Path yaml(String fileName, Map<String, Object> values, String from, String to) {
    return E2e.write(tmp, fileName, E2e.template("two-methods.yaml", values).replace(from, to));
  }

  private static final List<String> KEPT = List.of("results.csv", "curves.csv", "done.csv", "resolved.yaml",
      "provenance.json", "fingerprint.json");

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (String f : KEPT) {
      if (Files.exists(dir.resolve(f))) {
        files.put(f, Files.readAllBytes(dir.resolve(f)));
      }
    }
    return files;
  }

  private static void assertUnchanged(Path dir, Map<String, byte[]> before) throws IOException {
    assertThat(before).containsKeys("results.csv", "fingerprint.json");
    for (Map.Entry<String, byte[]> f : before.entrySet()) {
      assertThat(Files.readAllBytes(dir.resolve(f.getKey()))).as("%s is left as it was", f.getKey())
          .isEqualTo(f.getValue());
    }
  }

  @Test
  void changedStepsAreRefusedWithExitCode2ListingStepsAndForceNewStartsAfresh() throws IOException {
    Path first = yaml("experiment.yaml", values(E2e.model()), "", "");
    Path dir = tmp.resolve("run");
    E2e.run(first, dir);
    Map<String, byte[]> before = snapshot(dir);

    Path changed = yaml("experiment.yaml", values(E2e.model()), "steps: 8}", "steps: 16}");
    E2e.Cli refused = E2e.cli("run", changed, "--output", dir);
    assertThat(refused.code()).as("%s", refused).isEqualTo(2);
    assertThat(refused.err())
        .contains("config methods[0].stepRule.steps: 8 → 16", "config methods[1].stepRule.steps: 8 → 16",
            "--force-new")
        .doesNotContain("model file", "Exception");
    assertThat(refused.out()).doesNotContain("resumed");
    assertUnchanged(dir, before);

    E2e.Cli fresh = E2e.cli("run", changed, "--output", dir, "--force-new");
    assertThat(fresh.code()).as("%s", fresh).isZero();
    Path moved = tmp.resolve("run.superseded-1");
    assertThat(fresh.out()).contains("--force-new: moved the earlier contents of").contains(moved.toString())
        .doesNotContain("resumed");
    assertThat(Files.readAllBytes(moved.resolve("results.csv"))).isEqualTo(before.get("results.csv"));
    Path reference = tmp.resolve("reference");
    E2e.run(changed, reference);
    for (String f : List.of("results.csv", "curves.csv", "done.csv", "fingerprint.json")) {
      assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(reference.resolve(f)));
    }
  }

  @Test
  void aSwappedModelFileIsRefusedAndListed() throws IOException {
    Path model = tmp.resolve("model.params");
    Files.copy(E2e.model(), model);
    Path yaml = yaml("experiment.yaml", values(model), "", "");
    Path dir = tmp.resolve("run");
    E2e.run(yaml, dir);
    Map<String, byte[]> before = snapshot(dir);

    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 1] ^= 1;
    Files.write(model, bytes);
    E2e.Cli refused = E2e.cli("run", yaml, "--output", dir);
    assertThat(refused.code()).as("%s", refused).isEqualTo(2);
    assertThat(refused.err()).contains("model file (SHA-256): ").doesNotContain("config ");
    assertUnchanged(dir, before);
  }

  @Test
  void anotherExperimentIsRefusedAndWorkersOrOutputDoNotCount() throws IOException {
    Path yaml = yaml("experiment.yaml", values(E2e.model()), "", "");
    Path dir = tmp.resolve("run");
    E2e.run(yaml, dir);
    Map<String, byte[]> before = snapshot(dir);

    Path other = yaml("other.yaml", values(E2e.model()), "name: e2e-two-methods", "name: quick-start");
    E2e.Cli refused = E2e.cli("run", other, "--output", dir);
    assertThat(refused.code()).as("%s", refused).isEqualTo(2);
    assertThat(refused.err()).contains("config name: e2e-two-methods → quick-start");
    assertUnchanged(dir, before);

    Path faster = yaml("faster.yaml", values(E2e.model()), "threads: 1", "threads: 1\nworkers: 2");
    E2e.Cli resumed = E2e.run(faster, dir);
    assertThat(resumed.out()).contains("resumed: " + 2 * SAMPLES + " (sample, cell) result(s) were already complete, 0 computed now");
  }

  @Test
  void aFolderWithResultsButNoFingerprintIsRefusedAndForceNewKeepsForeignFiles() throws IOException {
    Path yaml = yaml("experiment.yaml", values(E2e.model()), "", "");
    Path dir = tmp.resolve("run");
    E2e.run(yaml, dir);
    Files.deleteIfExists(dir.resolve("fingerprint.json"));
    E2e.Cli refused = E2e.cli("run", yaml, "--output", dir);
    assertThat(refused.code()).as("%s", refused).isEqualTo(2);
    assertThat(refused.err()).contains("holds results but no fingerprint.json", "--force-new");

    Files.writeString(dir.resolve("notes.txt"), "mine");
    E2e.Cli kept = E2e.cli("run", yaml, "--output", dir, "--force-new");
    assertThat(kept.code()).as("%s", kept).isNotZero();
    assertThat(kept.err()).contains("notes.txt", "igkit did not write");
    assertThat(dir.resolve("notes.txt")).exists();
    assertThat(tmp.resolve("run.superseded-1")).doesNotExist();
  }

  @Test
  void aTornTailIsReported() throws IOException {
    Path yaml = yaml("experiment.yaml", values(E2e.model()), "", "");
    Path dir = tmp.resolve("run");
    E2e.run(yaml, dir);
    Files.write(dir.resolve("results.csv"), "shapes-x,IG,IG,completeness-gap,0.1".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    E2e.Cli resumed = E2e.run(yaml, dir);
    assertThat(resumed.out()).contains(
        "repaired: dropped 35 bytes (1 line, cut short) of an unfinished group from results.csv");
  }

  /**
   * A middle line of a finished results.csv duplicated, as long as the last line, and the last
   * line gone — the state an earlier resume left after "repairing" the duplicate by cutting the
   * file to the journal's length: the journal still marks the last unit done. The resume removes
   * the duplicate, computes the last unit again, and ends byte-identical to an uninterrupted run.
   */
  @Test
  void aDuplicatedMiddleLineIsRemovedAndTheUnitWhoseRowIsMissingIsComputedAgain() throws IOException {
    Path yaml = yaml("experiment.yaml", values(E2e.model()), "", "");
    Path whole = tmp.resolve("whole");
    E2e.run(yaml, whole);
    Path dir = tmp.resolve("run");
    E2e.run(yaml, dir);

    Path results = dir.resolve("results.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(results, StandardCharsets.UTF_8));
    String last = lines.get(lines.size() - 1);
    String lastUnit = last.substring(0, last.indexOf(',', last.indexOf(',') + 1));
    int middle = -1;
    for (int i = 1; i < lines.size() / 2; i++) {
      if (lines.get(i).length() == last.length()) {
        middle = i;
      }
    }
    assertThat(middle).as("a line in the first half as long as the last: %s", lines).isPositive();
    lines.add(middle, lines.get(middle));
    lines.remove(lines.size() - 1);
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    assertThat(Files.size(results)).isEqualTo(Files.size(whole.resolve("results.csv")));

    E2e.Cli resumed = E2e.run(yaml, dir);
    assertThat(resumed.out())
        .contains("repaired: removed 1 duplicated line of (sample ")
        .contains("repaired: (sample " + lastUnit.replace(",", ", cell ") + ") is marked done in done.csv but its rows are incomplete")
        .contains("computed again")
        .contains("1 computed now");
    for (String f : List.of("results.csv", "curves.csv", "done.csv", "summary.csv")) {
      assertThat(Files.readAllBytes(dir.resolve(f))).as("%s equals the uninterrupted run's", f)
          .isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
    assertThat(dir.resolve("results.csv.before-repair-1")).exists();
  }
}
