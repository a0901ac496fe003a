package org.igkit.runner.html;

import java.util.List;
import java.util.Locale;

/**
 * Vector figures as SVG text: a chart of mean curves with their 95 % confidence bands, and the
 * heat maps' colour bar. Every user string is escaped; the same text is inlined in the page and
 * written as a standalone {@code .svg} file.
 */
final class Svg {

  /** One method's curve: the mean over samples and its 95 % band at each x. */
  record Series(String name, double[] x, double[] mean, double[] lower, double[] upper, int n) {}

  static final int CHART_WIDTH = 720;
  private static final int PLOT_LEFT = 60;
  private static final int PLOT_WIDTH = 400;
  private static final int PLOT_TOP = 34;
  private static final int PLOT_HEIGHT = 280;
  private static final int LEGEND_LEFT = PLOT_LEFT + PLOT_WIDTH + 24;
  private static final int LEGEND_ROW = 18;
  private static final int LEGEND_CHARS = 34;

  private Svg() {}

  /**
   * A line chart: both axes start at 0 (the y axis at the smallest band value when that is
   * negative) and end at a round number at or above the largest value (at least 1); each series a
   * line in its {@link Palette} style over its band at 20 % opacity; the legend at the right.
   */
  static String chart(String title, String xLabel, String yLabel, List<Series> series) {
    double xMax = 1;
    double yMax = 1;
    double yMin = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xMax = Math.max(xMax, finite(s.x()[i]));
        yMax = Math.max(yMax, Math.max(finite(s.mean()[i]), finite(s.upper()[i])));
        yMin = Math.min(yMin, Math.min(finite(s.mean()[i]), finite(s.lower()[i])));
      }
    }
    xMax = round(xMax);
    yMax = round(yMax);
    yMin = yMin < 0 ? -round(-yMin) : 0;
    int height = Math.max(PLOT_TOP + PLOT_HEIGHT + 50, PLOT_TOP + LEGEND_ROW * (series.size() + 1));
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(CHART_WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n<title>").append(HtmlReport.esc(title)).append("</title>\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        .append("<text x=\"").append(PLOT_LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">").append(HtmlReport.esc(title)).append("</text>\n");
    // axes, ticks, grid
    for (int k = 0; k <= 5; k++) {
      double xv = xMax * k / 5;
      double yv = yMin + (yMax - yMin) * k / 5;
      double px = px(xv, xMax);
      double py = py(yv, yMin, yMax);
      b.append("<line x1=\"").append(f(px)).append("\" y1=\"").append(PLOT_TOP + PLOT_HEIGHT).append("\" x2=\"").append(f(px))
          .append("\" y2=\"").append(PLOT_TOP + PLOT_HEIGHT + 5).append("\" stroke=\"#000\"/>")
          .append("<text x=\"").append(f(px)).append("\" y=\"").append(PLOT_TOP + PLOT_HEIGHT + 18).append("\" text-anchor=\"middle\">")
          .append(tick(xv)).append("</text>\n");
      b.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(f(py)).append("\" x2=\"").append(PLOT_LEFT + PLOT_WIDTH)
          .append("\" y2=\"").append(f(py)).append("\" stroke=\"#e5e5e5\"/>")
          .append("<text x=\"").append(PLOT_LEFT - 6).append("\" y=\"").append(f(py + 4)).append("\" text-anchor=\"end\">")
          .append(tick(yv)).append("</text>\n");
    }
    b.append("<rect x=\"").append(PLOT_LEFT).append("\" y=\"").append(PLOT_TOP).append("\" width=\"").append(PLOT_WIDTH)
        .append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"none\" stroke=\"#000\"/>\n")
        .append("<text x=\"").append(PLOT_LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(PLOT_TOP + PLOT_HEIGHT + 38)
        .append("\" text-anchor=\"middle\">").append(HtmlReport.esc(xLabel)).append("</text>\n")
        .append("<text transform=\"translate(16 ").append(PLOT_TOP + PLOT_HEIGHT / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(HtmlReport.esc(yLabel)).append("</text>\n");
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = Palette.colour(i);
      StringBuilder band = new StringBuilder();
      for (int j = 0; j < s.x().length; j++) {
        band.append(j == 0 ? "M" : "L").append(f(px(s.x()[j], xMax))).append(',').append(f(py(finite(s.upper()[j]), yMin, yMax)));
      }
      for (int j = s.x().length - 1; j >= 0; j--) {
        band.append('L').append(f(px(s.x()[j], xMax))).append(',').append(f(py(finite(s.lower()[j]), yMin, yMax)));
      }
      if (s.n() >= 2 && s.x().length > 0) {
        b.append("<path class=\"band\" d=\"").append(band).append("Z\" fill=\"").append(colour).append("\" fill-opacity=\"0.2\" stroke=\"none\"/>\n");
      }
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < s.x().length; j++) {
        line.append(j == 0 ? "M" : "L").append(f(px(s.x()[j], xMax))).append(',').append(f(py(finite(s.mean()[j]), yMin, yMax)));
      }
      b.append("<path class=\"mean\" d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\"").append(dash(i)).append("/>\n");
    }
    b.append("<g class=\"legend\">\n");
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      int y = PLOT_TOP + LEGEND_ROW * i + 8;
      String name = s.name().length() > LEGEND_CHARS ? s.name().substring(0, LEGEND_CHARS - 1) + "…" : s.name();
      b.append("<g class=\"entry\"><title>").append(HtmlReport.esc(s.name())).append("</title><line x1=\"").append(LEGEND_LEFT)
          .append("\" y1=\"").append(y).append("\" x2=\"").append(LEGEND_LEFT + 28).append("\" y2=\"").append(y)
          .append("\" stroke=\"").append(Palette.colour(i)).append("\" stroke-width=\"2.5\"").append(dash(i)).append("/><text x=\"")
          .append(LEGEND_LEFT + 34).append("\" y=\"").append(y + 4).append("\">").append(HtmlReport.esc(name))
          .append(" (n=").append(s.n()).append(")</text></g>\n");
    }
    b.append("</g>\n<text x=\"").append(LEGEND_LEFT).append("\" y=\"").append(PLOT_TOP + LEGEND_ROW * series.size() + 12)
        .append("\" font-size=\"10\" fill=\"#555\">line: mean; band: 95 % CI of the mean</text>\n</svg>\n");
    return b.toString();
  }

  /**
   * The colour bar of a heat-map sign mode, 11 stops of its colour map: diverging from −s through 0
   * to +s, the others from 0 to s, where s is each map's scale, printed under it.
   */
  static String colourBar(String sign) {
    boolean diverging = "diverging".equals(sign);
    int w = 360;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"colourbar\" width=\"").append(w).append("\" height=\"52\" viewBox=\"0 0 ")
        .append(w).append(" 52\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n<title>colour bar (")
        .append(HtmlReport.esc(sign)).append(")</title>\n<defs><linearGradient id=\"cb-").append(HtmlReport.esc(sign)).append("\">");
    for (int k = 0; k <= 10; k++) {
      double t = k / 10.0;
      int rgb = diverging ? ColourMaps.diverging(2 * t - 1) : ColourMaps.sequential(t);
      b.append("<stop offset=\"").append(f(t)).append("\" stop-color=\"").append(ColourMaps.hex(rgb)).append("\"/>");
    }
    b.append("</linearGradient></defs>\n<rect x=\"20\" y=\"4\" width=\"").append(w - 40).append("\" height=\"18\" fill=\"url(#cb-")
        .append(HtmlReport.esc(sign)).append(")\" stroke=\"#000\"/>\n");
    String[] labels = diverging ? new String[] {"−s", "0", "+s"} : new String[] {"0", "s/2", "s"};
    for (int k = 0; k < 3; k++) {
      double x = 20 + (w - 40) * k / 2.0;
      b.append("<text x=\"").append(f(x)).append("\" y=\"38\" text-anchor=\"middle\">").append(labels[k]).append("</text>");
    }
    b.append("\n<text x=\"").append(w / 2).append("\" y=\"50\" text-anchor=\"middle\" font-size=\"10\">")
        .append(diverging ? "A: negative (blue) to positive (red)" : "positive".equals(sign) ? "max(A, 0)" : "|A|")
        .append("; s = the map's scale</text>\n</svg>\n");
    return b.toString();
  }

  private static String dash(int i) {
    String d = Palette.dash(i);
    return d.isEmpty() ? "" : " stroke-dasharray=\"" + d + "\"";
  }

  private static double px(double x, double xMax) {
    return PLOT_LEFT + PLOT_WIDTH * finite(x) / xMax;
  }

  private static double py(double y, double yMin, double yMax) {
    return PLOT_TOP + PLOT_HEIGHT * (1 - (y - yMin) / (yMax - yMin));
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^k at or above v (v &gt; 0). */
  static double round(double v) {
    double e = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * e >= v * (1 - 1e-12)) {
        return m * e;
      }
    }
    return 10 * e;
  }

  /** 3 significant digits without trailing zeros: 0, 0.2, 1, 2.5, 1e+03. */
  static String tick(double v) {
    String t = String.format(Locale.ROOT, "%.3g", Math.abs(v) < 1e-12 ? 0.0 : v);
    if (t.contains(".") && !t.contains("e")) {
      t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return t;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
