package org.igkit.runner.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.Shape;

/** Reads images into C×H×W floats in [0, 1] and masks into H×W {0, 1}, resizing as asked. */
public final class ImageIo {

  private ImageIo() {}

  /**
   * Reads an image file.
   *
   * @throws SampleFaultException (corrupt image) naming the file when it is not a readable image
   */
  public static BufferedImage read(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE,
            file + ": not an image format Java can read (use PNG, JPEG, BMP or GIF)");
      }
      return img;
    } catch (IOException e) {
      throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE,
          file + ": cannot read image: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the image as C×H×W floats in [0, 1] (RGB order; one channel = luminance), resized
   * bilinearly to {@code shape} when its size differs.
   */
  public static float[] toArray(BufferedImage img, Shape shape) {
    int w = img.getWidth();
    int h = img.getHeight();
    int c = shape.channels();
    if (c != 1 && c != 3) {
      throw new IllegalArgumentException("images must have 1 or 3 channels, the model asks for " + c);
    }
    float[] full = new float[c * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float g = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        if (c == 3) {
          full[y * w + x] = r;
          full[(h + y) * w + x] = g;
          full[(2 * h + y) * w + x] = b;
        } else {
          full[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
        }
      }
    }
    return resize(full, Shape.of(c, h, w), shape);
  }

  /** Returns an H×W mask: 1 where the image's first channel is above one half, else 0. */
  public static float[] toMask(BufferedImage img, int height, int width) {
    int w = img.getWidth();
    int h = img.getHeight();
    float[] m = new float[height * width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int sx = Math.min(w - 1, (int) ((x + 0.5) * w / width));
        int sy = Math.min(h - 1, (int) ((y + 0.5) * h / height));
        int v = (img.getRGB(sx, sy) >> 16) & 0xFF;
        m[y * width + x] = v > 127 ? 1f : 0f;
      }
    }
    return m;
  }

  /** Bilinear resize with half-pixel centres (align_corners = false); a copy when sizes match. */
  public static float[] resize(float[] src, Shape from, Shape to) {
    if (from.height() == to.height() && from.width() == to.width()) {
      return src.clone();
    }
    int hs = from.height();
    int ws = from.width();
    int ht = to.height();
    int wt = to.width();
    float[] out = new float[to.size()];
    for (int c = 0; c < to.channels(); c++) {
      for (int y = 0; y < ht; y++) {
        double sy = Math.max(0, (y + 0.5) * hs / ht - 0.5);
        int y0 = Math.min((int) sy, hs - 1);
        int y1 = Math.min(y0 + 1, hs - 1);
        double fy = sy - y0;
        for (int x = 0; x < wt; x++) {
          double sx = Math.max(0, (x + 0.5) * ws / wt - 0.5);
          int x0 = Math.min((int) sx, ws - 1);
          int x1 = Math.min(x0 + 1, ws - 1);
          double fx = sx - x0;
          int base = c * hs * ws;
          double v =
              (1 - fy) * ((1 - fx) * src[base + y0 * ws + x0] + fx * src[base + y0 * ws + x1])
                  + fy * ((1 - fx) * src[base + y1 * ws + x0] + fx * src[base + y1 * ws + x1]);
          out[(c * ht + y) * wt + x] = (float) v;
        }
      }
    }
    return out;
  }
}
