package org.igkit.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * This machine's files through {@code java.nio}: plain paths ({@code /data/images}, or relative to
 * the working folder) and {@code file:} URIs ({@code file:///data/images}). {@link Storages} always
 * has it, whatever the class path holds, and it alone reads plain paths.
 *
 * <p>A listing walks the folder without following links to folders, and keeps what
 * {@link Files#isRegularFile} accepts (a link to a file counts, with the size of its target). A
 * member of a folder given as a plain path is named by its absolute path
 * ({@code /data/images/cat/1.png}), of a folder given as a URI by a {@code file:} URI.
 */
public final class LocalStorage implements Storage, Serializable {

  private static final long serialVersionUID = 1L;

  /** The storage's name. */
  public static final String NAME = "local";

  /** Creates the local storage (it holds no state). */
  public LocalStorage() {}

  @Override
  public String name() {
    return NAME;
  }

  /** Reads {@code file:} URIs (plain paths too, which have no scheme). */
  @Override
  public boolean reads(String scheme) {
    return "file".equals(scheme);
  }

  /**
   * Returns {@code location} as an absolute, normalised path.
   *
   * @throws IllegalArgumentException when it is a URI of another scheme, or a {@code file:} URI
   *     that names no absolute path
   */
  public static Path path(String location) {
    String scheme = Storages.scheme(location);
    if (scheme == null) {
      return Path.of(location).toAbsolutePath().normalize();
    }
    if (!scheme.equals("file")) {
      throw new IllegalArgumentException(location + ": the local storage reads plain paths and file: URIs, not "
          + scheme + ": URIs");
    }
    try {
      return Path.of(URI.create(location.strip())).normalize();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new IllegalArgumentException(location + ": not a file: URI of an absolute path (" + e.getMessage()
          + "); write file:///data/images, or the plain path /data/images", e);
    }
  }

  @Override
  public Kind kind(String location) {
    Path p = path(location);
    if (Files.isDirectory(p)) {
      return Kind.FOLDER;
    }
    return Files.exists(p) ? Kind.FILE : Kind.MISSING;
  }

  @Override
  public FolderListing list(String folder) throws IOException {
    Path dir = path(folder);
    List<FolderListing.Entry> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
        files.add(new FolderListing.Entry(relative, Files.size(f)));
      }
    }
    return FolderListing.sorted(folder, files);
  }

  @Override
  public InputStream open(String file) throws IOException {
    return Files.newInputStream(path(file));
  }

  @Override
  public String member(String folder, String relativePath) {
    Path file = path(folder).resolve(relativePath);
    return Storages.scheme(folder) == null ? file.toString() : file.toUri().toString();
  }

  @Override
  public Optional<Path> localPath(String location) {
    return Optional.of(path(location));
  }
}
