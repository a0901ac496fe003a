package org.igkit.runner.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.igkit.runner.config.ReportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page a researcher pastes from, for the quick start's shape (5 methods, 32×32, 24 samples)
 * and a user's 224×224 model with 9 methods: fixed width, images referenced exist and decode at a
 * bounded size, vector curves with legend and bands, a colour bar, the selection stated, class and
 * score per row, flags with reasons, and exports equal to the tables shown. A browser check runs
 * where Chromium is installed.
 */
class HtmlReportPageTest {

  static final List<String> QUICKSTART = List.of("IG", "IG-IDGI", "EG", "WG", "filtered-WG");
  static final List<String> NINE = List.of("IG", "IG-IDGI", "EG", "WG", "filtered-WG", "GuidedIG", "BlurIG", "chance-like", "random");

  @Test
  void theQuickStartPage(@TempDir Path dir) throws Exception {
    ReportRunFolder run = ReportRunFolder.write(dir, QUICKSTART, 24, 8, 32, -1);
    Path page = HtmlReport.write(dir, "quickstart", run.summary("EG"));
    String html = Files.readString(page, StandardCharsets.UTF_8);
    checkLayout(dir, html, QUICKSTART.size(), 8);
    assertThat(html).contains("Showing the first 8 of 24 samples");
    assertThat(html).contains("<p id=\"flags\">None");
    assertThat(count(html, "class 3, score 0.9375")).isEqualTo(8);
  }

  @Test
  void aNineMethodRunOn224By224Images(@TempDir Path dir) throws Exception {
    ReportRunFolder run = ReportRunFolder.write(dir, NINE, 12, 10, 224, 11);
    Path page = HtmlReport.write(dir, "user-model", run.summary("EG"), new ReportOptions(null, 10, null, null));
    String html = Files.readString(page, StandardCharsets.UTF_8);
    checkLayout(dir, html, NINE.size(), 10);
    assertThat(html).contains("Showing the first 10 of 12 samples");
    assertThat(count(html, "<details class=\"page\"")).as("10 rows, 8 per page").isEqualTo(2);
    // flags, each with its reason next to the number
    assertThat(flags(html, "completeness")).hasSize(1).allSatisfy(f -> assertThat(f).contains("GuidedIG").contains("do not add up"));
    assertThat(flags(html, "chance")).hasSize(1).allSatisfy(f -> assertThat(f).contains("chance-like").contains("random"));
    assertThat(flags(html, "failed")).hasSize(1).allSatisfy(f -> assertThat(f).contains("img-11").contains("truncated PNG data"));
    // the two completeness quantities have different names on the page
    assertThat(html).contains(HtmlReport.COMPLETENESS_ERROR_LABEL).doesNotContain("<th>diag.completeness-gap</th>");
  }

  @Test
  void theExportsHoldTheTablesExactlyAsShown(@TempDir Path dir) throws Exception {
    ReportRunFolder run = ReportRunFolder.write(dir, QUICKSTART, 7, 0, 8, -1);
    String html = Files.readString(HtmlReport.write(dir, "q", run.summary("EG")), StandardCharsets.UTF_8);
    for (String table : List.of("summary", "comparisons", "diagnostics")) {
      List<List<String>> shown = htmlTable(html, table);
      List<String> csv = Files.readAllLines(dir.resolve("report/table-" + table + ".csv"), StandardCharsets.UTF_8);
      assertThat(csv).hasSize(shown.size());
      for (int i = 0; i < shown.size(); i++) {
        assertThat(csv.get(i)).isEqualTo(String.join(",", shown.get(i).stream()
            .map(c -> c.contains(",") ? "\"" + c + "\"" : c).toList()));
      }
      String tex = Files.readString(dir.resolve("report/table-" + table + ".tex"), StandardCharsets.UTF_8);
      assertThat(tex).contains("\\toprule").contains("\\midrule").contains("\\bottomrule");
      assertThat(count(tex, " \\\\\n")).isEqualTo(shown.size());
    }
  }

  @Test
  void belowSixPairsThePageGivesNoPValueAndSaysWhy(@TempDir Path dir) throws Exception {
    ReportRunFolder run = ReportRunFolder.write(dir, QUICKSTART, 3, 0, 8, -1);
    String html = Files.readString(HtmlReport.write(dir, "q", run.summary("EG")), StandardCharsets.UTF_8);
    List<List<String>> cmp = htmlTable(html, "comparisons");
    assertThat(cmp).hasSize(1 + 4);
    assertThat(cmp.subList(1, cmp.size())).allSatisfy(r -> assertThat(r.subList(5, 7)).containsExactly("n < 6", "n < 6"));
    assertThat(html).contains("cannot go below 2/2<sup>5</sup> = 0.0625");
  }

  @Test
  void theBrowserShowsTheNineMethodPageWithinSixteenHundredPixels(@TempDir Path dir) throws Exception {
    String browser = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
        .filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    assumeTrue(browser != null, "no Chromium installed; the DOM-level checks above still ran");
    ReportRunFolder run = ReportRunFolder.write(dir, NINE, 12, 10, 224, 11);
    Path page = HtmlReport.write(dir, "user-model", run.summary("EG"), new ReportOptions(null, 10, null, null));
    Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--window-size=1600,1200", "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String dom = new String(out, StandardCharsets.UTF_8);
    assertThat(attribute(dom, "data-broken-images")).isEqualTo(0);
    assertThat(attribute(dom, "data-images")).isEqualTo(10 * (1 + NINE.size()) - 0);
    assertThat(attribute(dom, "data-page-width")).isBetween(1, 1600);
  }

  /** The checks every page must pass. */
  private static void checkLayout(Path dir, String html, int cells, int rows) throws Exception {
    assertThat(html).contains("max-width:" + HtmlReport.PAGE_WIDTH + "px");
    assertThat(HtmlReport.PAGE_WIDTH).isLessThanOrEqualTo(1600 - 64);
    // every table scrolls inside its block, so none widens the page
    assertThat(count(html, "<table")).isEqualTo(count(html, "<div class=\"scroll\"><table"));
    // thumbnails: fixed display size, the grid fits the content width
    Matcher css = Pattern.compile("\\.grid img\\{[^}]*width:(\\d+)px").matcher(html);
    assertThat(css.find()).isTrue();
    int thumb = Integer.parseInt(css.group(1));
    assertThat(thumb).isBetween(HtmlReport.MIN_THUMBNAIL, HtmlReport.THUMBNAIL);
    assertThat((cells + 1) * (thumb + 4 + 4 + 2)).isLessThanOrEqualTo(HtmlReport.PAGE_WIDTH);
    Matcher imgs = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\"").matcher(html);
    int n = 0;
    while (imgs.find()) {
      n++;
      assertThat(Integer.parseInt(imgs.group(2))).isLessThanOrEqualTo(HtmlReport.THUMBNAIL);
      Path file = dir.resolve(imgs.group(1));
      assertThat(file).isRegularFile();
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
      assertThat(img).as("%s decodes", file).isNotNull();
      assertThat(Math.max(img.getWidth(), img.getHeight())).isBetween(HtmlReport.THUMBNAIL, 2 * HtmlReport.THUMBNAIL);
    }
    assertThat(count(html, "<img")).isEqualTo(n).isEqualTo(rows * (cells + 1));
    Matcher svgs = Pattern.compile("<svg [^>]*width=\"(\\d+)\"").matcher(html);
    int charts = 0;
    while (svgs.find()) {
      assertThat(Integer.parseInt(svgs.group(1))).isLessThanOrEqualTo(HtmlReport.PAGE_WIDTH);
      charts++;
    }
    assertThat(charts).isEqualTo(2); // the deletion chart and the colour bar
    assertThat(html).contains("id=\"colourbar\"");
    Matcher legend = Pattern.compile("<g class=\"legend\">(.*?)</g>\n<text", Pattern.DOTALL).matcher(html);
    assertThat(legend.find()).isTrue();
    assertThat(count(legend.group(1), "<g class=\"entry\">")).isEqualTo(cells);
    assertThat(count(html, "<path class=\"band\"")).isEqualTo(cells);
    // every figure is a standalone file that parses
    try (Stream<Path> figs = Files.list(dir.resolve("report/fig"))) {
      for (Path f : figs.filter(f -> f.toString().endsWith(".svg")).toList()) {
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile()).getDocumentElement().getNodeName())
            .isEqualTo("svg");
      }
    }
    assertThat(dir.resolve("report/fig/curve-deletion-auc.svg")).isRegularFile();
    assertThat(dir.resolve("report/fig/colourbar-diverging.svg")).isRegularFile();
    assertThat(dir.resolve("report/fig/heatmap-img-0--IG.png")).isRegularFile();
  }

  private static List<String> flags(String html, String kind) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<li class=\"flag\" data-flag=\"" + kind + "\">(.*?)</li>").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The cell texts of the table with {@code id}, header first, markup removed and unescaped. */
  static List<List<String>> htmlTable(String html, String id) {
    Matcher t = Pattern.compile("<table id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    assertThat(t.find()).as("table %s", id).isTrue();
    List<List<String>> rows = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(t.group(1));
    while (tr.find()) {
      List<String> cells = new ArrayList<>();
      Matcher td = Pattern.compile("<t[hd]>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
      while (td.find()) {
        cells.add(td.group(1).replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
            .replace("&#39;", "'").replace("&amp;", "&"));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static int attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
    assertThat(m.find()).as("%s in the rendered page", name).isTrue();
    return Integer.parseInt(m.group(1));
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
