package org.igkit.runner.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Deterministic result groups for the store's tests, and the files they produce. */
final class Groups {

  static final String CELL = "WG[stepRule.steps=16]";

  private Groups() {}

  /** Returns the sample id of group {@code i}; some ids need CSV quoting. */
  static String sample(int i) {
    return switch (i % 4) {
      case 1 -> "img,\"" + i + "\"";
      case 2 -> "multi\nline " + i;
      default -> "img-" + i;
    };
  }

  /** Returns the key of group {@code i}. */
  static ResultStore.Key key(int i) {
    return new ResultStore.Key(sample(i), CELL);
  }

  /** Returns group {@code i}: a metric with a curve of {@code points} points and two without. */
  static List<ResultRow> group(int i, int points) {
    String s = sample(i);
    double[] x = new double[points];
    double[] y = new double[points];
    for (int p = 0; p < points; p++) {
      x[p] = p / (double) Math.max(1, points - 1);
      y[p] = Math.exp(-x[p] * (1 + i % 7)) / 3;
    }
    List<ResultRow> rows = new ArrayList<>();
    rows.add(new ResultRow(s, CELL, "WG", "deletion-auc", 0.1 * i + 1.0 / 3, x, y));
    rows.add(new ResultRow(s, CELL, "WG", "insertion-auc", 1 - 0.01 * i));
    rows.add(new ResultRow(s, CELL, "WG", "diag.completeness-gap", 1e-7 * i));
    return rows;
  }

  /**
   * Returns a large group {@code i} of zeros, which cost nothing to format, so that writing and
   * forcing dominate its time: a kill then often lands in the middle of the writes.
   */
  static List<ResultRow> bigGroup(int i, int points) {
    String s = sample(i);
    double[] zeros = new double[points];
    List<ResultRow> rows = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      rows.add(new ResultRow(s, CELL, "WG", "curve-" + m, 0.0, zeros, zeros));
    }
    return rows;
  }

  static List<ResultRow> group(int i) {
    return group(i, 3);
  }

  /** Writes groups {@code [0, n)} to a fresh store in {@code dir}. */
  static void write(Path dir, int n, int points) throws IOException {
    try (ResultStore store = ResultStore.open(dir)) {
      for (int i = 0; i < n; i++) {
        store.append(group(i, points));
      }
    }
  }

  /** The three files of a results folder, as bytes. */
  record Files3(byte[] results, byte[] curves, byte[] journal) {

    static Files3 of(Path dir) throws IOException {
      return new Files3(Files.readAllBytes(dir.resolve(ResultsCsv.RESULTS_FILE)),
          Files.readAllBytes(dir.resolve(ResultsCsv.CURVES_FILE)),
          Files.readAllBytes(dir.resolve(ResultsCsv.JOURNAL_FILE)));
    }
  }
}
