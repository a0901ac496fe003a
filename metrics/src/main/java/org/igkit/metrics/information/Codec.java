package org.igkit.metrics.information;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.igkit.api.model.Shape;

/**
 * The lossless codec whose output size stands for an image's information ("normalised entropy"
 * of XRAI's performance information curves). XRAI's reference encodes lossless WebP with Pillow;
 * the JDK has no WebP encoder, so igkit uses a codec the JDK has. Both take the image quantised
 * to 8 bits ({@link #quantise}).
 */
public enum Codec {
  /**
   * PNG from the JDK's ImageIO writer (its default deflate level and per-row adaptive filters),
   * 8-bit grey for C = 1, 8-bit RGB for C = 3; for any other C each channel is encoded as a grey
   * PNG and the sizes are added. Closest to WebP lossless: both predict pixels from their
   * neighbours before entropy coding.
   */
  PNG,
  /**
   * {@link Deflater} at level 9 (default strategy, zlib wrapper) over the 8-bit values in
   * H×W×C order (channels interleaved per pixel, rows top to bottom), without prediction.
   */
  DEFLATE;

  /**
   * Returns the 8-bit H×W×C (interleaved) bytes of a C×H×W image:
   * q = ⌊255·t + 1/2⌋ with t = (v − min)/(max − min) clamped to [0, 1].
   */
  public static byte[] quantise(float[] image, Shape shape, double min, double max) {
    int pixels = shape.pixels();
    int channels = shape.channels();
    byte[] out = new byte[image.length];
    double span = max - min;
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < pixels; p++) {
        double t = (image[c * pixels + p] - min) / span;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        out[p * channels + c] = (byte) (int) Math.floor(255 * t + 0.5);
      }
    }
    return out;
  }

  /** Returns the size in bytes of the encoded 8-bit image ({@link #quantise}'s layout). */
  public long size(byte[] hwc, Shape shape) {
    return switch (this) {
      case DEFLATE -> deflatedSize(hwc);
      case PNG -> pngSize(hwc, shape);
    };
  }

  private static long deflatedSize(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      d.setInput(data);
      d.finish();
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        d.deflate(buf);
      }
      return d.getBytesWritten();
    } finally {
      d.end();
    }
  }

  private static long pngSize(byte[] hwc, Shape shape) {
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    if (c == 1 || c == 3) {
      return encodedPng(image(hwc, 0, c, c, h, w));
    }
    long total = 0;
    for (int k = 0; k < c; k++) {
      total += encodedPng(image(hwc, k, c, 1, h, w));
    }
    return total;
  }

  /** A grey (bands = 1) or RGB (bands = 3) image of channels first … first + bands − 1. */
  private static BufferedImage image(byte[] hwc, int first, int stride, int bands, int h, int w) {
    BufferedImage img = new BufferedImage(w, h, bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster r = img.getRaster();
    int[] px = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int at = (y * w + x) * stride + first;
        for (int b = 0; b < bands; b++) {
          px[b] = hwc[at + b] & 0xFF;
        }
        r.setPixel(x, y, px);
      }
    }
    return img;
  }

  private static long encodedPng(BufferedImage img) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no PNG ImageIO writer; use codec: deflate");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(img);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.size();
  }
}
