package org.igkit.runner.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes whole files so that a reader, or a run restarted after a crash, sees either the old
 * content or the new, never a mix: the bytes go to a temporary file next to the target, are
 * forced to disk, and the temporary file is renamed over the target; then the folder is forced
 * so the rename survives a power loss.
 *
 * <p>Neither the target nor the temporary file is written through a symbolic link
 * ({@link NoLinks}): the temporary file is created new, never opened when it exists, and a target
 * that is a link is refused.
 */
public final class AtomicFiles {

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes}, atomically; creates missing parent folders.
   *
   * @throws IOException naming the file when {@code target} or the temporary file's name is a
   *                     symbolic link, or when writing fails
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    write(target, dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet() + ".tmp"), bytes);
  }

  /** Replaces {@code target} with {@code bytes} through the temporary file {@code tmp}. */
  static void write(Path target, Path tmp, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    NoLinks.refuse(target);
    FileChannel created = NoLinks.open(tmp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try {
      try (FileChannel ch = created) {
        writeFully(ch, ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      NoLinks.refuse(target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes all of {@code buffer} at the channel's position. */
  public static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Forces a folder's entries (created, renamed files) to disk where the platform allows it (on
   * Linux and macOS; Windows cannot open folders and needs no such step).
   */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // best effort: not supported on this platform
    }
  }
}
