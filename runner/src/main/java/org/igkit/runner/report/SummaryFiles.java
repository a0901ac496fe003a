package org.igkit.runner.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.DoubleText;
import org.igkit.runner.results.ResultRow;

/**
 * Renders a {@link Summary} as {@code summary.csv} (every number at full precision, shortest
 * round-trip decimals, empty for NaN) and {@code summary.md} (4 significant digits, "–" for NaN).
 */
final class SummaryFiles {

  /** Header of summary.csv. */
  static final String CSV_HEADER = "cell,method,metric,direction,n,mean,std,"
      + "relative_improvement,paired_n,t_test_p,wilcoxon_p,best\n";

  /** Header of dataset-metrics.csv. */
  static final String DATASET_CSV_HEADER = "cell,method,metric,direction,n,value,"
      + "relative_improvement,best\n";

  /** Header of dataset-curves.csv. */
  static final String DATASET_CURVES_HEADER = "cell,metric,x,y\n";

  private static final String NONE = "–";

  private SummaryFiles() {}

  static String csv(Summary s) {
    StringBuilder out = new StringBuilder(CSV_HEADER);
    for (SummaryRow r : s.rows()) {
      Csv.record(out).text(r.cell()).text(r.method()).text(r.metric()).number(direction(r.direction()))
          .number(Integer.toString(r.n())).number(number(r.mean())).number(number(r.std()))
          .number(number(r.relativeImprovement())).number(Integer.toString(r.pairedN()))
          .number(number(r.tTestP())).number(number(r.wilcoxonP()))
          .number(Boolean.toString(r.best())).end();
    }
    return out.toString();
  }

  static String datasetCsv(Summary s) {
    StringBuilder out = new StringBuilder(DATASET_CSV_HEADER);
    for (DatasetRow r : s.datasetRows()) {
      Csv.record(out).text(r.cell()).text(r.method()).text(r.metric()).number(direction(r.direction()))
          .number(Integer.toString(r.n())).number(number(r.value()))
          .number(number(r.relativeImprovement())).number(Boolean.toString(r.best())).end();
    }
    return out.toString();
  }

  static String datasetCurvesCsv(Summary s) {
    StringBuilder out = new StringBuilder(DATASET_CURVES_HEADER);
    for (DatasetRow r : s.datasetRows()) {
      double[] x = r.curveX();
      double[] y = r.curveY();
      for (int i = 0; i < x.length; i++) {
        Csv.record(out).text(r.cell()).text(r.metric()).number(number(x[i])).number(number(y[i]))
            .end();
      }
    }
    return out.toString();
  }

  /** The direction column: a fixed word, or empty when unknown. */
  private static String direction(SummaryRow.Direction d) {
    return d == SummaryRow.Direction.UNKNOWN ? "" : d.name().toLowerCase(Locale.ROOT);
  }

  static String markdown(Summary s) {
    String ref = s.referenceCell();
    List<String> metrics = s.metrics().stream()
        .filter(m -> !m.startsWith(ResultRow.DIAGNOSTIC_PREFIX)).toList();
    List<String> diagnostics = s.metrics().stream()
        .filter(m -> m.startsWith(ResultRow.DIAGNOSTIC_PREFIX)).toList();
    List<String> others = s.cells().stream().filter(c -> !c.equals(ref)).toList();
    StringBuilder out = new StringBuilder("# Summary\n\n");
    out.append("Reference: ").append(escape(ref)).append(". ")
        .append(sampleCounts(s, metrics)).append(". Mean ± sample std (n − 1); best mean per")
        .append(" metric in **bold**; ↑ higher is better, ↓ lower is better.\n\n");
    if (s.skippedUnits() > 0) {
      out.append("**").append(s.skippedSentence()).append("**\n\n");
    }

    if (!metrics.isEmpty()) {
      header(out, "cell", metrics, s, true);
      for (String cell : s.cells()) {
        out.append("| ").append(escape(cell)).append(cell.equals(ref) ? " (reference)" : "");
        for (String m : metrics) {
          out.append(" | ").append(s.row(cell, m).map(r -> meanStd(r, true)).orElse(NONE));
        }
        out.append(" |\n");
      }
      out.append('\n');
    }

    if (!metrics.isEmpty() && !others.isEmpty()) {
      out.append("## Relative improvement over ").append(escape(ref)).append("\n\n")
          .append("(mean − mean_ref) / |mean_ref|, signed so that positive is better.\n\n");
      header(out, "cell", metrics, s, true);
      for (String cell : others) {
        out.append("| ").append(escape(cell));
        for (String m : metrics) {
          out.append(" | ").append(s.row(cell, m).map(r -> percent(r.relativeImprovement()))
              .orElse(NONE));
        }
        out.append(" |\n");
      }
      out.append('\n');

      out.append("## Paired tests against ").append(escape(ref)).append("\n\n")
          .append("Two-sided p-values, paired t-test / Wilcoxon signed-rank (exact for n ≤ ")
          .append(WilcoxonSignedRank.EXACT_MAX_N).append("), on the samples both cells have")
          .append(pairedCounts(s, others, metrics)).append(".\n\n");
      header(out, "cell", metrics, s, false);
      boolean uniform = uniformPairedN(s, others, metrics);
      for (String cell : others) {
        out.append("| ").append(escape(cell));
        for (String m : metrics) {
          out.append(" | ").append(s.row(cell, m).map(r -> significant(r.tTestP()) + " / "
              + significant(r.wilcoxonP()) + (uniform ? "" : " (n = " + r.pairedN() + ")"))
              .orElse(NONE));
        }
        out.append(" |\n");
      }
      out.append('\n');
    }

    if (!s.datasetRows().isEmpty()) {
      List<String> dm = s.datasetRows().stream().map(DatasetRow::metric).distinct().toList();
      List<String> dc = s.cells().stream()
          .filter(c -> s.datasetRows().stream().anyMatch(r -> r.cell().equals(c))).toList();
      out.append("## Data-set metrics\n\n")
          .append("One value per cell from all its samples: the per-sample curves are aggregated")
          .append(" (SIC: median, AIC: mean, per information-level bin) and the area under the")
          .append(" aggregate is reported; n = samples that entered. Best value in **bold**;")
          .append(" relative improvement over ").append(escape(ref)).append(" in parentheses.\n\n");
      out.append("| cell");
      for (String m : dm) {
        SummaryRow.Direction d = s.datasetRows().stream().filter(r -> r.metric().equals(m))
            .findFirst().map(DatasetRow::direction).orElse(SummaryRow.Direction.UNKNOWN);
        out.append(" | ").append(escape(m)).append(d == SummaryRow.Direction.HIGHER ? " ↑"
            : d == SummaryRow.Direction.LOWER ? " ↓" : "");
      }
      out.append(" |\n|:--").append("|--:".repeat(dm.size())).append("|\n");
      for (String cell : dc) {
        out.append("| ").append(escape(cell)).append(cell.equals(ref) ? " (reference)" : "");
        for (String m : dm) {
          out.append(" | ").append(s.datasetRow(cell, m).map(r -> {
            String v = significant(r.value());
            v = r.best() ? "**" + v + "**" : v;
            String rel = cell.equals(ref) || Double.isNaN(r.relativeImprovement()) ? ""
                : ", " + percent(r.relativeImprovement());
            return v + " (n = " + r.n() + rel + ")";
          }).orElse(NONE));
        }
        out.append(" |\n");
      }
      out.append('\n');
    }

    if (!diagnostics.isEmpty()) {
      out.append("## Diagnostics\n\nMean ± sample std per attribution.\n\n");
      header(out, "cell", diagnostics, s, false);
      for (String cell : s.cells()) {
        out.append("| ").append(escape(cell));
        for (String m : diagnostics) {
          out.append(" | ").append(s.row(cell, m).map(r -> meanStd(r, false)).orElse(NONE));
        }
        out.append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void header(StringBuilder out, String first, List<String> metrics, Summary s,
      boolean arrows) {
    out.append("| ").append(first);
    for (String m : metrics) {
      out.append(" | ").append(escape(m));
      if (arrows) {
        SummaryRow.Direction d = direction(s, m);
        out.append(d == SummaryRow.Direction.HIGHER ? " ↑" : d == SummaryRow.Direction.LOWER
            ? " ↓" : "");
      }
    }
    out.append(" |\n|:--");
    out.append("|--:".repeat(metrics.size()));
    out.append("|\n");
  }

  private static SummaryRow.Direction direction(Summary s, String metric) {
    return s.rows().stream().filter(r -> r.metric().equals(metric)).findFirst()
        .map(SummaryRow::direction).orElse(SummaryRow.Direction.UNKNOWN);
  }

  private static String sampleCounts(Summary s, List<String> metrics) {
    List<String> which = metrics.isEmpty() ? s.metrics() : metrics;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (SummaryRow r : s.rows()) {
      if (which.contains(r.metric())) {
        min = Math.min(min, r.n());
        max = Math.max(max, r.n());
      }
    }
    return min == max ? "n = " + max + " samples per cell"
        : "n = " + min + " to " + max + " samples per cell and metric (see summary.csv)";
  }

  private static boolean uniformPairedN(Summary s, List<String> cells, List<String> metrics) {
    return s.rows().stream().filter(r -> cells.contains(r.cell()) && metrics.contains(r.metric()))
        .mapToInt(SummaryRow::pairedN).distinct().count() <= 1;
  }

  private static String pairedCounts(Summary s, List<String> cells, List<String> metrics) {
    Optional<SummaryRow> any = s.rows().stream()
        .filter(r -> cells.contains(r.cell()) && metrics.contains(r.metric())).findFirst();
    return uniformPairedN(s, cells, metrics) && any.isPresent()
        ? " (n = " + any.get().pairedN() + ")" : " (n in parentheses)";
  }

  private static String meanStd(SummaryRow r, boolean bold) {
    String text = significant(r.mean())
        + (Double.isNaN(r.std()) ? "" : " ± " + significant(r.std()));
    return bold && r.best() ? "**" + text + "**" : text;
  }

  /** Returns x with 4 significant digits ({@code %.4g}, root locale), or "–" for NaN. */
  static String significant(double x) {
    if (Double.isNaN(x)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%.4g", x == 0 ? 0.0 : x);
  }

  /** Returns x × 100 as a signed percentage with 4 significant digits, or "–" for NaN. */
  static String percent(double x) {
    if (Double.isNaN(x)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%+.4g %%", x == 0 ? 0.0 : 100 * x);
  }

  private static String number(double x) {
    return Double.isNaN(x) ? "" : DoubleText.format(x);
  }

  /** Escapes what Markdown would read as table syntax or emphasis in a name. */
  static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(' ');
        continue;
      }
      if ("\\|*_`<".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
