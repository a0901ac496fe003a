package org.igkit.runner.results;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on an output folder, so that two igkit runs never write one folder.
 *
 * <p>The lock is an operating-system lock ({@link FileChannel#tryLock()}) on the file
 * {@value #FILE_NAME} in the folder, which holds the holder's process id for the message others
 * get. The OS drops the lock when the holding process dies, so a lock file left by a killed run
 * never blocks the next one; the file itself is never deleted (deleting it would let two runs
 * lock two different files of the same name).
 *
 * <p>Within one JVM the OS lock cannot tell holders apart, and — on Linux, with POSIX record
 * locks — closing <em>any</em> channel to the file releases the process's lock on it. So this
 * class also keeps the set of folders locked by this JVM and refuses a second lock before it
 * touches the file. That set is the one piece of JVM-wide state in igkit: it mirrors the OS lock
 * table, which is itself per process.
 *
 * <p>The lock file is never opened through a symbolic link ({@link NoLinks}): a {@value #FILE_NAME}
 * that links elsewhere is refused, and what it points to stays untouched.
 */
public final class OutputFolderLock implements Closeable {

  /** Name of the lock file inside the output folder. */
  public static final String FILE_NAME = ".lock";

  private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path folder;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private OutputFolderLock(Path folder, Path key, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code folder}, creating it if needed.
   *
   * @throws OutputFolderInUseException when another run holds it, with the holder's pid
   * @throws IOException when the folder or the lock file cannot be created
   */
  public static OutputFolderLock acquire(Path folder) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IOException("cannot create output folder " + folder + ": " + IoReasons.of(e), e);
    }
    Path key = folder.toRealPath();
    if (!HELD_BY_THIS_JVM.add(key)) {
      throw new OutputFolderInUseException(folder, Long.toString(ProcessHandle.current().pid()), true);
    }
    FileChannel channel = null;
    try {
      Path file = key.resolve(FILE_NAME);
      channel = NoLinks.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Locked in this JVM by code that bypassed this class.
        throw new OutputFolderInUseException(
            folder, Long.toString(ProcessHandle.current().pid()), true);
      }
      if (lock == null) {
        throw new OutputFolderInUseException(folder, readPid(file), false);
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
      return new OutputFolderLock(folder, key, channel, lock);
    } catch (IOException | RuntimeException e) {
      HELD_BY_THIS_JVM.remove(key);
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static String readPid(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.matches("\\d+") ? text : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Returns the locked folder. */
  public Path folder() {
    return folder;
  }

  /** Releases the lock; the lock file stays, emptied. Calling it twice does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } finally {
      HELD_BY_THIS_JVM.remove(key);
    }
  }
}
