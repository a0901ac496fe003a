package org.igkit.runner.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Checks that the groups the journal {@code done.csv} calls complete are in {@code results.csv}
 * and {@code curves.csv} where it says, and rebuilds the three files from their content when they
 * are not (a file edited by hand, a line duplicated, rows lost).
 *
 * <p>A journalled group is <em>complete</em> when its distinct rows, and its curve points, are as
 * many bytes as the journal recorded for it; an exact copy of one of its rows is a duplicate and
 * is removed. A rebuild keeps every complete group, in journal order and byte for byte, leaves
 * out of the journal each group whose rows are incomplete (so the run computes it again), drops
 * lines of groups that are not in the journal (never committed), and keeps the files as they were
 * found beside the new ones ({@code results.csv.before-repair-N}, …), so no row is ever lost.
 */
final class GroupRepair {

  /** Suffix of the copies of the files as a rebuild found them. */
  static final String BACKUP_SUFFIX = ".before-repair-";

  /** What a rebuild left: the complete groups, in order, and the new ends of the data files. */
  record Rebuilt(List<ResultStore.Key> completed, long resultsEnd, long curvesEnd) {}

  private GroupRepair() {}

  /**
   * Returns whether {@code entries} (the journal's first entries) match {@code file}: each entry's
   * bytes, from the previous entry's end to its own, are whole records of its (sample, cell)
   * (in results, none twice), and no complete record past the last entry belongs to a group the
   * journal names ({@code journalled}).
   */
  static boolean matches(DataRecords file, List<Journal.Entry> entries,
      ToLongFunction<Journal.Entry> end, boolean distinctRecords, Set<ResultStore.Key> journalled) {
    int r = 0;
    long pos = file.headerLength;
    for (Journal.Entry e : entries) {
      long stop = end.applyAsLong(e);
      Set<String> seen = new HashSet<>();
      while (r < file.size() && file.ends[r] <= stop) {
        if (!file.keys[r].equals(e.key())) {
          return false;
        }
        if (distinctRecords && !seen.add(new String(file.record(r), StandardCharsets.UTF_8))) {
          return false;
        }
        pos = file.ends[r];
        r++;
      }
      if (pos != stop) {
        return false;
      }
    }
    for (; r < file.size(); r++) {
      if (journalled.contains(file.keys[r])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rebuilds the folder's three files from the content of {@code results} and {@code curves} and
   * the entries of {@code journal}, noting each repair in {@code repairs}.
   */
  static Rebuilt rebuild(Path dir, Journal journal, DataRecords results, DataRecords curves,
      List<String> repairs) throws IOException {
    Map<ResultStore.Key, List<Integer>> rowsOf = byKey(results);
    Map<ResultStore.Key, List<Integer>> pointsOf = byKey(curves);
    ByteArrayOutputStream newResults = new ByteArrayOutputStream();
    ByteArrayOutputStream newCurves = new ByteArrayOutputStream();
    StringBuilder newJournal = new StringBuilder(ResultsCsv.JOURNAL_HEADER);
    newResults.writeBytes(ResultsCsv.RESULTS_HEADER.getBytes(StandardCharsets.US_ASCII));
    newCurves.writeBytes(ResultsCsv.CURVES_HEADER.getBytes(StandardCharsets.US_ASCII));
    long prevResults = ResultsCsv.RESULTS_HEADER.length();
    long prevCurves = ResultsCsv.CURVES_HEADER.length();
    List<ResultStore.Key> kept = new ArrayList<>();
    for (Journal.Entry e : journal.entries) {
      long wantRows = e.resultsBytes() - prevResults;
      long wantPoints = e.curvesBytes() - prevCurves;
      prevResults = e.resultsBytes();
      prevCurves = e.curvesBytes();
      List<byte[]> rows = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      int duplicates = 0;
      long rowBytes = 0;
      for (int r : rowsOf.getOrDefault(e.key(), List.of())) {
        byte[] record = results.record(r);
        if (seen.add(new String(record, StandardCharsets.UTF_8))) {
          rows.add(record);
          rowBytes += record.length;
        } else {
          duplicates++;
        }
      }
      long pointBytes = 0;
      for (int p : pointsOf.getOrDefault(e.key(), List.of())) {
        pointBytes += curves.ends[p] - curves.start(p);
      }
      if (rowBytes == 0 || rowBytes != wantRows || pointBytes != wantPoints) {
        repairs.add(e.key() + " is marked done in " + ResultsCsv.JOURNAL_FILE + " but its rows are"
            + " incomplete (" + rowBytes + " of " + wantRows + " bytes in " + ResultsCsv.RESULTS_FILE
            + ", " + pointBytes + " of " + wantPoints + " bytes in " + ResultsCsv.CURVES_FILE
            + "); it will be computed again");
        continue;
      }
      if (duplicates > 0) {
        repairs.add("removed " + duplicates + " duplicated line" + (duplicates == 1 ? "" : "s")
            + " of " + e.key() + " from " + ResultsCsv.RESULTS_FILE);
      }
      rows.forEach(newResults::writeBytes);
      for (int p : pointsOf.getOrDefault(e.key(), List.of())) {
        newCurves.writeBytes(curves.record(p));
      }
      kept.add(e.key());
      newJournal.append(Csv.line(e.key().sample(), e.key().cell(),
          Long.toString(newResults.size()), Long.toString(newCurves.size())));
    }
    Set<ResultStore.Key> journalled = new HashSet<>();
    journal.entries.forEach(e -> journalled.add(e.key()));
    noteUncommitted(results, rowsOf, journalled, repairs);
    noteUncommitted(curves, pointsOf, journalled, repairs);
    if (!journal.tornTail.isEmpty()) {
      repairs.add("dropped " + journal.tornTail + " from " + ResultsCsv.JOURNAL_FILE);
    }
    List<Path> files = List.of(results.file, curves.file, dir.resolve(ResultsCsv.JOURNAL_FILE));
    List<Path> backups = backUp(files);
    AtomicFiles.write(results.file, newResults.toByteArray());
    AtomicFiles.write(curves.file, newCurves.toByteArray());
    AtomicFiles.write(dir.resolve(ResultsCsv.JOURNAL_FILE),
        newJournal.toString().getBytes(StandardCharsets.UTF_8));
    repairs.add("rewrote " + ResultsCsv.RESULTS_FILE + ", " + ResultsCsv.CURVES_FILE + " and "
        + ResultsCsv.JOURNAL_FILE + " with their " + kept.size() + " complete group(s); the files as"
        + " they were are kept as " + String.join(", ", backups.stream()
            .map(p -> p.getFileName().toString()).toList()));
    return new Rebuilt(List.copyOf(kept), newResults.size(), newCurves.size());
  }

  private static Map<ResultStore.Key, List<Integer>> byKey(DataRecords file) {
    Map<ResultStore.Key, List<Integer>> by = new LinkedHashMap<>();
    for (int r = 0; r < file.size(); r++) {
      by.computeIfAbsent(file.keys[r], k -> new ArrayList<>()).add(r);
    }
    return by;
  }

  /** Notes the lines of groups not in the journal, and a torn last line, which are left out. */
  private static void noteUncommitted(DataRecords file, Map<ResultStore.Key, List<Integer>> by,
      Set<ResultStore.Key> journalled, List<String> repairs) {
    int lines = 0;
    long bytes = 0;
    for (Map.Entry<ResultStore.Key, List<Integer>> g : by.entrySet()) {
      if (!journalled.contains(g.getKey())) {
        for (int r : g.getValue()) {
          lines++;
          bytes += file.ends[r] - file.start(r);
        }
      }
    }
    if (lines > 0) {
      repairs.add("dropped " + lines + " line" + (lines == 1 ? "" : "s") + " (" + bytes
          + " bytes) of groups not in " + ResultsCsv.JOURNAL_FILE + " from " + file.file.getFileName());
    }
    int torn = file.bytes.length - file.completeEnd();
    if (torn > 0) {
      repairs.add("dropped " + torn + " bytes of a line cut short from " + file.file.getFileName());
    }
  }

  /** Copies each existing file to {@code <name>.before-repair-N}, N the first number free for all. */
  private static List<Path> backUp(List<Path> files) throws IOException {
    for (int n = 1; ; n++) {
      boolean free = true;
      for (Path f : files) {
        free &= !Files.exists(f.resolveSibling(f.getFileName() + BACKUP_SUFFIX + n));
      }
      if (free) {
        List<Path> copies = new ArrayList<>();
        for (Path f : files) {
          if (Files.exists(f)) {
            Path copy = f.resolveSibling(f.getFileName() + BACKUP_SUFFIX + n);
            AtomicFiles.write(copy, Files.readAllBytes(f));
            copies.add(copy);
          }
        }
        AtomicFiles.forceDirectory(files.get(0).toAbsolutePath().getParent());
        return copies;
      }
    }
  }
}
