package org.igkit.runner.html;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.igkit.api.model.Shape;
import org.igkit.runner.results.AtomicFiles;

/** Renders inputs and attribution maps as PNG images, enlarged with nearest-neighbour pixels. */
final class Images {

  private Images() {}

  /** The input, C×H×W in [0, 1], as RGB (one channel: gray), {@code scale}× enlarged. */
  static BufferedImage input(float[] x, Shape s, int scale) {
    BufferedImage img = new BufferedImage(s.width() * scale, s.height() * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < s.height(); y++) {
      for (int xx = 0; xx < s.width(); xx++) {
        int r = level(x[s.index(0, y, xx)]);
        int g = s.channels() >= 3 ? level(x[s.index(1, y, xx)]) : r;
        int b = s.channels() >= 3 ? level(x[s.index(2, y, xx)]) : r;
        fill(img, xx, y, scale, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  /**
   * The channel-summed map in a diverging colour map, scaled by the 99th percentile of |value| so
   * that one extreme pixel does not wash the rest out, over the input's luminance at 35 %.
   */
  static BufferedImage heatMap(float[] map, float[] x, Shape s, int scale) {
    int p = s.pixels();
    double[] sum = new double[p];
    for (int c = 0; c < s.channels(); c++) {
      for (int i = 0; i < p; i++) {
        sum[i] += map[c * p + i];
      }
    }
    double[] abs = Arrays.stream(sum).map(Math::abs).sorted().toArray();
    double top = abs[Math.min(abs.length - 1, (int) Math.floor(0.99 * (abs.length - 1)))];
    if (!(top > 0)) {
      top = abs[abs.length - 1] > 0 ? abs[abs.length - 1] : 1;
    }
    BufferedImage img = new BufferedImage(s.width() * scale, s.height() * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < s.height(); y++) {
      for (int xx = 0; xx < s.width(); xx++) {
        int i = y * s.width() + xx;
        int heat = ColourMaps.diverging(sum[i] / top);
        double lum = 0;
        for (int c = 0; c < s.channels(); c++) {
          lum += x[c * p + i] / s.channels();
        }
        int gray = level(lum);
        fill(img, xx, y, scale, ColourMaps.mix(heat, (gray << 16) | (gray << 8) | gray, 0.35));
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

  private static void fill(BufferedImage img, int x, int y, int scale, int rgb) {
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        img.setRGB(x * scale + dx, y * scale + dy, rgb);
      }
    }
  }
}
