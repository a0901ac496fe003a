package org.igkit.models;

import java.util.Locale;

/**
 * Shortens the message of an engine error to its one-line reason: PyTorch's messages carry a
 * TorchScript traceback, C++ stack frames and dispatch tables around the sentence that says what
 * went wrong.
 */
final class EngineMessages {

  private static final int MAX_LENGTH = 300;

  private EngineMessages() {}

  /**
   * Returns the reason of {@code t}: the last {@code …Error: reason} line of a TorchScript
   * traceback, else the first line, without the dispatch table, at most 300 characters.
   */
  static String brief(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String reason = null;
    String first = null;
    for (String line : message.split("\\R")) {
      String s = line.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = s;
      }
      if (s.matches("[A-Za-z_.]*(Error|Exception): .+")) {
        reason = s;
      }
    }
    String out = reason != null ? reason : first;
    int table = out.toLowerCase(Locale.ROOT).indexOf(" is only available for these backends");
    if (table > 0) {
      out = out.substring(0, table);
    }
    return out.length() <= MAX_LENGTH ? out : out.substring(0, MAX_LENGTH - 1) + "…";
  }
}
