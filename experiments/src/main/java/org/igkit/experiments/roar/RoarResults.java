package org.igkit.experiments.roar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.Csv;

/**
 * A ROAR result folder: {@code roar.json} (the settings the rows depend on), {@code roar.csv} (one
 * row per finished (method, ratio), appended and forced to disk when its model is trained), and
 * from the rows {@code roar-area.csv} (the area under each method's curve) and {@code roar.md}.
 *
 * <p>Opening a folder resumes it: a last row cut short by a crash is dropped, the rows before it
 * count as done; a folder whose {@code roar.json} holds other settings is refused, naming the
 * settings that differ.
 */
public final class RoarResults {

  /** The settings file. */
  public static final String SETTINGS_FILE = "roar.json";
  /** The rows. */
  public static final String ROWS_FILE = "roar.csv";
  /** The areas. */
  public static final String AREA_FILE = "roar-area.csv";
  /** The summary. */
  public static final String SUMMARY_FILE = "roar.md";

  static final String HEADER = "method,ratio,removed_pixels,accuracy,best_epoch,epoch_accuracies\n";

  /**
   * One finished (method, ratio).
   *
   * @param method        the method's cell id, or {@code random}
   * @param ratio         the share of pixels removed
   * @param removedPixels pixels removed per image
   * @param accuracy      best test accuracy over the epochs
   * @param bestEpoch     the first epoch (from 1) that reached it
   * @param epochAccuracy the test accuracy after each epoch
   */
  public record Row(String method, double ratio, int removedPixels, double accuracy, int bestEpoch,
      List<Double> epochAccuracy) {

    /** Copies the accuracies. */
    public Row {
      Objects.requireNonNull(method, "method");
      epochAccuracy = List.copyOf(epochAccuracy);
    }
  }

  private final Path dir;
  private final List<Row> rows;

  private RoarResults(Path dir, List<Row> rows) {
    this.dir = dir;
    this.rows = rows;
  }

  /**
   * Opens (creating it if needed) the folder {@code dir} for a study with {@code settings}: writes
   * them when the folder has none, refuses other settings, reads the finished rows.
   *
   * @throws IllegalArgumentException when the folder holds a study with other settings, or
   *                                  {@code roar.csv} cannot be read as ROAR rows
   */
  public static RoarResults open(Path dir, Map<String, String> settings) throws IOException {
    Files.createDirectories(dir);
    Path settingsFile = dir.resolve(SETTINGS_FILE);
    String json = settingsJson(settings);
    if (Files.exists(settingsFile)) {
      Map<String, String> old = parseSettings(Files.readString(settingsFile));
      List<String> differ = new ArrayList<>();
      for (String key : union(old, settings)) {
        if (!Objects.equals(old.get(key), settings.get(key))) {
          differ.add(key + " (was " + old.get(key) + ", now " + settings.get(key) + ")");
        }
      }
      if (!differ.isEmpty()) {
        throw new IllegalArgumentException(dir + " holds a ROAR study with other settings: " + String.join("; ", differ)
            + "; use another output folder or remove this one");
      }
    } else {
      AtomicFiles.write(settingsFile, json.getBytes(StandardCharsets.UTF_8));
    }
    Path rowsFile = dir.resolve(ROWS_FILE);
    List<Row> rows = new ArrayList<>();
    if (Files.exists(rowsFile)) {
      byte[] bytes = Files.readAllBytes(rowsFile);
      int complete = Csv.completeLength(bytes, bytes.length);
      if (complete < bytes.length) {
        // a row cut short by a crash: drop it, its model is trained again
        try (FileChannel ch = FileChannel.open(rowsFile, StandardOpenOption.WRITE)) {
          ch.truncate(complete);
          ch.force(true);
        }
      }
      String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
      List<Csv.Record> records = Csv.parse(rowsFile.toString(), text);
      for (int i = 1; i < records.size(); i++) {
        rows.add(parseRow(rowsFile, records.get(i)));
      }
      if (records.isEmpty()) {
        Files.writeString(rowsFile, HEADER);
      }
    } else {
      Files.writeString(rowsFile, HEADER);
    }
    return new RoarResults(dir, rows);
  }

  /** Returns the folder. */
  public Path dir() {
    return dir;
  }

  /** Returns the rows finished so far, in the order they were finished. */
  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Returns whether {@code method} at {@code ratio} is finished. */
  public synchronized boolean done(String method, double ratio) {
    return rows.stream().anyMatch(r -> r.method().equals(method) && r.ratio() == ratio);
  }

  /** Appends {@code row} to {@code roar.csv} and forces it to disk. */
  public synchronized void append(Row row) throws IOException {
    StringBuilder line = new StringBuilder();
    List<String> epochs = row.epochAccuracy().stream().map(RoarResults::number).toList();
    Csv.record(line).text(row.method()).number(number(row.ratio())).number(Integer.toString(row.removedPixels()))
        .number(number(row.accuracy())).number(Integer.toString(row.bestEpoch())).number(String.join(";", epochs)).end();
    try (FileChannel ch = FileChannel.open(dir.resolve(ROWS_FILE), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      AtomicFiles.writeFully(ch, ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    rows.add(row);
  }

  /**
   * Writes {@code roar-area.csv} and {@code roar.md} for {@code methods} (in that order) over
   * {@code ratios}; a method missing a ratio gets no area.
   *
   * @param notes lines the summary prints under its title (base accuracy, settings)
   * @return method → area, for the methods with every ratio
   */
  public synchronized Map<String, Double> writeSummary(List<String> methods, List<Double> ratios, List<String> notes)
      throws IOException {
    Map<String, Double> areas = new LinkedHashMap<>();
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    for (String m : methods) {
      List<Double> curve = new ArrayList<>();
      for (double r : ratios) {
        rows.stream().filter(x -> x.method().equals(m) && x.ratio() == r).findFirst().ifPresent(x -> curve.add(x.accuracy()));
      }
      curves.put(m, curve);
      if (curve.size() == ratios.size()) {
        areas.put(m, RoarCurves.area(ratios, curve));
      }
    }
    StringBuilder csv = new StringBuilder("method,area,ratios\n");
    String ratioList = String.join(";", ratios.stream().map(RoarResults::number).toList());
    areas.forEach((m, a) -> Csv.record(csv).text(m).number(number(a)).number(ratioList).end());
    AtomicFiles.write(dir.resolve(AREA_FILE), csv.toString().getBytes(StandardCharsets.UTF_8));

    StringBuilder md = new StringBuilder("# ROAR (remove and retrain)\n\n");
    notes.forEach(n -> md.append(n).append("  \n"));
    md.append("\nTest accuracy (best over epochs) of a model retrained after the top-r fraction of pixels was removed; "
        + "area = trapezoid over r, lower is better (the method found more informative pixels).\n\n| method |");
    ratios.forEach(r -> md.append(" r=").append(number(r)).append(" |"));
    md.append(" area |\n|---|");
    ratios.forEach(r -> md.append("---:|"));
    md.append("---:|\n");
    List<String> order = new ArrayList<>(methods);
    order.sort((a, b) -> Double.compare(areas.getOrDefault(a, Double.POSITIVE_INFINITY), areas.getOrDefault(b, Double.POSITIVE_INFINITY)));
    for (String m : order) {
      md.append("| ").append(m.replace("|", "\\|")).append(" |");
      for (double r : ratios) {
        md.append(rows.stream().filter(x -> x.method().equals(m) && x.ratio() == r).findFirst()
            .map(x -> String.format(Locale.ROOT, " %.4f |", x.accuracy())).orElse(" – |"));
      }
      md.append(areas.containsKey(m) ? String.format(Locale.ROOT, " %.4f |", areas.get(m)) : " – |").append('\n');
    }
    AtomicFiles.write(dir.resolve(SUMMARY_FILE), md.toString().getBytes(StandardCharsets.UTF_8));
    return areas;
  }

  private static Row parseRow(Path file, Csv.Record r) {
    String where = file + ":" + r.line();
    if (r.size() != 6) {
      throw new IllegalArgumentException(where + ": a ROAR row has 6 fields (" + HEADER.strip() + "), this one " + r.size());
    }
    try {
      List<Double> epochs = new ArrayList<>();
      for (String e : r.get(5).split(";")) {
        epochs.add(Double.parseDouble(e));
      }
      return new Row(r.text(0), Double.parseDouble(r.get(1)), Integer.parseInt(r.get(2)), Double.parseDouble(r.get(3)),
          Integer.parseInt(r.get(4)), epochs);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": not a ROAR row: " + e.getMessage(), e);
    }
  }

  /** A number as its shortest round-trip decimal text. */
  static String number(double v) {
    return Double.toString(v);
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  /** The settings as a flat JSON object of strings, one per line, in order. */
  static String settingsJson(Map<String, String> settings) {
    StringBuilder s = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      s.append("  ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()))
          .append(++i < settings.size() ? ",\n" : "\n");
    }
    return s.append("}\n").toString();
  }

  private static String quote(String v) {
    return new com.fasterxml.jackson.databind.node.TextNode(v).toString();
  }

  private static Map<String, String> parseSettings(String json) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fields()
        .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
