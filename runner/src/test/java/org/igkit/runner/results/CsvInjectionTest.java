package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample ids and cell names that a spreadsheet would evaluate are written neutralised to every
 * file of the store, negative numbers stay numbers, and a resume reads the ids back exactly.
 */
class CsvInjectionTest {

  private static final String[] SAMPLES = {
      "=cmd|' -C calc'!A0.png", "+SUM(1).png", "-neg.png", "@x.png", "\tt.png", "'=q.png"};
  private static final String CELL = "=HYPERLINK(\"http://x\")";

  private static List<ResultRow> group(int i) {
    double[] x = {0, 0.5, 1};
    double[] y = {-0.25, -1e-9, 0.5};
    return List.of(new ResultRow(SAMPLES[i], CELL, "-m", "@metric", -0.25 * (i + 1), x, y),
        new ResultRow(SAMPLES[i], CELL, "-m", "+other", 1.5));
  }

  @Test
  void formulaLikeIdsAreNeutralisedInResultsCurvesAndJournal(@TempDir Path dir) throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      for (int i = 0; i < SAMPLES.length; i++) {
        store.append(group(i));
      }
    }
    // the text columns of each file: results 0-3, curves 0-2, journal 0-1
    for (var file : java.util.Map.of(ResultsCsv.RESULTS_FILE, 4, ResultsCsv.CURVES_FILE, 3,
        ResultsCsv.JOURNAL_FILE, 2).entrySet()) {
      String text = Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8);
      for (Csv.Record r : Csv.parse(file.getKey(), text)) {
        for (int i = 0; i < file.getValue(); i++) {
          assertThat(r.get(i)).as(file.getKey() + ":" + r.line())
              .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
              .doesNotStartWith("@").doesNotStartWith("\t");
        }
      }
    }
    String results = Files.readString(dir.resolve(ResultsCsv.RESULTS_FILE), StandardCharsets.UTF_8);
    assertThat(results).contains("\"'=cmd|' -C calc'!A0.png\",\"'=HYPERLINK(\"\"http://x\"\")\","
        + "\"'-m\",\"'@metric\",-0.25\n");
    assertThat(Files.readString(dir.resolve(ResultsCsv.CURVES_FILE), StandardCharsets.UTF_8))
        .contains(",0.0,-0.25\n").contains(",0.5,-1e-09\n");
    List<ResultRow> back = ResultsCsv.read(dir);
    assertThat(back).extracting(ResultRow::sample).containsOnly(SAMPLES);
    assertThat(back.get(0).curveY()).containsExactly(-0.25, -1e-9, 0.5);
  }

  @Test
  void aResumeOfSuchARunIsByteIdenticalToAnUninterruptedOne(@TempDir Path whole,
      @TempDir Path resumed) throws IOException {
    try (ResultStore store = ResultStore.open(whole)) {
      for (int i = 0; i < SAMPLES.length; i++) {
        store.append(group(i));
      }
    }
    try (ResultStore store = ResultStore.open(resumed)) {
      for (int i = 0; i < 3; i++) {
        store.append(group(i));
      }
    }
    int computedAgain = 0;
    try (ResultStore store = ResultStore.open(resumed)) {
      assertThat(store.repairs()).as("nothing to repair in a clean folder").isEmpty();
      for (int i = 0; i < SAMPLES.length; i++) {
        if (!store.isComplete(new ResultStore.Key(SAMPLES[i], CELL))) {
          store.append(group(i));
          computedAgain++;
        }
      }
    }
    assertThat(computedAgain).as("the three committed groups are recognised by their ids").isEqualTo(3);
    try (var files = Files.list(resumed)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("before-repair"));
    }
    ResultStoreTest.assertSameFiles(resumed, whole);
  }
}
