package org.igkit.tornado;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import uk.ac.manchester.tornado.api.exceptions.TornadoBailoutRuntimeException;

/**
 * What the TornadoVM backend does about bailouts, apart from TornadoVM itself: a call whose kernel
 * bails out (TornadoVM cannot compile it for the device and, with its recovery off, throws) runs on
 * the Java kernel instead and is counted under its operation; its kernel and shape (the plan key,
 * {@code operation:shape…}) go straight to Java from then on, still counted. Any other exception
 * is the caller's.
 */
final class Bailouts {

  /** Plan keys that bailed out; guarded by the lock given to {@link #run}. */
  private final Set<String> bailedOut = new HashSet<>();
  private final Map<String, Long> fallbacks = new ConcurrentHashMap<>();

  /**
   * Runs {@code device} while holding {@code lock}, unless {@code key} bailed out before; on a
   * bailout tells {@code dropped} (still holding the lock: to drop the plan and log why). Then, if
   * the device did not give the result, counts a fallback and runs {@code java} without the lock.
   */
  <T> T run(Object lock, String key, Supplier<T> device, Consumer<TornadoBailoutRuntimeException> dropped,
      Supplier<T> java) {
    synchronized (lock) {
      if (!bailedOut.contains(key)) {
        try {
          return device.get();
        } catch (TornadoBailoutRuntimeException e) {
          bailedOut.add(key);
          dropped.accept(e);
        }
      }
    }
    fallbacks.merge(operation(key), 1L, Long::sum);
    return java.get();
  }

  /** Returns the calls run as Java after a bailout, per operation, in name order. */
  Map<String, Long> counts() {
    return new TreeMap<>(fallbacks);
  }

  /** The operation of a plan key: its name before the shape. */
  static String operation(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  /** A TornadoVM message without its terminal colour codes, on one line. */
  static String plain(String message) {
    return message == null ? "no reason given"
        : message.replaceAll("\u001B\\[[0-9;]*m", "").replaceAll("\\s+", " ").trim();
  }
}
