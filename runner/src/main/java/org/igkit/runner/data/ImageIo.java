package org.igkit.runner.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.image.Bilinear;
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
   * bilinearly ({@link Bilinear}) to {@code shape} when its size differs.
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
    if (h == shape.height() && w == shape.width()) {
      return full;
    }
    return Bilinear.resize(full, c, h, w, shape.height(), shape.width());
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
}
