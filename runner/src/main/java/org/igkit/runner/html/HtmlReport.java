package org.igkit.runner.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.TDistribution;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;
import org.igkit.runner.config.ReportOptions;
import org.igkit.runner.report.Comparison;
import org.igkit.runner.report.Comparisons;
import org.igkit.runner.report.PairedEffect;
import org.igkit.runner.report.Summary;
import org.igkit.runner.report.SummaryRow;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.AttributionDiagnostics;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.NoLinks;
import org.igkit.runner.results.Provenance;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;

/**
 * Writes {@code report.html}: a static, fixed-width page (at most {@value #PAGE_WIDTH} px of
 * content; wide tables scroll inside their block) that opens from disk with no network, meant to be
 * lifted into a paper —
 *
 * <ol>
 *   <li>flags: methods whose attributions do not add up (completeness), methods no better than a
 *       {@code random} method, samples that failed, each with its one-line reason;
 *   <li>the summary table (mean ± std, n; best in bold) and the comparisons with the reference
 *       ({@link Comparisons}: Δ mean with its bootstrap 95 % CI, Cohen's d_z, Holm-adjusted paired
 *       t-test and Wilcoxon p-values, none below {@value Comparisons#MIN_N} pairs), each also
 *       written as CSV exactly as shown and as a LaTeX booktabs table;
 *   <li>the mean deletion/insertion curves per cell with 95 % confidence bands, as inline SVG;
 *   <li>the heat-map grid of the report's samples: thumbnails of a fixed display size, with the
 *       explained class and its score per row, a colour bar and each map's scale;
 *   <li>the baseline weights of weighted aggregators, and the provenance.
 * </ol>
 *
 * <p>Every figure is also a standalone file under {@code report/fig/}, named for what it shows
 * ({@code curve-<metric>.svg}, {@code heatmap-<sample>--<cell>.png}, {@code input-<sample>.png},
 * {@code colourbar-<sign>.svg}); tables under {@code report/} ({@code table-summary.csv|.tex},
 * {@code table-comparisons.csv|.tex}). Every string that comes from the user (names, ids, paths) is
 * escaped.
 */
public final class HtmlReport {

  /** The page's file name. */
  public static final String FILE = "report.html";

  /** The folder, inside the run folder, for the report's data and figures. */
  public static final String FOLDER = "report";

  /** The folder, inside {@link #FOLDER}, of the standalone figures. */
  public static final String FIGURES = "fig";

  /** The page's content width in CSS pixels. */
  public static final int PAGE_WIDTH = 1500;

  /** The largest display size of a heat-map thumbnail, CSS pixels. */
  public static final int THUMBNAIL = 128;

  /** The smallest display size of a heat-map thumbnail (many methods), CSS pixels. */
  public static final int MIN_THUMBNAIL = 48;

  /** Heat-map rows per page of the grid. */
  public static final int ROWS_PER_PAGE = 8;

  /** How the report shows the absolute completeness diagnostic, apart from the relative metric. */
  public static final String COMPLETENESS_ERROR_LABEL = "absolute completeness error |ΣA − Δf|";

  private static final double ALPHA = 0.05;

  private HtmlReport() {}

  /** Writes {@code dir/report.html} with the default report settings; returns the page's path. */
  public static Path write(Path dir, String experiment, Summary summary) throws IOException {
    return write(dir, experiment, summary, ReportOptions.DEFAULTS);
  }

  /** Writes {@code dir/report.html}, its figures and tables; returns the page's path. */
  public static Path write(Path dir, String experiment, Summary summary, ReportOptions options) throws IOException {
    Path fig = NoLinks.folders(dir, dir.resolve(FOLDER).resolve(FIGURES));
    List<ResultRow> rows = Files.isRegularFile(dir.resolve(ResultsCsv.RESULTS_FILE)) ? ResultsCsv.read(dir) : List.of();
    Map<String, Boolean> directions = new LinkedHashMap<>();
    summary.rows().forEach(r -> directions.putIfAbsent(r.metric(),
        r.direction() == SummaryRow.Direction.UNKNOWN ? null : r.direction() == SummaryRow.Direction.HIGHER));
    directions.values().removeIf(v -> v == null);
    int cells = summary.cells().size();
    int thumb = thumbnail(cells);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>igkit report: ").append(esc(experiment)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;padding:0 1em;max-width:").append(PAGE_WIDTH).append("px}")
        .append(".scroll{overflow-x:auto;max-width:100%}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}")
        .append(".grid{table-layout:fixed}.grid td,.grid th{text-align:center;font-size:11px;padding:2px;overflow:hidden;")
        .append("width:").append(thumb + 4).append("px;max-width:").append(thumb + 4).append("px;word-break:break-all}")
        .append(".grid img{display:block;margin:auto;width:").append(thumb).append("px;height:auto;image-rendering:pixelated}")
        .append("svg{max-width:100%;height:auto}.flag{color:#a00}.note{color:#555;font-size:90%}")
        .append("pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n");
    h.append("<h1>igkit report: ").append(esc(experiment)).append("</h1>\n");
    flags(h, dir, rows, summary, options, directions);
    summaryTables(h, dir, rows, summary, directions);
    curves(h, fig, rows);
    heatMaps(h, dir, fig, rows, options, cells, thumb);
    provenance(h, dir);
    // Lets a headless browser check that every image loaded and the page is no wider than meant
    // (scripts/check-report.sh).
    h.append("<script>window.addEventListener('load',function(){var m=document.images,b=0;")
        .append("for(var i=0;i<m.length;i++){if(!m[i].complete||m[i].naturalWidth===0){b++;}}")
        .append("document.body.setAttribute('data-images',m.length);document.body.setAttribute('data-broken-images',b);")
        .append("document.body.setAttribute('data-page-width',document.documentElement.scrollWidth);});")
        .append("</script>\n</body></html>\n");
    Path page = dir.resolve(FILE);
    AtomicFiles.write(page, h.toString().getBytes(StandardCharsets.UTF_8));
    return page;
  }

  /** The thumbnail's display size: {@value #THUMBNAIL} px while the grid fits the page, smaller for many cells. */
  static int thumbnail(int cells) {
    int fit = (PAGE_WIDTH - 100) / (cells + 1) - 12;
    return Math.max(MIN_THUMBNAIL, Math.min(THUMBNAIL, fit));
  }

  // ---------------------------------------------------------------- flags

  private static void flags(StringBuilder h, Path dir, List<ResultRow> rows, Summary summary, ReportOptions options,
      Map<String, Boolean> directions) throws IOException {
    List<String> lines = new ArrayList<>();
    // completeness: the absolute diagnostic against the explained score
    for (String cell : summary.cells()) {
      var gap = summary.row(cell, AttributionDiagnostics.COMPLETENESS_GAP);
      var score = summary.row(cell, AttributionDiagnostics.INPUT_SCORE);
      if (gap.isEmpty() || score.isEmpty() || !Double.isFinite(gap.get().mean())) {
        continue;
      }
      double ratio = gap.get().mean() / Math.max(Math.abs(score.get().mean()), 1e-12);
      if (ratio > options.completenessThreshold()) {
        lines.add("<li class=\"flag\" data-flag=\"completeness\"><b>" + esc(cell) + "</b>: " + COMPLETENESS_ERROR_LABEL
            + " = " + num(gap.get().mean()) + " on average, " + pct(ratio) + " of the mean explained score f<sub>c</sub>(x) = "
            + num(score.get().mean()) + " (threshold " + pct(options.completenessThreshold())
            + "): its attributions do not add up to the score change, so read its metrics with care</li>");
      }
    }
    // chance: a method called "random" is the floor every other method must beat
    String random = summary.cells().stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith("random")).findFirst()
        .orElse(null);
    if (random != null && !rows.isEmpty()) {
      Comparisons vsRandom = Comparisons.compute(rows, random, directions);
      for (Comparison c : vsRandom.rows()) {
        if (c.direction() == SummaryRow.Direction.UNKNOWN || c.n() < 2) {
          continue;
        }
        boolean ciHasZero = c.ciLower() <= 0 && 0 <= c.ciUpper();
        boolean worse = c.direction() == SummaryRow.Direction.HIGHER ? c.ciUpper() < 0 : c.ciLower() > 0;
        boolean notSignificant = c.tested() && !(c.wilcoxonHolm() < ALPHA);
        if (ciHasZero || worse || notSignificant) {
          lines.add("<li class=\"flag\" data-flag=\"chance\"><b>" + esc(c.cell()) + "</b> on " + esc(c.metric())
              + ": Δ vs " + esc(random) + " = " + num(c.meanDifference()) + " [" + num(c.ciLower()) + ", " + num(c.ciUpper()) + "]"
              + (c.tested() ? ", p<sub>W,Holm</sub> = " + num(c.wilcoxonHolm()) : ", n = " + c.n())
              + ": " + (worse ? "worse than" : "not distinguishable from") + " random attributions</li>");
        }
      }
    }
    // failed samples, with the reason errors.csv gives
    Path errors = dir.resolve("errors.csv");
    if (Files.isRegularFile(errors)) {
      Map<String, List<String>> bySample = new LinkedHashMap<>();
      Map<String, String> reason = new LinkedHashMap<>();
      List<Csv.Record> records = Csv.parse(errors.toString(), Files.readString(errors, StandardCharsets.UTF_8));
      for (int i = 1; i < records.size(); i++) {
        List<String> f = records.get(i).fields();
        if (f.size() >= 4) {
          bySample.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(f.get(1));
          reason.putIfAbsent(f.get(0), f.get(2) + ": " + f.get(3));
        }
      }
      for (var e : bySample.entrySet()) {
        lines.add("<li class=\"flag\" data-flag=\"failed\">sample <b>" + esc(e.getKey()) + "</b> failed in " + e.getValue().size()
            + " cell(s) and is left out of every mean and test — " + esc(reason.get(e.getKey())) + "</li>");
      }
    } else if (summary.skippedUnits() > 0) {
      lines.add("<li class=\"flag\" data-flag=\"failed\">" + esc(summary.skippedSentence()) + "</li>");
    }
    if (summary.skippedUnits() > 0) {
      h.append("<p id=\"skipped\"><b>").append(esc(summary.skippedSentence())).append("</b></p>\n");
    }
    h.append("<h2>Flags</h2>\n");
    if (lines.isEmpty()) {
      h.append("<p id=\"flags\">None: every method's mean ").append(COMPLETENESS_ERROR_LABEL).append(" is within ")
          .append(pct(options.completenessThreshold())).append(" of its mean explained score")
          .append(random == null ? " (no method named random to test chance against)" : ", every method beats " + esc(random))
          .append(", and no sample failed.</p>\n");
    } else {
      h.append("<ul id=\"flags\">\n").append(String.join("\n", lines)).append("\n</ul>\n");
    }
  }

  // ---------------------------------------------------------------- tables

  private static void summaryTables(StringBuilder h, Path dir, List<ResultRow> rows, Summary summary,
      Map<String, Boolean> directions) throws IOException {
    List<String> metrics = summary.metrics().stream().filter(m -> !m.startsWith(ResultRow.DIAGNOSTIC_PREFIX)).toList();
    List<String> header = new ArrayList<>();
    header.add("cell");
    for (String m : metrics) {
      SummaryRow any = summary.rows().stream().filter(r -> r.metric().equals(m)).findFirst().orElse(null);
      String arrow = any == null ? "" : any.direction() == SummaryRow.Direction.HIGHER ? " ↑"
          : any.direction() == SummaryRow.Direction.LOWER ? " ↓" : "";
      header.add(m + arrow);
    }
    header.add("n");
    Table main = new Table("summary", "Mean ± std over samples per cell (best in bold; ↑ higher is better, ↓ lower; reference: "
        + summary.referenceCell() + ")", header);
    for (String cell : summary.cells()) {
      List<Table.Cell> r = new ArrayList<>();
      r.add(new Table.Cell(cell, false));
      Set<Integer> ns = new LinkedHashSet<>();
      for (String m : metrics) {
        var row = summary.row(cell, m);
        if (row.isPresent()) {
          ns.add(row.get().n());
          r.add(new Table.Cell(num(row.get().mean()) + " ± " + num(row.get().std()), row.get().best()));
        } else {
          r.add(new Table.Cell("–", false));
        }
      }
      r.add(new Table.Cell(ns.isEmpty() ? "–" : ns.size() == 1 ? ns.iterator().next().toString()
          : ns.stream().min(Integer::compare).get() + "–" + ns.stream().max(Integer::compare).get(), false));
      main.add(r);
    }
    h.append("<h2>Summary</h2>\n").append(main.html());
    export(dir, "table-summary", main);
    if (rows.isEmpty() || summary.cells().size() < 2) {
      return;
    }
    Comparisons comparisons = Comparisons.compute(rows, summary.referenceCell(), directions);
    Table cmp = new Table("comparisons", "Each cell against " + summary.referenceCell()
        + ": Δ = cell − reference, paired over samples", List.of("cell", "metric", "n", "Δ mean [95 % CI]", "d_z",
        "p t-test (Holm)", "p Wilcoxon (Holm)"));
    for (Comparison c : comparisons.rows()) {
      cmp.add(List.of(new Table.Cell(c.cell(), false), new Table.Cell(c.metric(), false),
          new Table.Cell(Integer.toString(c.n()), false),
          new Table.Cell(num(c.meanDifference()) + " [" + num(c.ciLower()) + ", " + num(c.ciUpper()) + "]", false),
          new Table.Cell(num(c.cohensDz()), false),
          new Table.Cell(c.tested() ? num(c.tTestHolm()) : "n < " + Comparisons.MIN_N, c.tested() && c.tTestHolm() < ALPHA),
          new Table.Cell(c.tested() ? num(c.wilcoxonHolm()) : "n < " + Comparisons.MIN_N, c.tested() && c.wilcoxonHolm() < ALPHA)));
    }
    h.append("<h2>Comparisons with the reference</h2>\n").append(cmp.html())
        .append("<p class=\"note\" id=\"stats-note\">Δ mean: mean of the paired differences; 95 % CI: percentile bootstrap, ")
        .append(String.format(Locale.ROOT, "%,d", PairedEffect.RESAMPLES)).append(" resamples (Well19937c, seed ")
        .append(PairedEffect.SEED).append("). d<sub>z</sub>: Cohen's effect size for paired samples, Δ mean / std of the differences. ")
        .append("p-values: two-sided paired t-test and Wilcoxon signed-rank test, Holm-adjusted over all ")
        .append(comparisons.rows().size()).append(" comparisons of this table (one family per test; bold: &lt; 0.05). ")
        .append("No p-value is given with fewer than ").append(Comparisons.MIN_N).append(" pairs: with 5 the exact two-sided ")
        .append("signed-rank test cannot go below 2/2<sup>5</sup> = 0.0625, so nothing could be significant, and a t-test ")
        .append("cannot be checked for normality. summary.csv keeps the unadjusted p-values.</p>\n");
    export(dir, "table-comparisons", cmp);
    diagnosticsTable(h, dir, summary);
    h.append("<p class=\"note\">Tables as shown, for a paper: ");
    for (String t : List.of("table-summary", "table-comparisons", "table-diagnostics")) {
      h.append("<a href=\"").append(FOLDER).append('/').append(t).append(".csv\">").append(t).append(".csv</a> / ")
          .append("<a href=\"").append(FOLDER).append('/').append(t).append(".tex\">.tex</a>; ");
    }
    h.append("full precision in summary.csv.</p>\n");
  }

  private static void diagnosticsTable(StringBuilder h, Path dir, Summary summary) throws IOException {
    List<String> diags = summary.metrics().stream().filter(m -> m.startsWith(ResultRow.DIAGNOSTIC_PREFIX)).toList();
    if (diags.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>();
    header.add("cell");
    diags.forEach(d -> header.add(diagnosticLabel(d)));
    Table t = new Table("diagnostics", "Diagnostics per attribution, mean ± std", header);
    for (String cell : summary.cells()) {
      List<Table.Cell> r = new ArrayList<>();
      r.add(new Table.Cell(cell, false));
      for (String d : diags) {
        r.add(new Table.Cell(summary.row(cell, d).map(x -> num(x.mean()) + " ± " + num(x.std())).orElse("–"), false));
      }
      t.add(r);
    }
    h.append("<h2>Diagnostics</h2>\n").append(t.html()).append("<p class=\"note\">The ").append(COMPLETENESS_ERROR_LABEL)
        .append(" is |ΣA − (f(x) − Σ<sub>k</sub> w<sub>k</sub> f(x'<sub>k</sub>))| in score units (results.csv: ")
        .append(AttributionDiagnostics.COMPLETENESS_GAP).append("); the metric completeness-gap, when an experiment lists it, ")
        .append("is by default the same difference relative to |f(x) − Σ w<sub>k</sub> f(x'<sub>k</sub>)|.</p>\n");
    export(dir, "table-diagnostics", t);
  }

  /** The report's name of a diagnostic: its id without {@code diag.}, the completeness one renamed. */
  static String diagnosticLabel(String id) {
    if (id.equals(AttributionDiagnostics.COMPLETENESS_GAP)) {
      return COMPLETENESS_ERROR_LABEL;
    }
    if (id.equals(AttributionDiagnostics.INPUT_SCORE)) {
      return "explained score f_c(x)";
    }
    return id.substring(ResultRow.DIAGNOSTIC_PREFIX.length());
  }

  private static void export(Path dir, String name, Table t) throws IOException {
    Path folder = NoLinks.folders(dir, dir.resolve(FOLDER));
    AtomicFiles.write(folder.resolve(name + ".csv"), t.csv().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(folder.resolve(name + ".tex"), t.latex().getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- curves

  /** One chart per curve metric: each cell's mean curve with its 95 % t confidence band. */
  private static void curves(StringBuilder h, Path fig, List<ResultRow> rows) throws IOException {
    Set<String> failed = new HashSet<>();
    rows.stream().filter(ResultRow::isError).forEach(r -> failed.add(r.sample()));
    Map<String, Map<String, List<ResultRow>>> byMetric = new TreeMap<>();
    for (ResultRow r : rows) {
      if (r.hasCurve() && !failed.contains(r.sample())) {
        byMetric.computeIfAbsent(r.metric(), k -> new LinkedHashMap<>()).computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r);
      }
    }
    if (byMetric.isEmpty()) {
      return;
    }
    h.append("<h2>Curves</h2>\n<p class=\"note\">Mean over samples per cell; the band is the 95 % confidence interval of ")
        .append("the mean at each point (mean ± t<sub>0.975, n−1</sub> · s/√n). Axes start at 0. Colours: Okabe–Ito's ")
        .append("colour-blind-safe palette; from the ninth cell on the lines are dashed, then dotted.</p>\n");
    for (var e : byMetric.entrySet()) {
      List<Svg.Series> series = new ArrayList<>();
      for (var cell : e.getValue().entrySet()) {
        series.add(meanCurve(cell.getKey(), cell.getValue()));
      }
      String svg = Svg.chart(e.getKey() + " (mean over samples)", "fraction of pixels", "score", series);
      String name = "curve-" + AttributionFiles.fileName(e.getKey()) + ".svg";
      AtomicFiles.write(fig.resolve(name), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg).getBytes(StandardCharsets.UTF_8));
      h.append("<figure class=\"curve\">").append(svg).append("<figcaption><a href=\"").append(FOLDER).append('/').append(FIGURES)
          .append('/').append(esc(name)).append("\">").append(esc(name)).append("</a></figcaption></figure>\n");
    }
  }

  /** The mean and 95 % band of the curves of equal length to the first one. */
  static Svg.Series meanCurve(String name, List<ResultRow> curves) {
    double[] x = curves.get(0).curveX();
    List<double[]> ys = curves.stream().map(ResultRow::curveY).filter(y -> y.length == x.length).toList();
    int n = ys.size();
    double[] mean = new double[x.length];
    double[] lo = new double[x.length];
    double[] hi = new double[x.length];
    double t = n >= 2 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) : Double.NaN;
    for (int j = 0; j < x.length; j++) {
      double s = 0;
      for (double[] y : ys) {
        s += y[j];
      }
      double m = s / n;
      double ss = 0;
      for (double[] y : ys) {
        ss += (y[j] - m) * (y[j] - m);
      }
      double half = n >= 2 ? t * Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0;
      mean[j] = m;
      lo[j] = m - half;
      hi[j] = m + half;
    }
    return new Svg.Series(name, x, mean, lo, hi, n);
  }

  // ---------------------------------------------------------------- heat maps

  private record SampleDir(Path dir, String id, int index) {}

  /** The input × cell grid of heat maps, and the baseline weights of each cell per input. */
  private static void heatMaps(StringBuilder h, Path dir, Path fig, List<ResultRow> rows, ReportOptions options,
      int summaryCells, int thumb) throws IOException {
    Path root = dir.resolve(FOLDER).resolve(AttributionFiles.FOLDER);
    if (!Files.isDirectory(root)) {
      return;
    }
    List<SampleDir> samples = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      for (Path sd : s.filter(Files::isDirectory).sorted().toList()) {
        if (!Files.isRegularFile(sd.resolve("input.npy")) || !Files.isRegularFile(sd.resolve("sample.txt"))) {
          continue;
        }
        String id = Files.readString(sd.resolve("sample.txt"), StandardCharsets.UTF_8).strip();
        Path ix = sd.resolve("index.txt");
        int index = Files.isRegularFile(ix) ? Integer.parseInt(Files.readString(ix, StandardCharsets.UTF_8).strip()) : Integer.MAX_VALUE;
        samples.add(new SampleDir(sd, id, index));
      }
    }
    List<String> chosen = options.samples();
    if (!chosen.isEmpty()) {
      samples.removeIf(s -> !chosen.contains(s.id()));
      samples.sort(Comparator.comparingInt(s -> chosen.indexOf(s.id())));
    } else {
      samples.sort(Comparator.comparingInt(SampleDir::index).thenComparing(SampleDir::id));
      if (samples.size() > options.maxSamples()) {
        samples = new ArrayList<>(samples.subList(0, options.maxSamples()));
      }
    }
    Set<String> inRun = new LinkedHashSet<>();
    rows.forEach(r -> inRun.add(r.sample()));
    String sign = options.sign();
    h.append("<h2>Attributions</h2>\n<p id=\"selection\">");
    if (!chosen.isEmpty()) {
      Set<String> shown = new HashSet<>();
      samples.forEach(s -> shown.add(s.id()));
      List<String> missing = chosen.stream().filter(c -> !shown.contains(c)).toList();
      h.append("Showing the ").append(samples.size()).append(" sample(s) chosen in report.samples, of ").append(inRun.size())
          .append(" in the run.");
      if (!missing.isEmpty()) {
        h.append(" Not shown (not in the run's selection, failed, or chosen after the run): ");
        h.append(String.join(", ", missing.stream().map(HtmlReport::esc).toList())).append('.');
      }
    } else {
      h.append("Showing the first ").append(samples.size()).append(" of ").append(inRun.size())
          .append(" samples of the run, in selection order (report.maxSamples = ").append(options.maxSamples())
          .append("). To show others, set report.maxSamples or list their ids in report.samples before the run: ")
          .append("a sample's maps are saved for the report while it is computed.");
    }
    h.append("</p>\n");
    if (samples.isEmpty()) {
      return;
    }
    String bar = Svg.colourBar(sign);
    String barName = "colourbar-" + sign + ".svg";
    AtomicFiles.write(fig.resolve(barName), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + bar).getBytes(StandardCharsets.UTF_8));
    h.append("<p>Channel-summed maps A over the input's luminance (35 %), sign mode <b>").append(esc(sign)).append("</b> ")
        .append(switch (sign) {
          case "positive" -> "(only positive evidence, max(A, 0); sequential white to red)";
          case "absolute" -> "(magnitude |A|; sequential white to red)";
          default -> "(diverging RdBu: red positive, blue negative, white 0)";
        })
        .append(". Each map is scaled to its own s = 99th percentile of ").append("positive".equals(sign) ? "its positive values" : "|A|")
        .append(", printed under it; values beyond s take the end colour. Row label: sample, explained class c and its score f<sub>c</sub>(x).</p>\n")
        .append("<figure>").append(bar).append("</figure>\n");
    Set<String> cells = new LinkedHashSet<>();
    for (SampleDir sd : samples) {
      Path list = sd.dir().resolve("cells.txt");
      if (Files.isRegularFile(list)) {
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            cells.add(line);
          }
        }
      }
    }
    StringBuilder weights = new StringBuilder();
    StringBuilder head = new StringBuilder("<tr><th>input</th>");
    for (String c : cells) {
      head.append("<th title=\"").append(esc(c)).append("\">").append(esc(c)).append("</th>");
    }
    head.append("</tr>\n");
    int pages = (samples.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE;
    for (int page = 0; page < pages; page++) {
      int from = page * ROWS_PER_PAGE;
      int to = Math.min(samples.size(), from + ROWS_PER_PAGE);
      h.append("<details class=\"page\"").append(page == 0 ? " open" : "").append("><summary>samples ").append(from + 1).append("–")
          .append(to).append(" of ").append(samples.size()).append("</summary>\n<div class=\"scroll\"><table class=\"grid\">\n")
          .append(head);
      for (SampleDir sd : samples.subList(from, to)) {
        heatMapRow(h, weights, sd, cells, fig, sign);
      }
      h.append("</table></div></details>\n");
    }
    if (weights.length() > 0) {
      h.append("<h2>Baseline weights</h2>\n<p>w<sub>k</sub> per baseline for aggregators that weight or drop baselines "
          + "(which baselines each method trusted), with D<sub>α</sub> in brackets.</p>\n<div class=\"scroll\"><table id=\"weights\">\n"
          + "<tr><th>input</th><th>cell</th><th>baselines: weight [D]</th></tr>\n").append(weights).append("</table></div>\n");
    }
  }

  private static void heatMapRow(StringBuilder h, StringBuilder weights, SampleDir sd, Set<String> cells, Path fig, String sign)
      throws IOException {
    NpyArray in = Npy.read(sd.dir().resolve("input.npy"));
    Shape s = Shape.of(in.shape()[0], in.shape()[1], in.shape()[2]);
    float[] x = in.floats();
    String sampleName = AttributionFiles.fileName(sd.id());
    String inName = "input-" + sampleName + ".png";
    Images.write(Images.input(x, s), fig.resolve(inName));
    String target = "";
    for (String c : cells) {
      Path t = sd.dir().resolve(AttributionFiles.fileName(c) + ".target.txt");
      if (Files.isRegularFile(t)) {
        String[] parts = Files.readString(t, StandardCharsets.UTF_8).strip().split(" ");
        if (parts.length == 2) {
          target = "class " + parts[0] + ", score " + num(Double.parseDouble(parts[1]));
          break;
        }
      }
    }
    h.append("<tr><td><img src=\"").append(FOLDER).append('/').append(FIGURES).append('/').append(esc(inName))
        .append("\" width=\"").append(Images.MAX_PIXELS / 2).append("\" alt=\"input ").append(esc(sd.id())).append("\"><span class=\"sample\">")
        .append(esc(sd.id())).append("</span>").append(target.isEmpty() ? "" : "<br><span class=\"target\">" + target + "</span>")
        .append("</td>");
    for (String c : cells) {
      Path map = sd.dir().resolve(AttributionFiles.fileName(c) + ".npy");
      h.append("<td>");
      if (Files.isRegularFile(map)) {
        String name = "heatmap-" + sampleName + "--" + AttributionFiles.fileName(c) + ".png";
        Images.HeatMap hm = Images.heatMap(Npy.read(map).floats(), x, s, sign);
        Images.write(hm.image(), fig.resolve(name));
        h.append("<img src=\"").append(FOLDER).append('/').append(FIGURES).append('/').append(esc(name))
            .append("\" width=\"").append(Images.MAX_PIXELS / 2).append("\" alt=\"").append(esc(c)).append(" on ").append(esc(sd.id()))
            .append("\"><span class=\"scale\">s = ").append(num(hm.scale())).append("</span>");
        weightRow(weights, sd.dir(), c, sd.id());
      } else {
        h.append("–");
      }
      h.append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void weightRow(StringBuilder out, Path sd, String cell, String sampleId) throws IOException {
    Path w = sd.resolve(AttributionFiles.fileName(cell) + ".weights.npy");
    Path f = sd.resolve(AttributionFiles.fileName(cell) + ".fitness.npy");
    Path names = sd.resolve(AttributionFiles.fileName(cell) + ".baselines.txt");
    if (!Files.isRegularFile(w) || !Files.isRegularFile(f) || !Files.isRegularFile(names)) {
      return;
    }
    double[] weights = Npy.read(w).values();
    double[] fitness = Npy.read(f).values();
    List<String> baselines = Files.readAllLines(names, StandardCharsets.UTF_8);
    out.append("<tr><td>").append(esc(sampleId)).append("</td><td>").append(esc(cell)).append("</td><td>");
    for (int i = 0; i < weights.length; i++) {
      out.append(i == 0 ? "" : ", ").append(esc(i < baselines.size() ? baselines.get(i) : "#" + i)).append(": ")
          .append(String.format(Locale.ROOT, "%.3f [%d]", weights[i], (long) fitness[i]));
    }
    out.append("</td></tr>\n");
  }

  // ---------------------------------------------------------------- provenance

  private static void provenance(StringBuilder h, Path dir) throws IOException {
    Path file = dir.resolve(ProvenanceWriter.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return;
    }
    Provenance p = ProvenanceReader.read(file);
    h.append("<h2>Provenance</h2>\n<div class=\"scroll\"><table id=\"provenance\">\n");
    row(h, "igkit", p.igkitVersion() + " (built from " + p.igkitCommit() + (Boolean.TRUE.equals(p.igkitDirty()) ? ", modified" : "") + ")");
    row(h, "experiment's git", p.experimentGitCommit() + (Boolean.TRUE.equals(p.experimentGitDirty()) ? " (modified)" : ""));
    row(h, "seed", Long.toString(p.seed()));
    row(h, "DJL / libtorch", p.djlVersion() + " / " + p.libtorchVersion());
    row(h, "JVM", p.jvm().version() + " " + p.jvm().vendor());
    row(h, "OS", p.os().name() + " " + p.os().arch() + ", " + p.availableProcessors() + " processors");
    row(h, "threads", String.valueOf(p.threads()));
    row(h, "model SHA-256", p.modelSha256());
    row(h, "data fingerprint", p.dataFingerprint());
    row(h, "started", p.startTime());
    h.append("</table></div>\n<details><summary>full provenance.json</summary><pre>")
        .append(esc(Files.readString(file, StandardCharsets.UTF_8))).append("</pre></details>\n");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  /** 4 significant digits, "–" for NaN or infinities. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.4g", v == 0 ? 0.0 : v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.3g %%", 100 * v);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
