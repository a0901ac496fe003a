package org.igkit.experiments.quickstart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.igkit.metrics.stats.SummaryStatistics;

/**
 * The method × metric table of a report: mean ± std over samples per cell, with the best mean of
 * each metric in bold (highest or lowest, as the metric says) — the shape of the WG paper's
 * Table 1.
 */
public final class SummaryTable {

  /**
   * A metric column.
   *
   * @param id             the metric id
   * @param higherIsBetter its direction
   */
  public record Column(String id, boolean higherIsBetter) {}

  private final List<String> methods;
  private final List<Column> columns;
  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

  /** Creates an empty table with rows {@code methods} and columns {@code columns}. */
  public SummaryTable(List<String> methods, List<Column> columns) {
    this.methods = List.copyOf(methods);
    this.columns = List.copyOf(columns);
    for (String m : methods) {
      Map<String, List<Double>> row = new LinkedHashMap<>();
      for (Column c : columns) {
        row.put(c.id(), new ArrayList<>());
      }
      values.put(m, row);
    }
  }

  /** Adds one sample's value to a cell. */
  public void add(String method, String metric, double value) {
    Map<String, List<Double>> row = values.get(method);
    if (row == null || !row.containsKey(metric)) {
      throw new IllegalArgumentException("no cell (" + method + ", " + metric + ") in the table");
    }
    row.get(metric).add(value);
  }

  /** Returns the statistics of one cell. */
  public SummaryStatistics cell(String method, String metric) {
    return SummaryStatistics.of(values.get(method).get(metric).stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Returns the table as Markdown: one row per method, one column per metric (with ↑ or ↓), cells
   * "mean ± std", the best mean per column in bold; "(n = k)" follows a cell only when its count
   * differs from the most common one, which the caption states.
   */
  public String markdown() {
    StringBuilder sb = new StringBuilder("| method |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Column c : columns) {
      sb.append(' ').append(c.id()).append(c.higherIsBetter() ? " ↑" : " ↓").append(" |");
      rule.append("---|");
    }
    sb.append('\n').append(rule).append('\n');
    int usualN = usualCount();
    for (String m : methods) {
      sb.append("| ").append(m).append(" |");
      for (Column c : columns) {
        SummaryStatistics s = cell(m, c.id());
        String text = s.n() == 0 ? "—" : format(s.mean()) + " ± " + format(s.std());
        if (s.n() > 0 && best(c).contains(m)) {
          text = "**" + text + "**";
        }
        if (s.n() != usualN) {
          text += " (n = " + s.n() + ")";
        }
        sb.append(' ').append(text).append(" |");
      }
      sb.append('\n');
    }
    sb.append('\n').append("n = ").append(usualN).append(" samples per cell; mean ± sample standard deviation; ")
        .append("best mean per metric in bold (↑ higher is better, ↓ lower is better).\n");
    return sb.toString();
  }

  /** Returns the methods whose mean is best in column {@code c} (several on exact ties). */
  List<String> best(Column c) {
    double bestMean = Double.NaN;
    List<String> winners = new ArrayList<>();
    for (String m : methods) {
      SummaryStatistics s = cell(m, c.id());
      if (s.n() == 0 || Double.isNaN(s.mean())) {
        continue;
      }
      int cmp = Double.isNaN(bestMean) ? 1 : Double.compare(s.mean(), bestMean) * (c.higherIsBetter() ? 1 : -1);
      if (cmp > 0) {
        bestMean = s.mean();
        winners.clear();
        winners.add(m);
      } else if (cmp == 0) {
        winners.add(m);
      }
    }
    return winners;
  }

  private int usualCount() {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    for (String m : methods) {
      for (Column c : columns) {
        counts.merge(values.get(m).get(c.id()).size(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
  }

  /** Formats with four significant digits. */
  static String format(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
  }
}
