package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Results are appended per (sample, cell) group and survive a crash at any byte (guarantee 5). */
class ResultStoreTest {

  @TempDir Path tmp;

  @Test
  void writesTheDocumentedFormat() throws IOException {
    Path dir = tmp.resolve("out");
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(List.of(
          new ResultRow("img,1", "EG", "EG", "deletion-auc", 0.125, new double[] {0, 1},
              new double[] {0.5, 0.25}),
          new ResultRow("img,1", "EG", "EG", "diag.target", 3)));
      store.append(List.of(new ResultRow("img 2", "WG[alpha=0.5]", "WG", "deletion-auc", 0.1)));
    }
    assertThat(Files.readString(dir.resolve("results.csv"))).isEqualTo("""
        sample,cell,method,metric,value
        "img,1",EG,EG,deletion-auc,0.125
        "img,1",EG,EG,diag.target,3.0
        img 2,WG[alpha=0.5],WG,deletion-auc,0.1
        """);
    assertThat(Files.readString(dir.resolve("curves.csv"))).isEqualTo("""
        sample,cell,metric,x,y
        "img,1",EG,deletion-auc,0.0,0.5
        "img,1",EG,deletion-auc,1.0,0.25
        """);
    assertThat(Files.readString(dir.resolve("done.csv"))).isEqualTo("""
        sample,cell,results_bytes,curves_bytes
        "img,1",EG,95,88
        img 2,WG[alpha=0.5],135,88
        """);
    assertThat("""
        sample,cell,method,metric,value
        "img,1",EG,EG,deletion-auc,0.125
        "img,1",EG,EG,diag.target,3.0
        """.getBytes(StandardCharsets.UTF_8)).hasSize(95);
  }

  @Test
  void rowsRoundTripWithCurvesAndAwkwardIds() throws IOException {
    Path dir = tmp.resolve("out");
    Groups.write(dir, 8, 5);
    List<ResultRow> expected = IntStream.range(0, 8)
        .mapToObj(i -> Groups.group(i, 5)).flatMap(List::stream).toList();
    assertThat(ResultsCsv.read(dir)).containsExactlyElementsOf(expected);
    assertThat(ResultsCsv.readResults(dir.resolve("results.csv")))
        .extracting(ResultRow::value)
        .containsExactlyElementsOf(expected.stream().map(ResultRow::value).toList());
  }

  @Test
  void appendingSeveralGroupsAtOnceGivesTheFilesOfAppendingThemOneByOne() throws IOException {
    Groups.write(tmp.resolve("one-by-one"), 7, 4);
    Path dir = tmp.resolve("at-once");
    try (ResultStore store = ResultStore.open(dir)) {
      store.appendAll(List.of(Groups.group(0, 4)));
      store.appendAll(IntStream.range(1, 5).mapToObj(i -> Groups.group(i, 4)).toList());
      store.appendAll(List.of());
      store.append(Groups.group(5, 4));
      store.appendAll(List.of(Groups.group(6, 4)));
      assertThat(store.completed()).containsExactlyElementsOf(IntStream.range(0, 7).mapToObj(Groups::key).toList());
    }
    Groups.Files3 expected = Groups.Files3.of(tmp.resolve("one-by-one"));
    Groups.Files3 batched = Groups.Files3.of(dir);
    assertThat(batched.results()).isEqualTo(expected.results());
    assertThat(batched.curves()).isEqualTo(expected.curves());
    assertThat(batched.journal()).isEqualTo(expected.journal());
    // and both are the documented format: the groups' lines in order, a journal line per group
    // holding the two files' lengths once the group is in them
    StringBuilder results = new StringBuilder(ResultsCsv.RESULTS_HEADER);
    StringBuilder curves = new StringBuilder(ResultsCsv.CURVES_HEADER);
    StringBuilder journal = new StringBuilder(ResultsCsv.JOURNAL_HEADER);
    for (int i = 0; i < 7; i++) {
      results.append(ResultsCsv.encodeRows(Groups.group(i, 4)));
      curves.append(ResultsCsv.encodeCurves(Groups.group(i, 4)));
      Csv.appendLine(journal, Groups.sample(i), Groups.CELL);
      journal.setLength(journal.length() - 1);
      journal.append(',').append(results.toString().getBytes(StandardCharsets.UTF_8).length)
          .append(',').append(curves.toString().getBytes(StandardCharsets.UTF_8).length).append('\n');
    }
    assertThat(new String(batched.results(), StandardCharsets.UTF_8)).isEqualTo(results.toString());
    assertThat(new String(batched.curves(), StandardCharsets.UTF_8)).isEqualTo(curves.toString());
    assertThat(new String(batched.journal(), StandardCharsets.UTF_8)).isEqualTo(journal.toString());
  }

  @Test
  void aBatchWithAGroupTwiceOrAlreadyCompleteWritesNothing() throws IOException {
    Path dir = tmp.resolve("out");
    try (ResultStore store = ResultStore.open(dir)) {
      store.append(Groups.group(0, 3));
      Groups.Files3 before = Groups.Files3.of(dir);
      assertThatThrownBy(() -> store.appendAll(List.of(Groups.group(1, 3), Groups.group(1, 3))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
      assertThatThrownBy(() -> store.appendAll(List.of(Groups.group(2, 3), Groups.group(0, 3))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in");
      assertThat(Groups.Files3.of(dir).results()).isEqualTo(before.results());
      assertThat(Groups.Files3.of(dir).journal()).isEqualTo(before.journal());
      store.appendAll(List.of(Groups.group(1, 3), Groups.group(2, 3)));
      assertThat(store.completed()).containsExactly(Groups.key(0), Groups.key(1), Groups.key(2));
    }
  }

  @Test
  void identicalInputsGiveByteIdenticalFiles() throws IOException {
    Groups.write(tmp.resolve("a"), 6, 4);
    Groups.write(tmp.resolve("b"), 6, 4);
    Groups.Files3 a = Groups.Files3.of(tmp.resolve("a"));
    Groups.Files3 b = Groups.Files3.of(tmp.resolve("b"));
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.curves()).isEqualTo(b.curves());
    assertThat(a.journal()).isEqualTo(b.journal());
  }

  @Test
  void reopeningResumesWhereItStopped() throws IOException {
    Path ref = tmp.resolve("ref");
    Groups.write(ref, 5, 3);
    Path dir = tmp.resolve("out");
    Groups.write(dir, 3, 3);
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).containsExactly(Groups.key(0), Groups.key(1), Groups.key(2));
      assertThat(store.repairs()).isEmpty();
      store.append(Groups.group(3));
      store.append(Groups.group(4));
    }
    assertSameFiles(dir, ref);
  }

  /** Ways a kill -9 or a power loss can leave the folder, past 3 complete groups. */
  enum Damage {
    HALF_A_GROUP_OF_ROWS,
    ROWS_AND_CURVES_BUT_NO_JOURNAL_LINE,
    GARBAGE_WITHOUT_LINE_FEED,
    JOURNAL_LINE_WITHOUT_LINE_FEED,
    JOURNAL_LINE_FOR_DATA_THE_DISK_LOST,
    CURVES_CUT_INSIDE_A_QUOTED_FIELD,
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aTornGroupIsDroppedAndRewrittenExactly(Damage damage) throws IOException {
    Path full = tmp.resolve("full");
    Groups.write(full, 5, 3);
    Path three = tmp.resolve("three");
    Groups.write(three, 3, 3);
    Path dir = tmp.resolve("out");
    Groups.write(dir, 3, 3);
    damage(dir, damage);

    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).containsExactly(Groups.key(0), Groups.key(1), Groups.key(2));
      assertThat(store.repairs()).isNotEmpty();
      assertSameFiles(dir, three);
      store.append(Groups.group(3));
      store.append(Groups.group(4));
    }
    assertSameFiles(dir, full);
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.repairs()).isEmpty();
      assertThat(store.completed()).hasSize(5);
    }
  }

  private static void damage(Path dir, Damage damage) throws IOException {
    List<ResultRow> g = Groups.group(3);
    byte[] rows = ResultsCsv.encodeRows(g).getBytes(StandardCharsets.UTF_8);
    byte[] curves = ResultsCsv.encodeCurves(g).getBytes(StandardCharsets.UTF_8);
    Path results = dir.resolve("results.csv");
    Path curvesFile = dir.resolve("curves.csv");
    Path journal = dir.resolve("done.csv");
    long resultsEnd = Files.size(results) + rows.length;
    long curvesEnd = Files.size(curvesFile) + curves.length;
    byte[] line = Csv.line(Groups.sample(3), Groups.CELL, Long.toString(resultsEnd),
        Long.toString(curvesEnd)).getBytes(StandardCharsets.UTF_8);
    switch (damage) {
      case HALF_A_GROUP_OF_ROWS -> append(results, Arrays.copyOf(rows, rows.length / 2));
      case ROWS_AND_CURVES_BUT_NO_JOURNAL_LINE -> {
        append(results, rows);
        append(curvesFile, curves);
      }
      case GARBAGE_WITHOUT_LINE_FEED -> {
        append(results, "img-9,EG,EG,deletion-auc,0.12".getBytes(StandardCharsets.UTF_8));
        append(journal, "img-9,E".getBytes(StandardCharsets.UTF_8));
      }
      case JOURNAL_LINE_WITHOUT_LINE_FEED -> {
        append(results, rows);
        append(curvesFile, curves);
        append(journal, Arrays.copyOf(line, line.length - 1));
      }
      case JOURNAL_LINE_FOR_DATA_THE_DISK_LOST -> {
        append(results, Arrays.copyOf(rows, 10));
        append(journal, line);
      }
      case CURVES_CUT_INSIDE_A_QUOTED_FIELD -> {
        append(results, rows);
        byte[] quoted = Csv.line("multi\nline", Groups.CELL, "m", "0.0", "1.0")
            .getBytes(StandardCharsets.UTF_8);
        append(curvesFile, Arrays.copyOf(quoted, 8));
      }
      default -> throw new AssertionError(damage);
    }
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }

  @Test
  void aCrashWhileCreatingTheFolderIsFinishedOnOpen() throws IOException {
    Path dir = tmp.resolve("out");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.csv"), "sample,ce");
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).isEmpty();
      assertThat(store.repairs()).containsExactly(
          "finished creating the folder's files, cut short by a crash");
      store.append(Groups.group(0));
    }
    Path ref = tmp.resolve("ref");
    Groups.write(ref, 1, 3);
    assertSameFiles(dir, ref);
  }

  @Test
  void resultsWithoutTheirJournalAreNotGuessedAt() throws IOException {
    Path dir = tmp.resolve("out");
    Groups.write(dir, 2, 3);
    Files.delete(dir.resolve("done.csv"));
    assertThatThrownBy(() -> ResultStore.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("results.csv: has content but done.csv")
        .hasMessageContaining("is missing or empty");
    // the failed open released the lock
    Files.delete(dir.resolve("results.csv"));
    assertThatThrownBy(() -> ResultStore.open(dir))
        .hasMessageContaining("curves.csv: has content but done.csv");
    Files.delete(dir.resolve("curves.csv"));
    ResultStore.open(dir).close();
  }

  @Test
  void aForeignFileIsNotOverwritten() throws IOException {
    Path dir = tmp.resolve("out");
    Groups.write(dir, 1, 3);
    Files.writeString(dir.resolve("curves.csv"), "a,b,c\n1,2,3\n");
    assertThatThrownBy(() -> ResultStore.open(dir))
        .hasMessageContaining("curves.csv:1: expected the header 'sample,cell,metric,x,y'");
  }

  @Test
  void aGroupIsWrittenOnceAndHoldsOneSampleAndCell() throws IOException {
    try (ResultStore store = ResultStore.open(tmp.resolve("out"))) {
      store.append(Groups.group(0));
      assertThatThrownBy(() -> store.append(Groups.group(0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(sample img-0, cell WG[stepRule.steps=16]) is already in");
      List<ResultRow> mixed = new ArrayList<>(Groups.group(1));
      mixed.addAll(Groups.group(2));
      assertThatThrownBy(() -> store.append(mixed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("holds the rows of one (sample, cell)");
      assertThatThrownBy(() -> store.append(List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.completed()).containsExactly(Groups.key(0));
    }
  }

  /**
   * Five groups of two rows each, every line of results.csv as long as every other: a line
   * duplicated in the middle then shifts the last journal offset onto a line end.
   */
  private static List<ResultRow> evenGroup(int i) {
    return List.of(new ResultRow("img-" + i, "EG", "EG", "m1", 0.25),
        new ResultRow("img-" + i, "EG", "EG", "m2", 0.75));
  }

  private static void writeEven(Path dir, int from, int to) throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      for (int i = from; i < to; i++) {
        store.append(evenGroup(i));
      }
    }
  }

  @Test
  void aDuplicatedMiddleLineAsLongAsTheLastIsRemovedAndNoJournalledRowIsLost() throws IOException {
    Path whole = tmp.resolve("whole");
    writeEven(whole, 0, 5);
    Path dir = tmp.resolve("out");
    writeEven(dir, 0, 5);
    Path results = dir.resolve("results.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(results, StandardCharsets.UTF_8));
    assertThat(lines.get(5)).hasSameSizeAs(lines.get(lines.size() - 1));
    lines.add(5, lines.get(5)); // a middle line of group img-2, twice
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).hasSize(5);
      assertThat(String.join("\n", store.repairs()))
          .contains("1 duplicated line", "img-2")
          .doesNotContain("img-4");
    }
    assertSameFiles(dir, whole);
    assertThat(dir.resolve("results.csv.before-repair-1")).exists();
  }

  @Test
  void aJournalledGroupWhoseRowsAreIncompleteIsComputedAgainAndTheJournalFollows() throws IOException {
    Path dir = tmp.resolve("out");
    writeEven(dir, 0, 5);
    Path results = dir.resolve("results.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(results, StandardCharsets.UTF_8));
    lines.remove(lines.size() - 1); // the last row of img-4, as a bad repair left it
    lines.add(5, lines.get(5));     // and a duplicated line of img-2
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).containsExactly(new ResultStore.Key("img-0", "EG"),
          new ResultStore.Key("img-1", "EG"), new ResultStore.Key("img-2", "EG"),
          new ResultStore.Key("img-3", "EG"));
      assertThat(String.join("\n", store.repairs()))
          .contains("(sample img-4, cell EG)", "computed again");
      store.append(evenGroup(4));
    }
    Path whole = tmp.resolve("whole");
    writeEven(whole, 0, 5);
    assertSameFiles(dir, whole);
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.repairs()).isEmpty();
    }
  }

  @Test
  void aMiddleGroupWithARowMissingIsComputedAgainAndEveryOtherGroupKept() throws IOException {
    Path dir = tmp.resolve("out");
    writeEven(dir, 0, 5);
    Path results = dir.resolve("results.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(results, StandardCharsets.UTF_8));
    lines.remove(4); // the first row of img-1
    Files.writeString(results, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).containsExactly(new ResultStore.Key("img-0", "EG"),
          new ResultStore.Key("img-2", "EG"), new ResultStore.Key("img-3", "EG"),
          new ResultStore.Key("img-4", "EG"));
      assertThat(String.join("\n", store.repairs())).contains("(sample img-1, cell EG)");
      store.append(evenGroup(1));
    }
    List<ResultRow> rows = ResultsCsv.read(dir);
    assertThat(rows).hasSize(10);
    assertThat(rows.stream().map(r -> r.sample() + "/" + r.metric()).distinct()).hasSize(10);
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.repairs()).isEmpty();
      assertThat(store.completed()).hasSize(5);
    }
  }

  @Test
  void aTornTailIsReportedWithItsBytesAndLines() throws IOException {
    Path dir = tmp.resolve("out");
    writeEven(dir, 0, 2);
    byte[] rows = ResultsCsv.encodeRows(evenGroup(2)).getBytes(StandardCharsets.UTF_8);
    append(dir.resolve("results.csv"), Arrays.copyOf(rows, rows.length - 3));
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.repairs()).containsExactly("dropped " + (rows.length - 3)
          + " bytes (2 lines, the last cut short) of an unfinished group from results.csv");
    }
  }

  @Test
  void readersSeeOnlyCommittedGroups() throws IOException {
    Path dir = tmp.resolve("out");
    Groups.write(dir, 2, 3);
    append(dir.resolve("results.csv"),
        ResultsCsv.encodeRows(Groups.group(2)).getBytes(StandardCharsets.UTF_8));
    assertThat(ResultsCsv.read(dir)).hasSize(6);
    assertThat(ResultsCsv.readResults(dir.resolve("results.csv"))).hasSize(6);
  }

  static void assertSameFiles(Path actual, Path expected) throws IOException {
    Groups.Files3 a = Groups.Files3.of(actual);
    Groups.Files3 e = Groups.Files3.of(expected);
    assertThat(new String(a.results(), StandardCharsets.UTF_8))
        .isEqualTo(new String(e.results(), StandardCharsets.UTF_8));
    assertThat(new String(a.curves(), StandardCharsets.UTF_8))
        .isEqualTo(new String(e.curves(), StandardCharsets.UTF_8));
    assertThat(new String(a.journal(), StandardCharsets.UTF_8))
        .isEqualTo(new String(e.journal(), StandardCharsets.UTF_8));
  }
}
