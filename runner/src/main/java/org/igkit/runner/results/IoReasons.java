package org.igkit.runner.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Says in words why a file operation failed: the file and the operating system's reason, which
 * a {@link FileSystemException}'s message alone often leaves out (an {@link AccessDeniedException}'s
 * message is only the path).
 */
public final class IoReasons {

  private IoReasons() {}

  /** Returns the reason of {@code e}, naming the file it concerns, e.g. "permission denied on /a/b". */
  public static String of(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String file = f.getFile();
      String other = f.getOtherFile() == null ? "" : " and " + f.getOtherFile();
      if (e instanceof AccessDeniedException) {
        return "permission denied on " + file + other;
      }
      if (e instanceof FileAlreadyExistsException) {
        return file + " exists and is not a folder";
      }
      if (e instanceof NoSuchFileException) {
        return "no such file or folder: " + file + other;
      }
      if (f.getReason() != null) {
        return file + other + ": " + f.getReason();
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
