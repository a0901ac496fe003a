package org.igkit.runner.results;

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
 * Reads NumPy {@code .npy} files of float32 or float64 arrays in C order (format versions 1.0,
 * 2.0 and 3.0, either byte order): what {@link NpyWriter} writes and what {@code numpy.save}
 * writes for such arrays. For checking saved attributions in tests and in analysis code.
 */
public final class NpyReader {

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /**
   * Reads an array.
   *
   * @throws IOException naming the file and the problem when it is not such a {@code .npy} file
   */
  public static NpyArray read(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : NpyWriter.MAGIC) {
      if (!buf.hasRemaining() || buf.get() != m) {
        throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
      }
    }
    if (buf.remaining() < 4) {
      throw new IOException(file + ": .npy header is cut short");
    }
    int major = buf.get();
    buf.get();
    long headerLength;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(buf.getShort());
    } else if (major == 2 || major == 3) {
      headerLength = Integer.toUnsignedLong(buf.getInt());
    } else {
      throw new IOException(file + ": .npy format version " + major + " is not supported");
    }
    if (headerLength > buf.remaining()) {
      throw new IOException(file + ": .npy header is cut short");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    buf.get(headerBytes);
    String header = new String(headerBytes,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(file, DESCR, header, "descr");
    if (group(file, FORTRAN, header, "fortran_order").equals("True")) {
      throw new IOException(file + ": Fortran-order arrays are not supported");
    }
    int[] shape = parseShape(file, group(file, SHAPE, header, "shape"));
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    ByteOrder order = switch (descr.charAt(0)) {
      case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
      case '>' -> ByteOrder.BIG_ENDIAN;
      default -> throw new IOException(file + ": unsupported dtype '" + descr + "'");
    };
    String type = descr.substring(1);
    int width = switch (type) {
      case "f4" -> 4;
      case "f8" -> 8;
      default -> throw new IOException(file + ": unsupported dtype '" + descr
          + "'; only float32 ('<f4') and float64 ('<f8') are read");
    };
    if (buf.remaining() != size * width) {
      throw new IOException(file + ": shape " + Arrays.toString(shape) + " needs "
          + size * width + " data bytes, the file has " + buf.remaining());
    }
    buf.order(order);
    double[] values = new double[(int) size];
    for (int i = 0; i < values.length; i++) {
      values[i] = width == 4 ? buf.getFloat() : buf.getDouble();
    }
    return new NpyArray(descr, shape, values);
  }

  private static String group(Path file, Pattern p, String header, String key) throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(file + ": .npy header has no '" + key + "': " + header.strip());
    }
    return m.group(1);
  }

  private static int[] parseShape(Path file, String text) throws IOException {
    List<Integer> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String t = part.strip();
      if (t.isEmpty()) {
        continue;
      }
      try {
        dims.add(Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
      } catch (NumberFormatException e) {
        throw new IOException(file + ": bad .npy shape '(" + text + ")'");
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }
}
