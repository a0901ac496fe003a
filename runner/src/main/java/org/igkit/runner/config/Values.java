package org.igkit.runner.config;

import java.util.List;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads the loader's own scalar settings (not plugin specs) and checks the keys of its mappings. */
final class Values {

  private final ErrorSink errors;

  Values(ErrorSink errors) {
    this.errors = errors;
  }

  /** Reports every key of the mapping {@code at} that is not in {@code allowed}. */
  void unknownKeys(Located at, List<String> allowed) {
    for (NodeTuple t : at.entries()) {
      String key = YamlDocument.keyText(t.getKeyNode());
      if (!allowed.contains(key)) {
        errors.at(t.getKeyNode().getStartMark(), at.path(), Coercion.unknownKey(key, allowed, null));
      }
    }
  }

  /** Returns the value at {@code at} as {@code type}, or {@code null} when absent or wrong (reported). */
  <T> T typed(Located at, Class<T> type) {
    Coercion c = new Coercion();
    Object v = c.convert(type, at.plain(), List.of());
    c.problems().forEach(p -> errors.value(at, p.message()));
    return c.ok() ? type.cast(v) : null;
  }

  /** Returns the integer at {@code at}, {@code fallback} when absent; reports values below {@code min}. */
  int atLeast(Located at, int min, int fallback) {
    Integer v = typed(at, Integer.class);
    if (v == null) {
      return fallback;
    }
    if (v < min) {
      errors.value(at, "must be ≥ " + min + ", was " + v);
      return fallback;
    }
    return v;
  }

  /**
   * Returns the integer at {@code at}, {@code fallback} when absent; reports values outside
   * [{@code min}, {@code max}], saying {@code why} the upper bound exists.
   */
  int between(Located at, int min, int max, int fallback, String why) {
    Integer v = typed(at, Integer.class);
    if (v == null) {
      return fallback;
    }
    if (v < min || v > max) {
      errors.value(at, "must be between " + min + " and " + max + " (" + why + "), was " + v);
      return fallback;
    }
    return v;
  }

  /** Returns the string at {@code at} if it matches {@code pattern} (reported otherwise), else null. */
  String matching(Located at, String pattern, String hint) {
    String v = typed(at, String.class);
    if (v != null && !v.matches(pattern)) {
      errors.value(at, "must match " + pattern + " (" + hint + "), was '" + v + "'");
      return null;
    }
    return v;
  }

  /** Returns whether {@code at} is a mapping; reports it otherwise as "must be {@code what}". */
  boolean mapping(Located at, String what) {
    if (!at.isMapping()) {
      errors.value(at, "must be " + what + ", was " + Coercion.describe(at.plain()));
      return false;
    }
    return true;
  }
}
