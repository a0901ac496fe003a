package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects the errors of one file; positions are converted to 1-based lines and columns. */
final class ErrorSink {

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  ErrorSink(String file) {
    this.file = file;
  }

  /** Adds an error at a parser position (0-based), or unlocated when {@code mark} is null. */
  void at(Mark mark, String path, String message) {
    errors.add(new ConfigError(
        file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, path, message));
  }

  /** Adds an error about the value at {@code at}. */
  void value(Located at, String message) {
    at(at.mark(), at.path(), message);
  }

  /** Adds an error about the key of {@code at} (missing, unknown). */
  void key(Located at, String message) {
    at(at.anchor(), at.path(), message);
  }

  /** Returns the number of errors so far. */
  int count() {
    return errors.size();
  }

  /** Returns the errors. */
  List<ConfigError> all() {
    return List.copyOf(errors);
  }
}
