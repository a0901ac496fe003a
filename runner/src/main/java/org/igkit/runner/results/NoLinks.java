package org.igkit.runner.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes inside an output folder never go through a symbolic link: a link planted in a folder
 * igkit writes (a received run folder, its {@code reproduction/}) could otherwise make a run
 * empty, append to or replace a file elsewhere, such as a shell start-up file.
 *
 * <p>Every file igkit creates, appends to or replaces inside an output folder is opened with
 * {@link LinkOption#NOFOLLOW_LINKS} (so the operating system refuses a link in the last place),
 * and a file replaced by renaming, or a sub-folder igkit writes into, is refused when it is a
 * link. The error names the file: "{@code X is a symbolic link; igkit does not write through
 * links}". The output folder itself and the folders above it may be links: the user chose them.
 */
public final class NoLinks {

  private NoLinks() {}

  /** Returns the error for a link at {@code path}. */
  public static IOException linkError(Path path) {
    return new IOException(path + " is a symbolic link; igkit does not write through links");
  }

  /** Throws {@link #linkError} when {@code path} is a symbolic link. */
  public static void refuse(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw linkError(path);
    }
  }

  /**
   * Opens {@code file} like {@link FileChannel#open(Path, OpenOption...)}, but never through a
   * symbolic link in its last place.
   *
   * @throws IOException {@link #linkError} when {@code file} is a link, or the open's own error
   */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    OpenOption[] all = Arrays.copyOf(options, options.length + 1);
    all[options.length] = LinkOption.NOFOLLOW_LINKS;
    try {
      return FileChannel.open(file, all);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        IOException link = linkError(file);
        link.initCause(e);
        throw link;
      }
      throw e;
    }
  }

  /**
   * Returns {@code dir}, a folder inside {@code root} (or {@code root} itself), after creating
   * what is missing of it; every folder below {@code root} on the way must not be a link.
   *
   * @throws IOException {@link #linkError} naming the first link, or why a folder cannot be
   *                     created
   */
  public static Path folders(Path root, Path dir) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Path target = dir.toAbsolutePath().normalize();
    if (!target.startsWith(base)) {
      throw new IllegalArgumentException(dir + " is not inside " + root);
    }
    Files.createDirectories(base);
    Path current = base;
    for (Path part : base.relativize(target)) {
      if (part.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(part);
      refuse(current);
      if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(current);
        } catch (FileAlreadyExistsException e) {
          refuse(current);
          if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(current.toString(), null,
                "exists and is not a folder");
          }
        }
      }
    }
    return dir;
  }
}
