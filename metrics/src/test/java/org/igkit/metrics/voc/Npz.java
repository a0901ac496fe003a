package org.igkit.metrics.voc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;

/** Reads arrays from a NumPy {@code .npz} (a zip of {@code .npy} files, {@link Npy}). */
final class Npz {

  private Npz() {}

  /** Reads array {@code name} ({@code name.npy} inside the archive). */
  static NpyArray read(Path npz, String name) throws IOException {
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      ZipEntry e = zip.getEntry(name + ".npy");
      if (e == null) {
        throw new IOException(npz + ": has no array '" + name + "'");
      }
      byte[] bytes;
      try (InputStream in = zip.getInputStream(e)) {
        bytes = in.readAllBytes();
      }
      return Npy.decode(npz + "!" + name, bytes);
    }
  }
}
