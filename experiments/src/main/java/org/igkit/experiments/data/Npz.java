package org.igkit.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;

/**
 * NumPy {@code .npz} archives, as {@code numpy.savez_compressed} writes them and
 * {@code numpy.load} reads them: a ZIP file of deflated {@code NAME.npy} entries ({@link Npy}).
 *
 * <p>Writing is byte-reproducible: entries in insertion order, every time stamp 1980-01-01, the
 * highest deflate level.
 */
final class Npz {

  private Npz() {}

  /** Writes {@code arrays} (name → array) as an npz archive. */
  static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(Deflater.BEST_COMPRESSION);
    for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
      ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
      entry.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
      zip.putNextEntry(entry);
      zip.write(Npy.encode(e.getValue()));
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Reads every array of an npz archive, by name (without {@code .npy}), in archive order. */
  static Map<String, NpyArray> read(InputStream in) throws IOException {
    Map<String, NpyArray> out = new LinkedHashMap<>();
    ZipInputStream zip = new ZipInputStream(in);
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String name = e.getName();
      if (!name.endsWith(".npy")) {
        throw new IOException("npz entry " + name + " is not a .npy file");
      }
      out.put(name.substring(0, name.length() - 4), Npy.decode(name, zip.readAllBytes()));
    }
    return out;
  }

  /** Returns the bytes of an npz archive of {@code arrays}. */
  static byte[] bytes(Map<String, NpyArray> arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, arrays);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
