package org.igkit.runner.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A table exactly as the page shows it — header and cell texts as printed — rendered from one
 * model as HTML, CSV and a LaTeX (booktabs) table, so that the exports cannot drift from the page.
 * Bold (the best mean) is {@code <b>} in HTML and textbf in LaTeX; CSV holds the texts
 * only.
 */
final class Table {

  /** One cell's text and whether it is set in bold. */
  record Cell(String text, boolean bold) {}

  private final String id;
  private final String caption;
  private final List<String> header;
  private final List<List<Cell>> rows = new ArrayList<>();

  Table(String id, String caption, List<String> header) {
    this.id = id;
    this.caption = caption;
    this.header = List.copyOf(header);
  }

  /** Adds a row; cells beyond the header are an error. */
  void add(List<Cell> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException("a row of " + row.size() + " cells for " + header.size() + " columns");
    }
    rows.add(List.copyOf(row));
  }

  List<List<Cell>> rows() {
    return rows;
  }

  /** The table as HTML, inside a horizontally scrolling block. */
  String html() {
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table id=\"").append(HtmlReport.esc(id)).append("\"><caption>")
        .append(HtmlReport.esc(caption)).append("</caption>\n<tr>");
    header.forEach(h -> b.append("<th>").append(HtmlReport.esc(h)).append("</th>"));
    b.append("</tr>\n");
    for (List<Cell> row : rows) {
      b.append("<tr>");
      for (Cell c : row) {
        String t = HtmlReport.esc(c.text());
        b.append("<td>").append(c.bold() ? "<b>" + t + "</b>" : t).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</table></div>\n").toString();
  }

  /** The table as CSV (RFC 4180: fields with a comma, quote or line break quoted). */
  String csv() {
    StringBuilder b = new StringBuilder();
    csvRow(b, header);
    for (List<Cell> row : rows) {
      csvRow(b, row.stream().map(Cell::text).toList());
    }
    return b.toString();
  }

  /** The table as a LaTeX {@code table} with booktabs rules (needs the booktabs package). */
  String latex() {
    StringBuilder b = new StringBuilder("% igkit report table; needs \\usepackage{booktabs}\n\\begin{table}[t]\n\\centering\n\\caption{")
        .append(tex(caption)).append("}\n\\begin{tabular}{l").append("r".repeat(header.size() - 1)).append("}\n\\toprule\n");
    texRow(b, header.stream().map(h -> new Cell(h, false)).toList());
    b.append("\\midrule\n");
    rows.forEach(r -> texRow(b, r));
    return b.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n").toString();
  }

  private static void csvRow(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        b.append(',');
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    b.append("\r\n");
  }

  private static void texRow(StringBuilder b, List<Cell> row) {
    for (int i = 0; i < row.size(); i++) {
      String t = tex(row.get(i).text());
      b.append(i == 0 ? "" : " & ").append(row.get(i).bold() ? "\\textbf{" + t + "}" : t);
    }
    b.append(" \\\\\n");
  }

  /** Escapes LaTeX's special characters and writes the page's symbols as math. */
  static String tex(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(c);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '<' -> b.append("\\textless{}");
        case '>' -> b.append("\\textgreater{}");
        case '±' -> b.append("$\\pm$");
        case '↑' -> b.append("$\\uparrow$");
        case '↓' -> b.append("$\\downarrow$");
        case '−' -> b.append("$-$");
        case '–' -> b.append("--");
        case 'Δ' -> b.append("$\\Delta$");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
