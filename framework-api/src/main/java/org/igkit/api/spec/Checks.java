package org.igkit.api.spec;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Validation helpers for the compact constructors of spec records. Each throws
 * {@link IllegalArgumentException} whose message names the field, the bad value and what is
 * allowed, e.g. {@code "steps: must be ≥ 1, was 0"}; the YAML layer prefixes file, line and path.
 */
public final class Checks {

  private Checks() {}

  /** Returns {@code value}, or throws if it is below {@code min}. */
  public static int atLeast(String field, int min, int value) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": must be ≥ " + min + ", was " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws if it is outside {@code [min, max]} or not finite. */
  public static double inRange(String field, double min, double max, double value) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + ": must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws if it is outside the open-closed interval {@code (min, max]}. */
  public static double inOpenClosed(String field, double min, double max, double value) {
    if (!(value > min && value <= max)) {
      throw new IllegalArgumentException(
          field + ": must be in (" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws if it is not finite and strictly positive. */
  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": must be > 0 and finite, was " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is one of {@code allowed}; otherwise throws listing them. */
  public static String oneOf(String field, String value, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(
          field + ": must be one of " + allowed + ", was '" + value + "'" + Names.didYouMean(value, allowed));
    }
    return value;
  }

  /**
   * Parses a kebab-case option into the enum constant of the same name ({@code "corner-mean"} →
   * {@code CORNER_MEAN}); {@code null} gives {@code fallback}.
   */
  public static <E extends Enum<E>> E option(String field, Class<E> type, String value, E fallback) {
    if (value == null) {
      return fallback;
    }
    String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    var allowed = Arrays.stream(type.getEnumConstants()).map(Checks::kebab).toList();
    throw new IllegalArgumentException(
        field + ": must be one of " + allowed + ", was '" + value + "'" + Names.didYouMean(value, allowed));
  }

  /** Returns the kebab-case name of an enum constant ({@code CORNER_MEAN} → {@code corner-mean}). */
  public static String kebab(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
