package org.igkit.runner.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.igkit.api.model.Shape;

/**
 * Writes arrays as NumPy {@code .npy} files (format version 1.0), readable with
 * {@code numpy.load}: float32 maps in C order ({@code '<f4'}) and float64 vectors
 * ({@code '<f8'}), little-endian.
 *
 * <p>Layout, per the NumPy format specification ({@code numpy.lib.format}): the 6-byte magic
 * {@code \x93NUMPY}, the version bytes {@code 1 0}, a little-endian uint16 header length, then
 * the header — an ASCII Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 224, 224), }} padded with spaces
 * and ended by {@code \n} so that the data starts at a multiple of 64 bytes — then the raw data.
 * Files are written atomically ({@link AtomicFiles}).
 */
public final class NpyWriter {

  /** Magic string at the start of every {@code .npy} file. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Alignment of the data, in bytes. */
  static final int ALIGN = 64;

  private NpyWriter() {}

  /** Writes a C×H×W float32 map, e.g. an attribution. */
  public static void writeFloat32(Path file, Shape shape, float[] data) throws IOException {
    writeFloat32(file, new int[] {shape.channels(), shape.height(), shape.width()}, data);
  }

  /** Writes a float32 array of the given extents, in C order ({@code data} first). */
  public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
    writeFloat32(file, shape, data);
  }

  /** Writes a float32 array of any shape, in C order. */
  public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
    checkSize(shape, data.length);
    byte[] header = header("<f4", shape);
    ByteBuffer buf = ByteBuffer.allocate(header.length + 4 * data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(header);
    buf.asFloatBuffer().put(data);
    AtomicFiles.write(file, buf.array());
  }

  /** Writes a 1-D float64 array, e.g. per-baseline weights. */
  public static void writeFloat64(Path file, double[] data) throws IOException {
    writeFloat64(file, new int[] {data.length}, data);
  }

  /** Writes a float64 array of any shape, in C order. */
  public static void writeFloat64(Path file, int[] shape, double[] data) throws IOException {
    checkSize(shape, data.length);
    byte[] header = header("<f8", shape);
    ByteBuffer buf = ByteBuffer.allocate(header.length + 8 * data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(header);
    buf.asDoubleBuffer().put(data);
    AtomicFiles.write(file, buf.array());
  }

  /** Returns magic, version, header length and padded header for an array of {@code shape}. */
  static byte[] header(String descr, int[] shape) {
    StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        dict.append(", ");
      }
      dict.append(shape[i]);
    }
    if (shape.length == 1) {
      dict.append(',');
    }
    dict.append("), }");
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
    dict.append(" ".repeat(padding)).append('\n');
    int headerLength = dict.length();
    if (headerLength > 0xFFFF) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape)
          + " gives a header too long for .npy version 1.0");
    }
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + headerLength)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
    buf.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
    return buf.array();
  }

  private static void checkSize(int[] shape, int length) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape)
            + ": extents must be ≥ 0");
      }
      size *= d;
    }
    if (size != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
          + size + " values but the array has " + length);
    }
  }
}
