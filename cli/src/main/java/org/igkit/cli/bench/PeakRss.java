package org.igkit.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The peak resident set size of this process: {@code VmHWM} ("high water mark") of
 * {@code /proc/self/status}, Linux only. Every byte the process ever had in RAM at once counts —
 * the JVM's heap, libtorch's buffers, the native libraries.
 */
public final class PeakRss {

  private static final Path STATUS = Path.of("/proc/self/status");

  private PeakRss() {}

  /** Returns this process's peak RSS in KiB, or empty where {@code /proc} has no such line. */
  public static OptionalLong kib() {
    try {
      return parse(Files.readString(STATUS, StandardCharsets.UTF_8), "VmHWM");
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Returns the value in KiB of the line {@code key:   N kB} of a {@code /proc/<pid>/status}
   * text, or empty when there is none.
   */
  public static OptionalLong parse(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key + ":")) {
        String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
        if (parts.length >= 1 && parts[0].matches("\\d+")) {
          long v = Long.parseLong(parts[0]);
          return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("mB") ? v * 1024 : v);
        }
      }
    }
    return OptionalLong.empty();
  }
}
