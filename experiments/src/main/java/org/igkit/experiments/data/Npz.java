package org.igkit.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives of uint8 and int32 arrays, as {@code numpy.savez_compressed}
 * writes them and {@code numpy.load} reads them: a ZIP file of deflated {@code NAME.npy} entries
 * (format 1.0: magic {@code \x93NUMPY}, version 1 0, uint16 header length, an ASCII dict
 * {@code {'descr': '|u1', 'fortran_order': False, 'shape': (…), }} padded so the data starts at a
 * multiple of 64 bytes, then the data in C order, little-endian).
 *
 * <p>Writing is byte-reproducible: entries in insertion order, every time stamp 1980-01-01, the
 * highest deflate level.
 */
final class Npz {

  /** One array: {@code uint8} ({@code bytes} set) or {@code int32} ({@code ints} set). */
  record Array(int[] shape, byte[] bytes, int[] ints) {
    Array {
      long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
      long have = bytes != null ? bytes.length : ints.length;
      if (size != have) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, have " + have);
      }
    }

    static Array uint8(byte[] data, int... shape) {
      return new Array(shape, data, null);
    }

    static Array int32(int[] data, int... shape) {
      return new Array(shape, null, data);
    }

    String descr() {
      return bytes != null ? "|u1" : "<i4";
    }
  }

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npz() {}

  /** Writes {@code arrays} (name → array) as an npz archive. */
  static void write(OutputStream out, Map<String, Array> arrays) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(Deflater.BEST_COMPRESSION);
    for (Map.Entry<String, Array> e : arrays.entrySet()) {
      ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
      entry.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
      zip.putNextEntry(entry);
      zip.write(npy(e.getValue()));
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Reads every array of an npz archive, by name (without {@code .npy}), in archive order. */
  static Map<String, Array> read(InputStream in) throws IOException {
    Map<String, Array> out = new LinkedHashMap<>();
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String name = e.getName();
      if (!name.endsWith(".npy")) {
        throw new IOException("npz entry " + name + " is not a .npy file");
      }
      out.put(name.substring(0, name.length() - 4), parse(name, zip.readAllBytes()));
    }
    return out;
  }

  private static byte[] npy(Array a) {
    String dims = Arrays.stream(a.shape()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    if (a.shape().length == 1) {
      dims += ",";
    }
    String dict = "{'descr': '" + a.descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    int dataBytes = a.bytes() != null ? a.bytes().length : 4 * a.ints().length;
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    if (a.bytes() != null) {
      buf.put(a.bytes());
    } else {
      buf.asIntBuffer().put(a.ints());
    }
    return buf.array();
  }

  private static Array parse(String name, byte[] file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(name + ": not a .npy file");
    }
    int major = b.get();
    b.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
    byte[] header = new byte[headerLength];
    b.get(header);
    String dict = new String(header, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shape.find() || fortran.group(1).equals("True")) {
      throw new IOException(name + ": unsupported header " + dict.strip());
    }
    int[] dims = Arrays.stream(shape.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
    int size = Arrays.stream(dims).reduce(1, Math::multiplyExact);
    switch (descr.group(1)) {
      case "|u1", "<u1" -> {
        byte[] data = new byte[size];
        b.get(data);
        return Array.uint8(data, dims);
      }
      case "<i4" -> {
        int[] data = new int[size];
        b.asIntBuffer().get(data);
        return Array.int32(data, dims);
      }
      default -> throw new IOException(name + ": dtype " + descr.group(1) + " (igkit reads |u1 and <i4)");
    }
  }

  /** Returns the bytes of an npz archive of {@code arrays}. */
  static byte[] bytes(Map<String, Array> arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, arrays);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
