package org.igkit.runner.html;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.igkit.api.model.Shape;
import org.igkit.runner.results.AtomicFiles;

/**
 * Renders inputs and attribution maps as PNG thumbnails whose longer side is at most
 * {@value #MAX_PIXELS} pixels (twice the page's largest display size, for sharp high-DPI
 * screens): a small image is enlarged by a whole factor with nearest-neighbour pixels, a large one
 * shrunk by averaging the pixels each thumbnail pixel covers.
 */
final class Images {

  /** The longest side of a rendered thumbnail. */
  static final int MAX_PIXELS = 256;

  /** A heat map and the attribution value its colour map's end stands for. */
  record HeatMap(BufferedImage image, double scale) {}

  private Images() {}

  /** The input, C×H×W in [0, 1], as RGB (one channel: gray). */
  static BufferedImage input(float[] x, Shape s) {
    int[] rgb = new int[s.pixels()];
    for (int y = 0; y < s.height(); y++) {
      for (int xx = 0; xx < s.width(); xx++) {
        int r = level(x[s.index(0, y, xx)]);
        int g = s.channels() >= 3 ? level(x[s.index(1, y, xx)]) : r;
        int b = s.channels() >= 3 ? level(x[s.index(2, y, xx)]) : r;
        rgb[y * s.width() + xx] = (r << 16) | (g << 8) | b;
      }
    }
    return fit(rgb, s.width(), s.height());
  }

  /**
   * The channel-summed map A(p) = Σ_c A(c, p) in the colour map of {@code sign}, over the input's
   * luminance at 35 %: {@code diverging} colours A / s with s the 99th percentile of |A|;
   * {@code absolute} colours |A| / s likewise; {@code positive} colours max(A, 0) / s with s the
   * 99th percentile of the positive values. The percentile keeps one extreme pixel from washing
   * out the rest; values beyond s get the end colour.
   */
  static HeatMap heatMap(float[] map, float[] x, Shape s, String sign) {
    int p = s.pixels();
    double[] v = new double[p];
    for (int c = 0; c < s.channels(); c++) {
      for (int i = 0; i < p; i++) {
        v[i] += map[c * p + i];
      }
    }
    for (int i = 0; i < p; i++) {
      v[i] = switch (sign) {
        case "positive" -> Math.max(0, v[i]);
        case "absolute" -> Math.abs(v[i]);
        default -> v[i];
      };
    }
    double scale = scale(v, sign);
    int[] rgb = new int[p];
    for (int i = 0; i < p; i++) {
      double lum = 0;
      for (int c = 0; c < s.channels(); c++) {
        lum += x[c * p + i] / s.channels();
      }
      int gray = level(lum);
      rgb[i] = ColourMaps.mix(ColourMaps.of(sign, v[i] / scale), (gray << 16) | (gray << 8) | gray, 0.35);
    }
    return new HeatMap(fit(rgb, s.width(), s.height()), scale);
  }

  /** The 99th percentile (nearest rank below) of |v| (positive mode: of the values above 0); 1 when all are 0. */
  static double scale(double[] v, String sign) {
    double[] a = Arrays.stream(v).map(Math::abs).filter(d -> !"positive".equals(sign) || d > 0).sorted().toArray();
    if (a.length == 0) {
      return 1;
    }
    double top = a[(int) Math.floor(0.99 * (a.length - 1))];
    if (!(top > 0)) {
      top = a[a.length - 1] > 0 ? a[a.length - 1] : 1;
    }
    return top;
  }

  /** Fits a w×h RGB raster into {@value #MAX_PIXELS} pixels (see the class comment). */
  static BufferedImage fit(int[] rgb, int w, int h) {
    int longest = Math.max(w, h);
    if (longest <= MAX_PIXELS) {
      int k = Math.max(1, MAX_PIXELS / longest);
      BufferedImage img = new BufferedImage(w * k, h * k, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < h * k; y++) {
        for (int x = 0; x < w * k; x++) {
          img.setRGB(x, y, rgb[(y / k) * w + x / k]);
        }
      }
      return img;
    }
    int ow = Math.max(1, (int) Math.round((double) w * MAX_PIXELS / longest));
    int oh = Math.max(1, (int) Math.round((double) h * MAX_PIXELS / longest));
    BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    for (int oy = 0; oy < oh; oy++) {
      int y0 = (int) ((long) oy * h / oh);
      int y1 = Math.max(y0 + 1, (int) (((long) oy + 1) * h / oh));
      for (int ox = 0; ox < ow; ox++) {
        int x0 = (int) ((long) ox * w / ow);
        int x1 = Math.max(x0 + 1, (int) (((long) ox + 1) * w / ow));
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int c = rgb[y * w + x];
            r += (c >> 16) & 0xFF;
            g += (c >> 8) & 0xFF;
            b += c & 0xFF;
          }
        }
        long n = (long) (y1 - y0) * (x1 - x0);
        img.setRGB(ox, oy, (int) (Math.round((double) r / n) << 16 | Math.round((double) g / n) << 8 | Math.round((double) b / n)));
      }
    }
    return img;
  }

  /** Writes a PNG atomically. */
  static void write(BufferedImage img, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    AtomicFiles.write(file, out.toByteArray());
  }

  private static int level(double v) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }
}
