package org.igkit.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files: {@link #encode} and {@link #write} give format version 1.0, as
 * {@code numpy.save} writes it; {@link #decode} and {@link #read} take versions 1.0, 2.0 and 3.0,
 * either byte order, C order, of the types {@link NpyArray} holds.
 *
 * <p>Layout, per the NumPy format specification ({@code numpy.lib.format}): the 6-byte magic
 * {@code \x93NUMPY}, the version bytes (major, minor), the header length (little-endian uint16 in
 * version 1, uint32 in versions 2 and 3), then the header — an ASCII (version 3: UTF-8) Python dict
 * literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 224, 224), }}
 * padded with spaces and ended by {@code \n} so that the data starts at a multiple of 64 bytes —
 * then the raw data.
 */
public final class Npy {

  /** The magic string at the start of every {@code .npy} file. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Alignment of the data, in bytes. */
  static final int ALIGN = 64;
  /** The types read and written, for messages. */
  static final String TYPES = "igkit reads float32 ('<f4'), float64 ('<f8'), int32 ('<i4'), "
      + "uint8 ('|u1') and bool ('|b1')";

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Returns the bytes of a version 1.0 {@code .npy} file holding {@code array}. */
  public static byte[] encode(NpyArray array) {
    byte[] header = header(array.descr(), array.shape());
    ByteBuffer data = array.data();
    ByteBuffer buf = ByteBuffer.allocate(header.length + data.remaining());
    buf.put(header).put(data);
    return buf.array();
  }

  /** Writes {@code array} to {@code file} (replacing it) as a version 1.0 {@code .npy} file. */
  public static void write(Path file, NpyArray array) throws IOException {
    Files.write(file, encode(array));
  }

  /**
   * Reads a {@code .npy} file.
   *
   * @throws IOException naming the file and the problem when it is not such a {@code .npy} file
   */
  public static NpyArray read(Path file) throws IOException {
    return decode(file.toString(), Files.readAllBytes(file));
  }

  /**
   * Decodes the bytes of a {@code .npy} file; the array keeps a view of {@code bytes}.
   *
   * @param source names the bytes in error messages (a file, an archive entry)
   * @throws IOException naming {@code source} and the problem when the bytes are not such a
   *                     {@code .npy} file
   */
  public static NpyArray decode(String source, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : MAGIC) {
      if (!buf.hasRemaining() || buf.get() != m) {
        throw new IOException(source + ": not a .npy file (no \\x93NUMPY magic)");
      }
    }
    if (buf.remaining() < 4) {
      throw new IOException(source + ": .npy header is cut short");
    }
    int major = buf.get();
    buf.get();
    long headerLength;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(buf.getShort());
    } else if (major == 2 || major == 3) {
      if (buf.remaining() < 4) {
        throw new IOException(source + ": .npy header is cut short");
      }
      headerLength = Integer.toUnsignedLong(buf.getInt());
    } else {
      throw new IOException(source + ": .npy format version " + major + " is not supported");
    }
    if (headerLength > buf.remaining()) {
      throw new IOException(source + ": .npy header is cut short");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    buf.get(headerBytes);
    String header = new String(headerBytes,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(source, DESCR, header, "descr");
    if (group(source, FORTRAN, header, "fortran_order").equals("True")) {
      throw new IOException(source + ": Fortran-order arrays are not supported");
    }
    int[] shape = parseShape(source, group(source, SHAPE, header, "shape"));
    int width = NpyArray.width(descr);
    if (width < 0) {
      throw new IOException(source + ": unsupported dtype '" + descr + "'; " + TYPES);
    }
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (buf.remaining() != size * width) {
      throw new IOException(source + ": shape " + Arrays.toString(shape) + " of dtype '" + descr
          + "' needs " + size * width + " data bytes, the file has " + buf.remaining());
    }
    return new NpyArray(descr, shape, buf.slice().asReadOnlyBuffer());
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

  private static String group(String source, Pattern p, String header, String key)
      throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(source + ": .npy header has no '" + key + "': " + header.strip());
    }
    return m.group(1);
  }

  private static int[] parseShape(String source, String text) throws IOException {
    List<Integer> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String t = part.strip();
      if (t.isEmpty()) {
        continue;
      }
      int d;
      try {
        d = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        d = -1;
      }
      if (d < 0) {
        throw new IOException(source + ": bad .npy shape '(" + text + ")'");
      }
      dims.add(d);
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }
}
