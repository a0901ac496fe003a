package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every problem found in an experiment file, in the order they appear in it. The message is one
 * rendered {@link ConfigError} per line, so printing it is the whole report.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Unlocated errors first, then by line and column; stable for errors at one place. */
  private static final Comparator<ConfigError> ORDER =
      Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

  private final transient List<ConfigError> errors;

  /** Creates the exception; {@code errors} must not be empty. */
  public ConfigException(List<ConfigError> errors) {
    super(render(sorted(errors)));
    this.errors = sorted(errors);
  }

  /** Returns the errors, sorted by position in the file. */
  public List<ConfigError> errors() {
    return errors;
  }

  private static List<ConfigError> sorted(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    List<ConfigError> copy = new ArrayList<>(errors);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  private static String render(List<ConfigError> errors) {
    StringBuilder b = new StringBuilder();
    for (ConfigError e : errors) {
      b.append(b.length() == 0 ? "" : "\n").append(e);
    }
    return b.toString();
  }
}
