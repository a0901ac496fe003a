package org.igkit.runner.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed content of {@code done.csv}, the commit journal of a results folder (see
 * {@link ResultStore} for the protocol). Each entry names a (sample, cell) group and the lengths
 * of {@code results.csv} and {@code curves.csv} right after the group was written and forced to
 * disk.
 */
final class Journal {

  /**
   * One committed group.
   *
   * @param key          the group's (sample, cell)
   * @param resultsBytes length of results.csv once the group was durable
   * @param curvesBytes  length of curves.csv once the group was durable
   * @param endOffset    length of done.csv just after this entry's line
   */
  record Entry(ResultStore.Key key, long resultsBytes, long curvesBytes, long endOffset) {}

  final List<Entry> entries;
  /** Whether done.csv had at least a complete header. */
  final boolean hasHeader;
  /** What was cut off the end of done.csv, for the repair log; empty when nothing. */
  final String tornTail;

  private Journal(List<Entry> entries, boolean hasHeader, String tornTail) {
    this.entries = entries;
    this.hasHeader = hasHeader;
    this.tornTail = tornTail;
  }

  /** Returns the journal of an absent or empty file: no header, no entries. */
  static Journal empty() {
    return new Journal(List.of(), false, "");
  }

  /**
   * Reads done.csv. A trailing line without its line feed, or a malformed last line, is a write
   * cut short by a crash and is left out (reported in {@link #tornTail}); a malformed line before
   * the last is damage igkit did not cause and fails.
   *
   * @throws IOException naming the file and line of a malformed entry
   */
  static Journal read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    byte[] header = ResultsCsv.JOURNAL_HEADER.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < header.length || !startsWith(bytes, header)) {
      if (isPrefixOf(bytes, header)) {
        return new Journal(List.of(), false, bytes.length == 0 ? "" : "a partial header");
      }
      throw new IOException(file + ": is not an igkit results journal: its first line should be '"
          + ResultsCsv.JOURNAL_HEADER.strip() + "'");
    }
    int[] ends = Csv.recordEnds(bytes, bytes.length);
    int complete = ends.length == 0 ? 0 : ends[ends.length - 1];
    String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
    List<Csv.Record> records;
    try {
      records = Csv.parse(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (records.size() != ends.length) {
      throw new IOException(file + ": cannot be read as CSV (" + ends.length + " line ends but "
          + records.size() + " records)");
    }
    List<Entry> entries = new ArrayList<>();
    Set<ResultStore.Key> seen = new HashSet<>();
    long lastResults = ResultsCsv.RESULTS_HEADER.length();
    long lastCurves = ResultsCsv.CURVES_HEADER.length();
    String torn = complete < bytes.length
        ? (bytes.length - complete) + " bytes of an unfinished entry" : "";
    for (int r = 1; r < records.size(); r++) {
      Csv.Record rec = records.get(r);
      boolean last = r == records.size() - 1;
      Entry entry;
      try {
        entry = parse(rec, ends[r], lastResults, lastCurves);
      } catch (IllegalArgumentException e) {
        if (last && torn.isEmpty()) {
          torn = "a malformed last entry (" + e.getMessage() + ")";
          break;
        }
        throw new IOException(file + ":" + rec.line() + ": " + e.getMessage(), e);
      }
      if (!seen.add(entry.key())) {
        throw new IOException(file + ":" + rec.line() + ": " + entry.key()
            + " is journalled twice; the folder was edited by hand or by two runs at once");
      }
      entries.add(entry);
      lastResults = entry.resultsBytes();
      lastCurves = entry.curvesBytes();
    }
    return new Journal(List.copyOf(entries), true, torn);
  }

  private static Entry parse(Csv.Record rec, long endOffset, long minResults, long minCurves) {
    if (rec.size() != 4) {
      throw new IllegalArgumentException("expected 4 fields (" + ResultsCsv.JOURNAL_HEADER.strip()
          + "), found " + rec.size());
    }
    long results = parseLength("results_bytes", rec.get(2), minResults);
    long curves = parseLength("curves_bytes", rec.get(3), minCurves);
    if (rec.get(0).isEmpty() || rec.get(1).isEmpty()) {
      throw new IllegalArgumentException("sample and cell must not be empty");
    }
    return new Entry(new ResultStore.Key(rec.text(0), rec.text(1)), results, curves, endOffset);
  }

  private static long parseLength(String field, String text, long min) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": not a whole number: '" + text + "'");
    }
    if (value < min) {
      throw new IllegalArgumentException(
          field + ": must be ≥ " + min + " (the previous entry's), was " + value);
    }
    return value;
  }

  /**
   * Returns how many leading entries are backed by data: their recorded lengths do not exceed
   * the actual file lengths. Entries beyond are groups whose data the file system lost.
   */
  int consistentPrefix(long resultsSize, long curvesSize) {
    int k = 0;
    while (k < entries.size()
        && entries.get(k).resultsBytes() <= resultsSize
        && entries.get(k).curvesBytes() <= curvesSize) {
      k++;
    }
    return k;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code bytes} is a (possibly empty) prefix of {@code whole}. */
  static boolean isPrefixOf(byte[] bytes, byte[] whole) {
    if (bytes.length > whole.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != whole[i]) {
        return false;
      }
    }
    return true;
  }
}
