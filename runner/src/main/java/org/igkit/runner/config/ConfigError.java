package org.igkit.runner.config;

import java.util.Objects;

/**
 * One problem in an experiment file, located: the file, the 1-based line and column of the node
 * at fault (0 when unknown), its YAML path ({@code methods[2].stepRule.steps}) and what is wrong,
 * including what is allowed. Rendered as
 * {@code experiment.yaml:15:7 methods[2].stepRule.steps: must be ≥ 1, was 0}.
 *
 * @param file     the file as the user named it
 * @param line     1-based line, or 0 when the problem has no place in the file
 * @param column   1-based column, or 0
 * @param yamlPath the path of the node, empty for problems of the whole file
 * @param message  what is wrong and what is allowed
 */
public record ConfigError(String file, int line, int column, String yamlPath, String message) {

  /** Checks the components. */
  public ConfigError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    yamlPath = yamlPath == null ? "" : yamlPath;
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be ≥ 0, were " + line + ", " + column);
    }
  }

  /** Returns {@code file:line:col path: message}, leaving out what is unknown. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file + ":";
    return where + " " + (yamlPath.isEmpty() ? "" : yamlPath + ": ") + message;
  }
}
