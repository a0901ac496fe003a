package org.igkit.runner.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.igkit.api.spec.Names;

/**
 * Checks plain YAML values (strings, numbers, booleans, lists, maps) against the Java types of
 * spec-record components and converts them, collecting every problem with the path below the
 * checked value where it occurred. Record types become maps of converted component values, ready
 * for {@link SpecBinder}; {@code null} (an empty YAML value) is left for the default.
 */
final class Coercion {

  /**
   * One value of the wrong type or one unknown key.
   *
   * @param at      the path of the value, or of the mapping that holds the unknown key
   * @param key     the unknown key, or {@code null} for a bad value
   * @param message what is wrong and what is allowed
   */
  record Problem(List<Object> at, String key, String message) {}

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final List<Problem> problems = new ArrayList<>();

  /** Returns the problems found so far. */
  List<Problem> problems() {
    return problems;
  }

  /** Returns whether no problem was found. */
  boolean ok() {
    return problems.isEmpty();
  }

  /** Returns the message for an unknown key, with the allowed keys and the closest one. */
  static String unknownKey(String key, Collection<String> allowed, String owner) {
    if (allowed.isEmpty()) {
      return "unknown key '" + key + "' (" + (owner == null ? "no keys are allowed here" : owner + " takes no parameters") + ")";
    }
    return "unknown key '" + key + "' (allowed: " + String.join(", ", allowed) + ")" + Names.didYouMean(key, allowed);
  }

  /** Returns how a plain value is quoted in messages: {@code 'abc'}, {@code a list}, {@code a mapping}. */
  static String describe(Object v) {
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    return v == null ? "empty" : "'" + v + "'";
  }

  /**
   * Converts the entries of {@code values} to the components of {@code type}.
   *
   * @param extraAllowed keys the caller handles itself, listed among the allowed ones
   * @param owner        what to call the record when it takes no parameters ({@code 'black'})
   */
  Map<String, Object> record(
      Class<?> type, Map<?, ?> values, List<Object> at, List<String> extraAllowed, String owner) {
    RecordComponent[] rc = type.getRecordComponents();
    List<String> names = Arrays.stream(rc).map(RecordComponent::getName).toList();
    List<String> allowed = new ArrayList<>(names);
    allowed.addAll(extraAllowed);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      String key = String.valueOf(e.getKey());
      int k = names.indexOf(key);
      if (k < 0) {
        problems.add(new Problem(at, key, unknownKey(key, allowed, owner)));
      } else {
        out.put(key, convert(rc[k].getGenericType(), e.getValue(), append(at, key)));
      }
    }
    return out;
  }

  /** Converts {@code v} to {@code type}; on a problem records it and returns {@code null}. */
  Object convert(Type type, Object v, List<Object> at) {
    Class<?> raw = SpecMaps.raw(type);
    if (v == null || raw == null || raw == Object.class) {
      return v;
    }
    if (raw == Integer.class || raw == int.class) {
      Long n = integer(v, at, Integer.MIN_VALUE, Integer.MAX_VALUE);
      return n == null ? null : n.intValue();
    }
    if (raw == Long.class || raw == long.class) {
      return integer(v, at, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == Double.class || raw == double.class) {
      return number(v, at);
    }
    if (raw == Float.class || raw == float.class) {
      Double d = number(v, at);
      return d == null ? null : d.floatValue();
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return bool(v, at);
    }
    if (raw == String.class) {
      return string(v, at);
    }
    if (raw.isEnum()) {
      return option(raw, v, at);
    }
    if (raw.isRecord()) {
      if (!(v instanceof Map<?, ?> m)) {
        return fail(at, "must be a mapping of " + String.join(", ", SpecMaps.leafNames(raw)) + ", was " + describe(v));
      }
      return record(raw, m, at, List.of(), null);
    }
    if (List.class.isAssignableFrom(raw) || raw == Collection.class) {
      Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      if (v instanceof Map<?, ?>) {
        return fail(at, "must be a list, was a mapping");
      }
      List<?> items = v instanceof List<?> l ? l : List.of(v);
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(convert(element, items.get(i), v instanceof List<?> ? append(at, i) : at));
      }
      return out;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
      if (!(v instanceof Map<?, ?> m)) {
        return fail(at, "must be a mapping, was " + describe(v));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((key, e) -> out.put(String.valueOf(key), convert(value, e, append(at, String.valueOf(key)))));
      return out;
    }
    return v;
  }

  private Long integer(Object v, List<Object> at, long min, long max) {
    BigInteger n = null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = BigInteger.valueOf(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      n = b;
    } else if (v instanceof String s && INTEGER.matcher(s.trim()).matches()) {
      n = new BigInteger(s.trim().startsWith("+") ? s.trim().substring(1) : s.trim());
    }
    if (n == null) {
      fail(at, "must be an integer, was " + describe(v));
      return null;
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      fail(at, "must be an integer from " + min + " to " + max + ", was " + n);
      return null;
    }
    return n.longValue();
  }

  private Double number(Object v, List<Object> at) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && DECIMAL.matcher(s.trim()).matches()) {
      return Double.parseDouble(s.trim());
    }
    fail(at, "must be a number, was " + describe(v));
    return null;
  }

  private Boolean bool(Object v, List<Object> at) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    fail(at, "must be true or false, was " + describe(v));
    return null;
  }

  private String string(Object v, List<Object> at) {
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      fail(at, "must be a single value, was " + describe(v));
      return null;
    }
    return String.valueOf(v);
  }

  private Object option(Class<?> type, Object v, List<Object> at) {
    List<String> allowed = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      String kebab = ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (kebab.equals(String.valueOf(v).trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
        return c;
      }
      allowed.add(kebab);
    }
    return fail(at, "must be one of " + allowed + ", was " + describe(v) + Names.didYouMean(String.valueOf(v), allowed));
  }

  private Object fail(List<Object> at, String message) {
    problems.add(new Problem(at, null, message));
    return null;
  }

  private static List<Object> append(List<Object> at, Object step) {
    List<Object> out = new ArrayList<>(at.size() + 1);
    out.addAll(at);
    out.add(step);
    return List.copyOf(out);
  }
}
