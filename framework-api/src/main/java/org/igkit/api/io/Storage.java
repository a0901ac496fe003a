package org.igkit.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where data files are read from: one kind of file system, addressed by location strings — plain
 * local paths ({@code /data/images}) or URIs ({@code file:///data/images},
 * {@code hdfs://namenode/data/images}, {@code s3a://bucket/images}).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.igkit.api.io.Storage}; it needs a public no-argument constructor)
 * and chosen per URI scheme by {@link Storages}: the highest {@link #rank()} among those that
 * {@link #reads(String) read} the scheme wins. Plain paths are always read by {@link LocalStorage}.
 * A storage that is shipped to other machines (a Spark executor) implements
 * {@link java.io.Serializable} and carries its configuration with it.
 *
 * <p>The laws every storage keeps, so that a data set reads the same bytes from any of them:
 *
 * <ul>
 *   <li>{@link #list} gives every regular file under a folder, recursively, by its path relative
 *       to the folder ({@code /}-separated, no leading {@code /}), sorted by {@link String#compareTo}
 *       of those paths, each with its size in bytes;
 *   <li>{@link #open} of {@link #member member(folder, path)} gives exactly the bytes of that file;
 *   <li>{@link #kind} says whether a location is a folder, a file or missing.
 * </ul>
 */
public interface Storage {

  /** What a location is. */
  enum Kind {
    /** Nothing is there. */
    MISSING,
    /** A regular file. */
    FILE,
    /** A folder (directory). */
    FOLDER
  }

  /** Returns the storage's name for messages and provenance ({@code local}, {@code hadoop}). */
  String name();

  /**
   * Returns whether this storage reads URIs of {@code scheme} (lower case, without {@code :}).
   * Plain paths have no scheme and are never asked about.
   */
  boolean reads(String scheme);

  /** Returns the rank among the storages that read one scheme: the highest is chosen (default 0). */
  default int rank() {
    return 0;
  }

  /**
   * Returns what {@code location} is.
   *
   * @throws IOException when the file system cannot be asked (not when the location is missing)
   */
  Kind kind(String location) throws IOException;

  /**
   * Lists every regular file under the folder {@code folder}, recursively, sorted by relative path.
   *
   * @throws java.io.FileNotFoundException or {@link java.nio.file.NoSuchFileException} when the
   *     folder is missing; {@link IOException} when it cannot be listed
   */
  FolderListing list(String folder) throws IOException;

  /**
   * Opens the file {@code file} for reading; the caller closes the stream.
   *
   * @throws IOException when it is missing or cannot be opened
   */
  InputStream open(String file) throws IOException;

  /**
   * Returns the location of the file at {@code relativePath} ({@code /}-separated, as
   * {@link #list} gives it) under the folder {@code folder}.
   */
  String member(String folder, String relativePath);

  /**
   * Returns {@code location} as a path of this machine's default file system when it is one, so
   * that callers may read it as the JDK reads local files; empty for remote storage (default).
   */
  default Optional<Path> localPath(String location) {
    return Optional.empty();
  }
}
