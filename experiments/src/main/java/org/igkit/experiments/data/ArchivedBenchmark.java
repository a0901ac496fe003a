package org.igkit.experiments.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.model.Shape;

/**
 * A data set read from a {@link BenchmarkArchive}: the first {@code count} images with their
 * masks and labels, and the first {@code referenceCount} reference images. Without a path it
 * reads the evaluation split igkit ships in its jar (built by {@code igkit build-data} from the
 * Debian files; see {@code experiments/data/NOTICE}), so it needs no files at all.
 */
final class ArchivedBenchmark implements Dataset {

  /** Where the shipped archives lie on the class path. */
  static final String BUNDLED = "/org/igkit/experiments/benchmarks/";

  private final BenchmarkArchive archive;
  private final int count;
  private final int referenceCount;
  private final String fingerprint;

  private ArchivedBenchmark(BenchmarkArchive archive, int count, int referenceCount, String fingerprint) {
    this.archive = archive;
    this.count = count;
    this.referenceCount = referenceCount;
    this.fingerprint = fingerprint;
  }

  /** Returns the class-path name of the shipped evaluation split of {@code benchmark}. */
  static String bundledName(String benchmark) {
    return BUNDLED + benchmark + "-test.npz";
  }

  /**
   * Opens the archive at {@code path} (or the shipped one when null) and selects images.
   *
   * @param benchmark      the id the archive must record
   * @param count          images to use, or null for all
   * @param referenceCount reference images to offer, or null for all
   */
  static ArchivedBenchmark open(String benchmark, String path, Integer count, Integer referenceCount) {
    byte[] bytes;
    String where;
    try {
      if (path == null) {
        where = "the shipped " + benchmark + " split (" + bundledName(benchmark) + ")";
        try (InputStream in = ArchivedBenchmark.class.getResourceAsStream(bundledName(benchmark))) {
          if (in == null) {
            throw new IllegalArgumentException(
                "path: " + where + " is not on the class path; give the path of an archive written by igkit build-data");
          }
          bytes = in.readAllBytes();
        }
      } else {
        where = path;
        bytes = Files.readAllBytes(Path.of(path));
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("path: file not found: " + path
          + " (write one with: igkit build-data --dataset " + benchmark + " --out " + path + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("path: cannot read " + path + ": " + e.getMessage(), e);
    }
    BenchmarkArchive archive;
    try {
      archive = BenchmarkArchive.read(new ByteArrayInputStream(bytes), where);
    } catch (IOException e) {
      throw new IllegalArgumentException("path: " + where + " is not an npz archive: " + e.getMessage(), e);
    }
    if (!archive.benchmark().equals(benchmark)) {
      throw new IllegalArgumentException("path: " + where + " holds the '" + archive.benchmark()
          + "' benchmark, not '" + benchmark + "'; use dataset type " + archive.benchmark());
    }
    int n = count == null ? archive.size() : count;
    if (n > archive.size()) {
      throw new IllegalArgumentException("count: " + where + " holds " + archive.size() + " images, asked for " + n
          + " (build a larger split with igkit build-data --dataset " + benchmark + " --count " + n + ")");
    }
    int r = referenceCount == null ? archive.referenceCount() : referenceCount;
    if (r > archive.referenceCount()) {
      throw new IllegalArgumentException("referenceCount: " + where + " holds " + archive.referenceCount()
          + " reference images, asked for " + r);
    }
    return new ArchivedBenchmark(archive, n, r, fingerprint(bytes, n, r));
  }

  private static String fingerprint(byte[] bytes, int count, int referenceCount) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(("count=" + count + ",referenceCount=" + referenceCount + ";").getBytes(StandardCharsets.UTF_8));
      d.update(bytes);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the underlying archive. */
  BenchmarkArchive archive() {
    return archive;
  }

  @Override
  public Shape shape() {
    return archive.shape();
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public String id(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + count);
    }
    return archive.id(index);
  }

  @Override
  public Sample get(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + count);
    }
    return archive.sample(index);
  }

  @Override
  public List<String> classNames() {
    return archive.classNames();
  }

  @Override
  public List<float[]> referenceImages() {
    List<float[]> out = new ArrayList<>(referenceCount);
    for (int i = 0; i < referenceCount; i++) {
      out.add(archive.referenceImage(i));
    }
    return out;
  }

  /** SHA-256 of the selection and the archive's bytes. */
  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
