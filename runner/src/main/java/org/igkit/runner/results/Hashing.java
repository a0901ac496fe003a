package org.igkit.runner.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 fingerprints of model files and data, for provenance. */
public final class Hashing {

  private Hashing() {}

  /**
   * Returns the SHA-256 of a file as 64 lowercase hex digits, reading it in a stream (models
   * of any size). For a folder (e.g. a DJL model folder) it returns the SHA-256 of the text
   * made of one line {@code <relative path with '/'>\0<file's SHA-256>\n} per regular file, in
   * path order — so it changes when any file's content or name changes.
   *
   * @throws IOException when the file cannot be read
   */
  public static String sha256(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      MessageDigest manifest = digest();
      for (Path f : files) {
        String rel = path.relativize(f).toString().replace('\\', '/');
        manifest.update((rel + "\0" + sha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(manifest.digest());
    }
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Returns the SHA-256 of {@code bytes} as 64 lowercase hex digits. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("this JVM has no SHA-256", e));
    }
  }
}
