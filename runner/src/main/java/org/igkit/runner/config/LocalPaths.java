package org.igkit.runner.config;

import java.util.regex.Pattern;

/**
 * Which path values igkit accepts where a plugin reads local files (the model's {@code path}, and
 * {@link org.igkit.api.spec.FilePath} components without {@code uris}): local paths only. A URI
 * ({@code hdfs://…}, {@code s3://…}, {@code file:/…}) would otherwise be read as a relative folder
 * of that odd name and reported as missing, or worse, found. Components read through storages
 * ({@code FilePath(uris = true)}: the image folder's) take the URIs a storage on the class path reads.
 */
final class LocalPaths {

  /** A URI scheme of two or more characters followed by {@code ://}, or {@code file:}. */
  private static final Pattern URI = Pattern.compile("(?i)([a-z][a-z0-9+.-]+)://.*|file:.*", Pattern.DOTALL);

  private LocalPaths() {}

  /** Returns why {@code value} is refused, or {@code null} when it is a local path. */
  static String refusal(String value) {
    var m = URI.matcher(value.strip());
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1) == null ? "file" : m.group(1);
    return "is a " + scheme + ": URI; igkit reads local files only: give a path on this machine, relative to the"
        + " experiment file (data/images) or absolute (/data/images)";
  }
}
