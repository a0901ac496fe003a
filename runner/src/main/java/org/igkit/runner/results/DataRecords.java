package org.igkit.runner.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The complete records of one data file of a results folder ({@code results.csv} or
 * {@code curves.csv}) past its header: where each starts and ends and the (sample, cell) it
 * belongs to. Bytes after the last complete record (a record cut short by a crash) are the torn
 * tail.
 */
final class DataRecords {

  final Path file;
  final byte[] bytes;
  final int headerLength;
  /** Index just after each record's line feed. */
  final int[] ends;
  final ResultStore.Key[] keys;

  private DataRecords(Path file, byte[] bytes, int headerLength, int[] ends, ResultStore.Key[] keys) {
    this.file = file;
    this.bytes = bytes;
    this.headerLength = headerLength;
    this.ends = ends;
    this.keys = keys;
  }

  /**
   * Reads the records of {@code file} after its header of {@code headerLength} bytes (already
   * checked); an absent file has none.
   *
   * @throws IOException naming the file and line of a record that is not CSV
   */
  static DataRecords read(Path file, int headerLength) throws IOException {
    byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    int start = Math.min(headerLength, bytes.length);
    byte[] body = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    int[] bodyEnds = Csv.recordEnds(body, body.length);
    int[] ends = new int[bodyEnds.length];
    ResultStore.Key[] keys = new ResultStore.Key[bodyEnds.length];
    int from = 0;
    for (int r = 0; r < bodyEnds.length; r++) {
      String text = new String(body, from, bodyEnds[r] - from, StandardCharsets.UTF_8);
      List<Csv.Record> parsed;
      try {
        parsed = Csv.parse(file.toString(), text);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": record " + (r + 2) + " is not CSV: " + e.getMessage(), e);
      }
      if (parsed.size() != 1 || parsed.get(0).size() < 2) {
        throw new IOException(file + ": record " + (r + 2)
            + " does not start with a sample and a cell: '" + text.strip() + "'");
      }
      keys[r] = new ResultStore.Key(parsed.get(0).text(0), parsed.get(0).text(1));
      ends[r] = start + bodyEnds[r];
      from = bodyEnds[r];
    }
    return new DataRecords(file, bytes, headerLength, ends, keys);
  }

  /** Returns the number of complete records. */
  int size() {
    return ends.length;
  }

  /** Returns where record {@code r} starts. */
  int start(int r) {
    return r == 0 ? headerLength : ends[r - 1];
  }

  /** Returns the bytes of record {@code r}, line feed included. */
  byte[] record(int r) {
    return java.util.Arrays.copyOfRange(bytes, start(r), ends[r]);
  }

  /** Returns where the complete records end. */
  int completeEnd() {
    return ends.length == 0 ? headerLength : ends[ends.length - 1];
  }
}
