package org.igkit.experiments.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One part of Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017; MIT licence): 28×28 grey images of
 * ten kinds of clothing, read from the IDX files Debian's {@code dataset-fashion-mnist} package
 * installs under {@value #DEBIAN_DIR} ({@code train-*} 60 000 images, {@code t10k-*} 10 000).
 *
 * <p>IDX format: a big-endian int32 magic (0x0803 for images, 0x0801 for labels), the extents as
 * int32s, then unsigned bytes in row-major order. Files may be gzipped ({@code .gz}) or not.
 */
public final class FashionMnist {

  /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

  /** Side of every image. */
  public static final int SIDE = 28;

  /** The class names, by label. */
  public static final List<String> CLASS_NAMES =
      List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot");

  private final ShapesDataset.Split part;
  private final byte[] pixels;
  private final byte[] labels;

  private FashionMnist(ShapesDataset.Split part, byte[] pixels, byte[] labels) {
    this.part = part;
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * Reads the {@code train} or {@code t10k} part from {@code dir}.
   *
   * @throws IllegalArgumentException naming the missing file and how to get it
   */
  public static FashionMnist read(Path dir, ShapesDataset.Split part) {
    String prefix = part == ShapesDataset.Split.TRAIN ? "train" : "t10k";
    Path images = find(dir, prefix + "-images-idx3-ubyte");
    Path labels = find(dir, prefix + "-labels-idx1-ubyte");
    try {
      byte[] px = readIdx(images, 0x0803, 3);
      byte[] lb = readIdx(labels, 0x0801, 1);
      if (px.length != lb.length * SIDE * SIDE) {
        throw new IllegalArgumentException(
            images + " holds " + px.length / (SIDE * SIDE) + " images but " + labels + " " + lb.length + " labels");
      }
      return new FashionMnist(part, px, lb);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Returns whether {@code dir} holds both parts. */
  public static boolean presentIn(Path dir) {
    for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte")) {
      if (!Files.isRegularFile(dir.resolve(f + ".gz")) && !Files.isRegularFile(dir.resolve(f))) {
        return false;
      }
    }
    return true;
  }

  private static Path find(Path dir, String name) {
    for (Path p : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "Fashion-MNIST file " + dir.resolve(name + ".gz") + " not found; install Debian's package "
            + "(apt-get install dataset-fashion-mnist) or point --fashion-mnist at a folder holding "
            + "the four *-ubyte(.gz) files");
  }

  private static byte[] readIdx(Path file, int magic, int dims) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        DataInputStream data = new DataInputStream(in)) {
      int m = data.readInt();
      if (m != magic) {
        throw new IOException(file + ": magic " + Integer.toHexString(m) + ", expected " + Integer.toHexString(magic));
      }
      long size = 1;
      for (int i = 0; i < dims; i++) {
        size *= data.readInt();
      }
      byte[] out = new byte[Math.toIntExact(size)];
      data.readFully(out);
      return out;
    }
  }

  /** Returns which part this is. */
  public ShapesDataset.Split part() {
    return part;
  }

  /** Returns the number of images. */
  public int size() {
    return labels.length;
  }

  /** Returns the label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns image {@code i} as 28×28 intensities in [0, 1], row-major. */
  public float[] image(int i) {
    float[] out = new float[SIDE * SIDE];
    int base = i * SIDE * SIDE;
    for (int p = 0; p < out.length; p++) {
      out[p] = (pixels[base + p] & 0xFF) / 255f;
    }
    return out;
  }

  /** Returns the indices of the images of class {@code label}, ascending. */
  public int[] indicesOf(int label) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
