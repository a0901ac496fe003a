package org.igkit.runner.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;
import org.igkit.runner.report.Summary;
import org.igkit.runner.report.SummaryRow;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.NoLinks;
import org.igkit.runner.results.Provenance;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes {@code report.html}: a static page that opens from disk with no network — the summary
 * table, the mean deletion/insertion curves per cell (PNG charts), a grid of input × cell heat
 * maps for the report samples, the baseline weights of weighted aggregators per input, and the
 * provenance. Every string that comes from the user (names, ids, paths) is HTML-escaped.
 *
 * <p>Inputs: the run folder's {@code summary}, {@code curves.csv}, {@code provenance.json} and the
 * maps the runner saves for the first samples under {@code report/attributions/}.
 */
public final class HtmlReport {

  /** The page's file name. */
  public static final String FILE = "report.html";

  /** The folder, inside the run folder, for the report's data and images. */
  public static final String FOLDER = "report";

  private static final int SCALE = 4;

  private HtmlReport() {}

  /** Writes {@code dir/report.html} and its images; returns the page's path. */
  public static Path write(Path dir, String experiment, Summary summary) throws IOException {
    Path img = NoLinks.folders(dir, dir.resolve(FOLDER).resolve("img"));
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>igkit report: ").append(esc(experiment)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}")
        .append(".grid img{image-rendering:pixelated;display:block}.grid td{text-align:center;font-size:12px}")
        .append("pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n");
    h.append("<h1>igkit report: ").append(esc(experiment)).append("</h1>\n");
    summaryTable(h, summary);
    curves(h, dir, img);
    heatMaps(h, dir, img);
    provenance(h, dir);
    // Lets a headless browser check that every image loaded (scripts/check-report.sh).
    h.append("<script>window.addEventListener('load',function(){var m=document.images,b=0;")
        .append("for(var i=0;i<m.length;i++){if(!m[i].complete||m[i].naturalWidth===0){b++;}}")
        .append("document.body.setAttribute('data-images',m.length);document.body.setAttribute('data-broken-images',b);});")
        .append("</script>\n</body></html>\n");
    Path page = dir.resolve(FILE);
    AtomicFiles.write(page, h.toString().getBytes(StandardCharsets.UTF_8));
    return page;
  }

  private static void summaryTable(StringBuilder h, Summary summary) {
    List<String> metrics = summary.metrics().stream().filter(m -> !m.startsWith(ResultRow.DIAGNOSTIC_PREFIX)).toList();
    if (summary.skippedUnits() > 0) {
      h.append("<p id=\"skipped\"><b>").append(esc(summary.skippedSentence())).append("</b></p>\n");
    }
    h.append("<table id=\"summary\"><caption>Mean ± std per cell (best in bold; reference: ")
        .append(esc(summary.referenceCell())).append(")</caption>\n<tr><th>cell</th>");
    for (String m : metrics) {
      SummaryRow any = summary.rows().stream().filter(r -> r.metric().equals(m)).findFirst().orElse(null);
      String arrow = any == null ? "" : any.direction() == SummaryRow.Direction.HIGHER ? " ↑" : any.direction() == SummaryRow.Direction.LOWER ? " ↓" : "";
      h.append("<th>").append(esc(m)).append(arrow).append("</th>");
    }
    h.append("</tr>\n");
    for (String cell : summary.cells()) {
      h.append("<tr><td>").append(esc(cell)).append("</td>");
      for (String m : metrics) {
        var row = summary.row(cell, m);
        h.append("<td>");
        if (row.isPresent()) {
          SummaryRow r = row.get();
          String text = num(r.mean()) + " ± " + num(r.std()) + " (n=" + r.n() + ")";
          h.append(r.best() ? "<b>" + text + "</b>" : text);
          if (!cell.equals(summary.referenceCell()) && Double.isFinite(r.tTestP())) {
            h.append("<br><small>p<sub>t</sub>=").append(num(r.tTestP())).append(", p<sub>W</sub>=").append(num(r.wilcoxonP())).append("</small>");
          }
        }
        h.append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /** One chart per curve metric: the mean curve of each cell over the samples. */
  private static void curves(StringBuilder h, Path dir, Path img) throws IOException {
    Path curvesCsv = dir.resolve(ResultsCsv.CURVES_FILE);
    if (!Files.isRegularFile(curvesCsv)) {
      return;
    }
    List<ResultRow> rows = ResultsCsv.read(dir);
    Map<String, Map<String, List<ResultRow>>> byMetric = new TreeMap<>();
    for (ResultRow r : rows) {
      if (r.hasCurve()) {
        byMetric.computeIfAbsent(r.metric(), k -> new LinkedHashMap<>()).computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r);
      }
    }
    if (byMetric.isEmpty()) {
      return;
    }
    h.append("<h2>Curves</h2>\n");
    int i = 0;
    for (var e : byMetric.entrySet()) {
      XYChart chart = new XYChartBuilder().width(640).height(420).title(e.getKey() + " (mean over samples)")
          .xAxisTitle("fraction of pixels").yAxisTitle("score").build();
      for (var cell : e.getValue().entrySet()) {
        double[] x = cell.getValue().get(0).curveX();
        double[] y = new double[x.length];
        int n = 0;
        for (ResultRow r : cell.getValue()) {
          if (r.curveY().length == y.length) {
            for (int j = 0; j < y.length; j++) {
              y[j] += r.curveY()[j];
            }
            n++;
          }
        }
        for (int j = 0; j < y.length; j++) {
          y[j] /= Math.max(1, n);
        }
        chart.addSeries(cell.getKey(), x, y).setMarker(SeriesMarkers.NONE);
      }
      String name = "curve-" + (i++) + ".png";
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      AtomicFiles.write(img.resolve(name), png);
      h.append("<img class=\"curve\" src=\"").append(FOLDER).append("/img/").append(name)
          .append("\" alt=\"").append(esc(e.getKey())).append(" curves\">\n");
    }
  }

  /** The input × cell grid of heat maps, and the baseline weights of each cell per input. */
  private static void heatMaps(StringBuilder h, Path dir, Path img) throws IOException {
    Path root = dir.resolve(FOLDER).resolve(AttributionFiles.FOLDER);
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> samples;
    try (Stream<Path> s = Files.list(root)) {
      samples = s.filter(Files::isDirectory).sorted().toList();
    }
    h.append("<h2>Attributions</h2>\n<p>Channel-summed maps, red positive, blue negative (diverging RdBu, ")
        .append("scaled to the 99th percentile of |A|), over the input's luminance.</p>\n<table class=\"grid\">\n");
    Set<String> cells = new LinkedHashSet<>();
    for (Path sd : samples) {
      for (String line : Files.readAllLines(sd.resolve("cells.txt"), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          cells.add(line);
        }
      }
    }
    h.append("<tr><th>input</th>");
    for (String c : cells) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr>\n");
    StringBuilder weights = new StringBuilder();
    int k = 0;
    for (Path sd : samples) {
      NpyArray in = Npy.read(sd.resolve("input.npy"));
      Shape s = Shape.of(in.shape()[0], in.shape()[1], in.shape()[2]);
      float[] x = in.floats();
      String sampleId = Files.readString(sd.resolve("sample.txt"), StandardCharsets.UTF_8).strip();
      String inName = "input-" + k + ".png";
      Images.write(Images.input(x, s, SCALE), img.resolve(inName));
      h.append("<tr><td><img src=\"").append(FOLDER).append("/img/").append(inName).append("\" alt=\"input ")
          .append(esc(sampleId)).append("\"><br>").append(esc(sampleId)).append("</td>");
      int j = 0;
      for (String c : cells) {
        Path map = sd.resolve(AttributionFiles.fileName(c) + ".npy");
        h.append("<td>");
        if (Files.isRegularFile(map)) {
          String name = "map-" + k + "-" + (j) + ".png";
          Images.write(Images.heatMap(Npy.read(map).floats(), x, s, SCALE), img.resolve(name));
          h.append("<img src=\"").append(FOLDER).append("/img/").append(name).append("\" alt=\"")
              .append(esc(c)).append(" on ").append(esc(sampleId)).append("\">");
          weightRow(weights, sd, c, sampleId);
        }
        h.append("</td>");
        j++;
      }
      h.append("</tr>\n");
      k++;
    }
    h.append("</table>\n");
    if (weights.length() > 0) {
      h.append("<h2>Baseline weights</h2>\n<p>w<sub>k</sub> per baseline for aggregators that weight or drop baselines "
          + "(which baselines each method trusted), with D<sub>α</sub> in brackets.</p>\n<table id=\"weights\">\n"
          + "<tr><th>input</th><th>cell</th><th>baselines: weight [D]</th></tr>\n").append(weights).append("</table>\n");
    }
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

  private static void provenance(StringBuilder h, Path dir) throws IOException {
    Path file = dir.resolve(ProvenanceWriter.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return;
    }
    Provenance p = ProvenanceReader.read(file);
    h.append("<h2>Provenance</h2>\n<table id=\"provenance\">\n");
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
    h.append("</table>\n<details><summary>full provenance.json</summary><pre>")
        .append(esc(Files.readString(file, StandardCharsets.UTF_8))).append("</pre></details>\n");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.4g", v);
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
