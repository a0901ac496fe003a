package org.igkit.runner.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.io.Storage;
import org.igkit.api.image.Bilinear;
import org.igkit.api.model.Shape;

/**
 * Reads images into C×H×W floats in [0, 1] and masks into H×W {0, 1}, resizing as asked. Images
 * come from local paths or through a {@link Storage}: a storage's local files are read as local
 * paths are, others from the stream the storage opens (the same bytes give the same pixels).
 */
public final class ImageIo {

  /**
   * The most pixels an image may have: 50 megapixels (e.g. 8660×5773), about 200 MB decoded and
   * 600 MB as floats. A small compressed file can claim far more (a 2 MB PNG of 26000×26000), which
   * would exhaust memory while decoding.
   */
  public static final long MAX_PIXELS = 50_000_000L;

  /** An image's size in pixels, as its header gives it. */
  public record Size(int width, int height) {
    /** Returns width × height. */
    public long pixels() {
      return (long) width * height;
    }

    @Override
    public String toString() {
      return width + "×" + height;
    }
  }

  private ImageIo() {}

  /**
   * Reads an image file, after checking from its header that it has at most {@link #MAX_PIXELS}.
   *
   * @throws SampleFaultException (corrupt image) naming the file when it is not a readable image;
   *     (wrong shape) when it has too many pixels
   */
  public static BufferedImage read(Path file) {
    return decode(file.toString(), local(file));
  }

  /**
   * Reads the image at {@code location} through {@code storage}, after checking from its header
   * that it has at most {@link #MAX_PIXELS}.
   *
   * @throws SampleFaultException (corrupt image) naming the location when it cannot be opened or is
   *     not a readable image; (wrong shape) when it has too many pixels
   */
  public static BufferedImage read(Storage storage, String location) {
    return decode(location, source(storage, location));
  }

  /**
   * Returns the size of the image at {@code location}, read through {@code storage}, from its header.
   *
   * @throws SampleFaultException (corrupt image) naming the location when it cannot be opened or is
   *     not a readable image
   */
  public static Size size(Storage storage, String location) {
    return size(location, source(storage, location));
  }

  /**
   * Returns the size of an image from its header, without decoding its pixels.
   *
   * @throws SampleFaultException (corrupt image) naming the file when it is not a readable image
   */
  public static Size size(Path file) {
    return size(file.toString(), local(file));
  }

  private static Size size(String file, Source source) {
    Size[] size = new Size[1];
    withReader(file, source, reader -> {
      size[0] = new Size(reader.getWidth(0), reader.getHeight(0));
      return null;
    });
    return size[0];
  }

  /** Returns why an image of {@code size} is refused, or {@code null} when it is within {@link #MAX_PIXELS}. */
  public static String tooLarge(Size size) {
    if (size.pixels() <= MAX_PIXELS) {
      return null;
    }
    return "the image is " + size + " pixels (" + String.format(java.util.Locale.ROOT, "%.1f", size.pixels() / 1e6)
        + " megapixels), more than the " + MAX_PIXELS / 1_000_000 + " megapixels igkit decodes; shrink the file";
  }

  private static BufferedImage decode(String file, Source source) {
    return withReader(file, source, reader -> {
      String refused = tooLarge(new Size(reader.getWidth(0), reader.getHeight(0)));
      if (refused != null) {
        throw new SampleFaultException(SampleFaultException.Kind.WRONG_SHAPE, file + ": " + refused);
      }
      return reader.read(0, reader.getDefaultReadParam());
    });
  }

  /** What is done with a reader positioned on an image's stream. */
  private interface ReaderUse<T> {
    T apply(ImageReader reader) throws IOException;
  }

  /** Where an image's bytes come from. */
  private interface Source {
    /** Returns the image stream, or {@code null} when no image stream can be made for it. */
    ImageInputStream open() throws IOException;
  }

  /** A local file, as {@link ImageIO#read(java.io.File)} opens it. */
  private static Source local(Path file) {
    return () -> ImageIO.createImageInputStream(file.toFile());
  }

  /** A file of {@code storage}: as a local file when it is one, else from the storage's stream. */
  private static Source source(Storage storage, String location) {
    Optional<Path> path = storage.localPath(location);
    if (path.isPresent()) {
      return local(path.get());
    }
    return () -> {
      InputStream raw;
      try {
        raw = storage.open(location);
      } catch (IOException e) {
        throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE,
            location + ": cannot open the file: " + e.getMessage(), e);
      }
      return new MemoryCacheImageInputStream(raw) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            raw.close();
          }
        }
      };
    };
  }

  /** Runs {@code use} with the first reader that knows the file's format, as {@link ImageIO#read} picks it. */
  private static <T> T withReader(String file, Source source, ReaderUse<T> use) {
    try (ImageInputStream in = source.open()) {
      if (in == null) {
        throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE, file + ": cannot open the file");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE,
            file + ": not an image format Java can read (use PNG, JPEG, BMP or GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return use.apply(reader);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SampleFaultException f) {
        throw f;
      }
      throw new SampleFaultException(SampleFaultException.Kind.CORRUPT_IMAGE,
          file + ": cannot read image: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the image as C×H×W floats in [0, 1] (RGB order; one channel = luminance), resized
   * bilinearly ({@link Bilinear}) to {@code shape} when its size differs (callers that must not resize check the size
   * first).
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
