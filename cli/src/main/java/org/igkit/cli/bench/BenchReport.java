package org.igkit.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code igkit bench} measured: a header, one row per measure with its goal and verdict, and
 * notes (settings, and the reason behind every goal not met). {@link #table()} renders it as the
 * Markdown the command prints and the README shows.
 *
 * @param header lines printed above the table
 * @param rows   the measures, in order
 * @param notes  lines printed below the table
 */
public record BenchReport(List<String> header, List<Row> rows, List<String> notes) {

  /** Whether a measure meets its goal. */
  public enum Verdict {
    /** The goal is met. */
    MET("yes"),
    /** The goal is not met; a note says why. */
    NOT_MET("**no**"),
    /** No goal: a figure to read. */
    INFO("–");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    /** Returns the table cell. */
    public String text() {
      return text;
    }

    /** Returns {@link #MET} when {@code ok}, else {@link #NOT_MET}. */
    public static Verdict of(boolean ok) {
      return ok ? MET : NOT_MET;
    }
  }

  /**
   * One measure.
   *
   * @param measure  what was measured and how
   * @param measured the figure (ratio first, absolute numbers after it)
   * @param goal     the goal, or "–"
   * @param verdict  whether the figure meets the goal
   */
  public record Row(String measure, String measured, String goal, Verdict verdict) {}

  /** Copies the lists. */
  public BenchReport {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** Returns the rows whose goal is not met. */
  public List<Row> unmet() {
    return rows.stream().filter(r -> r.verdict() == Verdict.NOT_MET).toList();
  }

  /** Renders the header, the Markdown table and the notes. */
  public String table() {
    StringBuilder b = new StringBuilder();
    for (String h : header) {
      b.append(h).append('\n');
    }
    if (!header.isEmpty()) {
      b.append('\n');
    }
    b.append("| measure | measured | goal | met |\n");
    b.append("|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ").append(cell(r.measure())).append(" | ").append(cell(r.measured())).append(" | ")
          .append(cell(r.goal())).append(" | ").append(r.verdict().text()).append(" |\n");
    }
    if (!notes.isEmpty()) {
      b.append('\n');
      for (String n : notes) {
        b.append(n).append('\n');
      }
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** Collects a report. */
  static final class Builder {
    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Builder header(String line) {
      header.add(line);
      return this;
    }

    Builder row(String measure, String measured, String goal, Verdict verdict) {
      rows.add(new Row(measure, measured, goal, verdict));
      return this;
    }

    Builder note(String line) {
      notes.add(line);
      return this;
    }

    /** Appends {@code part}'s rows and notes (a measure's, which has no header). */
    Builder add(BenchReport part) {
      header.addAll(part.header());
      rows.addAll(part.rows());
      notes.addAll(part.notes());
      return this;
    }

    BenchReport build() {
      return new BenchReport(header, rows, notes);
    }
  }
}
