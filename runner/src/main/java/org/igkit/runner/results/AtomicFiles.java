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
 */
public final class AtomicFiles {

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes}, atomically; creates missing parent folders. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        writeFully(ch, ByteBuffer.wrap(bytes));
        ch.force(true);
      }
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
