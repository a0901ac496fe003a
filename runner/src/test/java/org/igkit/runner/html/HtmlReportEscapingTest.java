package org.igkit.runner.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report escapes every string a user supplies. The loader already restricts method and
 * experiment names, so this writes a run folder by hand whose experiment name, method, cells,
 * sample ids, metric and baseline names are markup, and checks that the only script in the page
 * is the report's own image check and that no user string appears unescaped.
 */
class HtmlReportEscapingTest {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(2)>";
  static final String QUOTE = "' onmouseover='alert(3)";

  @Test
  void everyUserSuppliedStringIsEscaped(@TempDir Path dir) throws Exception {
    String method = SCRIPT;
    String cell1 = SCRIPT + "[stepRule.steps=8]";
    String cell2 = IMG + "&x";
    String sample1 = "s" + SCRIPT;
    String sample2 = QUOTE;
    String metric = "deletion-auc" + IMG;
    List<ResultRow> rows = new ArrayList<>();
    for (String s : List.of(sample1, sample2)) {
      for (String c : List.of(cell1, cell2)) {
        double v = s.length() + c.length();
        rows.add(new ResultRow(s, c, method, metric, v / 100, new double[] {0, 1}, new double[] {1, v / 100}));
      }
    }
    try (ResultStore store = ResultStore.open(dir)) {
      for (ResultRow r : rows) {
        store.append(List.of(r));
      }
    }
    Path sd = Files.createDirectories(dir.resolve(HtmlReport.FOLDER).resolve(AttributionFiles.FOLDER).resolve("0"));
    float[] x = new float[3 * 4 * 4];
    Npy.write(sd.resolve("input.npy"), NpyArray.float32(x, 3, 4, 4));
    Files.writeString(sd.resolve("sample.txt"), sample1, StandardCharsets.UTF_8);
    Files.writeString(sd.resolve("cells.txt"), cell1 + "\n" + cell2 + "\n", StandardCharsets.UTF_8);
    for (String c : List.of(cell1, cell2)) {
      Npy.write(sd.resolve(AttributionFiles.fileName(c) + ".npy"), NpyArray.float32(x, 3, 4, 4));
      Npy.write(sd.resolve(AttributionFiles.fileName(c) + ".weights.npy"), NpyArray.float64(new double[] {0.5, 0.5}, 2));
      Npy.write(sd.resolve(AttributionFiles.fileName(c) + ".fitness.npy"), NpyArray.float64(new double[] {3, 4}, 2));
      Files.writeString(sd.resolve(AttributionFiles.fileName(c) + ".baselines.txt"),
          "black" + SCRIPT + "\n" + IMG + "\n", StandardCharsets.UTF_8);
    }
    Summary summary = Summary.compute(rows, cell1, Map.of(metric, false));

    Path page = HtmlReport.write(dir, "exp" + SCRIPT + QUOTE, summary);

    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("alert(1)</script>").doesNotContain("<img src=x")
        .doesNotContain("' onmouseover=");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
        .contains("&#39; onmouseover=&#39;alert(3)")
        .contains("black&lt;script&gt;");
    // the curve's inline SVG (title, legend) and the standalone figure escape the names too
    assertThat(html).contains("<g class=\"entry\"><title>&lt;script&gt;alert(1)&lt;/script&gt;[stepRule.steps=8]</title>");
    try (var figs = Files.list(dir.resolve(HtmlReport.FOLDER).resolve(HtmlReport.FIGURES))) {
      for (Path f : figs.filter(f -> f.toString().endsWith(".svg")).toList()) {
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).doesNotContain("alert(1)</script>").doesNotContain("<img src=x");
      }
    }
    Matcher scripts = Pattern.compile("<script").matcher(html);
    int n = 0;
    while (scripts.find()) {
      n++;
    }
    assertThat(n).as("only the report's own script").isEqualTo(1);
    assertThat(html).containsOnlyOnce("<script>window.addEventListener('load'");
    // every attribute value is quoted and holds no raw quote or angle bracket of user origin
    Matcher attrs = Pattern.compile("\\s(alt|src|id|class|title|href)=\"([^\"]*)\"").matcher(html);
    while (attrs.find()) {
      assertThat(attrs.group(2)).doesNotContain("<").doesNotContain(">");
    }
  }

  @Test
  void escapeCoversTheFiveMarkupCharacters() {
    assertThat(HtmlReport.esc("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(HtmlReport.esc(null)).isEmpty();
  }
}
