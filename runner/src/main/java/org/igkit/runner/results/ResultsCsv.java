package org.igkit.runner.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a results folder and their exact format. All are UTF-8 {@link Csv} with
 * {@code \n} line ends and a header line; numbers are written by {@link DoubleText} (shortest
 * round-trip decimal), so identical runs give byte-identical files. Nothing that varies between
 * identical runs (times, host, versions) is in them; that is in {@code provenance.json}. Text
 * cells that a spreadsheet would evaluate ({@code =cmd|...}) are neutralised with a leading
 * {@code '} and read back as written ({@link Csv}); number cells are never changed.
 *
 * <ul>
 *   <li>{@value #RESULTS_FILE}: {@code sample,cell,method,metric,value}, one line per
 *       {@link ResultRow}, e.g. {@code img-003,WG[stepRule.steps=16],WG,deletion-auc,0.1375}.
 *   <li>{@value #CURVES_FILE}: {@code sample,cell,metric,x,y}, one line per point of each row's
 *       curve, in curve order, right after the group's earlier curves; rows without a curve
 *       have no lines here.
 *   <li>{@value #JOURNAL_FILE}: {@code sample,cell,results_bytes,curves_bytes}, the commit
 *       journal: one line per complete (sample, cell) group with the lengths of the two files
 *       once the group was on disk (see {@link ResultStore}).
 * </ul>
 *
 * <p>Readers ({@link #read}, {@link #readResults}) see only committed groups: bytes past the
 * last journal entry are a group cut short by a crash, not results.
 */
public final class ResultsCsv {

  /** File name of the metric values. */
  public static final String RESULTS_FILE = "results.csv";
  /** File name of the metric curves. */
  public static final String CURVES_FILE = "curves.csv";
  /** File name of the commit journal. */
  public static final String JOURNAL_FILE = "done.csv";
  /** First line of {@value #RESULTS_FILE}. */
  public static final String RESULTS_HEADER = "sample,cell,method,metric,value\n";
  /** First line of {@value #CURVES_FILE}. */
  public static final String CURVES_HEADER = "sample,cell,metric,x,y\n";
  /** First line of {@value #JOURNAL_FILE}. */
  public static final String JOURNAL_HEADER = "sample,cell,results_bytes,curves_bytes\n";

  private ResultsCsv() {}

  /** Returns the {@value #RESULTS_FILE} lines of {@code rows}, in order. */
  public static String encodeRows(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 64);
    for (ResultRow r : rows) {
      Csv.record(out).text(r.sample()).text(r.cell()).text(r.method()).text(r.metric())
          .number(DoubleText.format(r.value())).end();
    }
    return out.toString();
  }

  /** Returns the {@value #CURVES_FILE} lines of the curves of {@code rows}, in order. */
  public static String encodeCurves(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder();
    for (ResultRow r : rows) {
      double[] x = r.curveX();
      double[] y = r.curveY();
      for (int i = 0; i < x.length; i++) {
        Csv.record(out).text(r.sample()).text(r.cell()).text(r.metric())
            .number(DoubleText.format(x[i])).number(DoubleText.format(y[i])).end();
      }
    }
    return out.toString();
  }

  /**
   * Reads the committed rows of a results folder, with their curves.
   *
   * @throws IOException when a file is missing or malformed, naming file and line
   */
  public static List<ResultRow> read(Path dir) throws IOException {
    Committed c = committed(dir.resolve(RESULTS_FILE));
    List<ResultRow> rows = parseRows(dir.resolve(RESULTS_FILE), c.resultsBytes);
    Path curvesFile = dir.resolve(CURVES_FILE);
    if (!Files.exists(curvesFile)) {
      return rows;
    }
    Map<List<String>, double[][]> curves = parseCurves(curvesFile, c.curvesBytes);
    List<ResultRow> out = new ArrayList<>(rows.size());
    for (ResultRow r : rows) {
      double[][] curve = curves.remove(List.of(r.sample(), r.cell(), r.metric()));
      out.add(curve == null ? r
          : new ResultRow(r.sample(), r.cell(), r.method(), r.metric(), r.value(), curve[0], curve[1]));
    }
    if (!curves.isEmpty()) {
      List<String> orphan = curves.keySet().iterator().next();
      throw new IOException(curvesFile + ": has a curve for sample " + orphan.get(0) + ", cell "
          + orphan.get(1) + ", metric " + orphan.get(2) + " but " + RESULTS_FILE
          + " has no such row");
    }
    return out;
  }

  /**
   * Reads the committed rows of one {@value #RESULTS_FILE}, without curves. The journal next to
   * it, when there is one, says where the committed part ends; without a journal every complete
   * line counts.
   *
   * @throws IOException when the file is missing or malformed, naming file and line
   */
  public static List<ResultRow> readResults(Path resultsCsv) throws IOException {
    return parseRows(resultsCsv, committed(resultsCsv).resultsBytes);
  }

  private record Committed(long resultsBytes, long curvesBytes) {}

  private static Committed committed(Path resultsCsv) throws IOException {
    if (!Files.exists(resultsCsv)) {
      throw new IOException(resultsCsv + ": no such file; is this an igkit output folder?");
    }
    Path dir = resultsCsv.toAbsolutePath().getParent();
    Path curvesCsv = dir.resolve(CURVES_FILE);
    long resultsSize = Files.size(resultsCsv);
    long curvesSize = Files.exists(curvesCsv) ? Files.size(curvesCsv) : 0;
    Journal journal = Journal.read(dir.resolve(JOURNAL_FILE));
    if (!journal.hasHeader) {
      return new Committed(-1, -1);
    }
    int k = journal.consistentPrefix(resultsSize, curvesSize);
    if (k == 0) {
      return new Committed(RESULTS_HEADER.length(), CURVES_HEADER.length());
    }
    Journal.Entry last = journal.entries.get(k - 1);
    return new Committed(last.resultsBytes(), last.curvesBytes());
  }

  /** Reads {@code limit} bytes of a file, or its complete records when {@code limit} is −1. */
  private static String readPrefix(Path file, long limit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = limit < 0 ? Csv.completeLength(bytes, bytes.length) : (int) Math.min(limit, bytes.length);
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static List<Csv.Record> records(Path file, long limit, String header) throws IOException {
    String text = readPrefix(file, limit);
    List<Csv.Record> records;
    try {
      records = Csv.parse(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    String expected = header.strip();
    if (records.isEmpty() || !String.join(",", records.get(0).fields()).equals(expected)) {
      throw new IOException(file + ":1: expected the header '" + expected + "'");
    }
    return records.subList(1, records.size());
  }

  private static List<ResultRow> parseRows(Path file, long limit) throws IOException {
    List<ResultRow> rows = new ArrayList<>();
    for (Csv.Record r : records(file, limit, RESULTS_HEADER)) {
      if (r.size() != 5) {
        throw new IOException(file + ":" + r.line() + ": expected 5 fields ("
            + RESULTS_HEADER.strip() + "), found " + r.size());
      }
      try {
        rows.add(new ResultRow(r.text(0), r.text(1), r.text(2), r.text(3), DoubleText.parse(r.get(4))));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + r.line() + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  private static Map<List<String>, double[][]> parseCurves(Path file, long limit)
      throws IOException {
    Map<List<String>, List<double[]>> points = new LinkedHashMap<>();
    for (Csv.Record r : records(file, limit, CURVES_HEADER)) {
      if (r.size() != 5) {
        throw new IOException(file + ":" + r.line() + ": expected 5 fields ("
            + CURVES_HEADER.strip() + "), found " + r.size());
      }
      try {
        points.computeIfAbsent(List.of(r.text(0), r.text(1), r.text(2)), k -> new ArrayList<>())
            .add(new double[] {DoubleText.parse(r.get(3)), DoubleText.parse(r.get(4))});
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + r.line() + ": " + e.getMessage(), e);
      }
    }
    Map<List<String>, double[][]> curves = new LinkedHashMap<>();
    points.forEach((key, list) -> {
      double[][] xy = new double[2][list.size()];
      for (int i = 0; i < list.size(); i++) {
        xy[0][i] = list.get(i)[0];
        xy[1][i] = list.get(i)[1];
      }
      curves.put(key, xy);
    });
    return curves;
  }
}
