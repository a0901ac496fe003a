package org.igkit.runner.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.spec.OmittedWhenNull;

/** Spec records as maps (for provenance and for rebuilding with changed values) and their types. */
final class SpecMaps {

  private SpecMaps() {}

  /** Returns the components of {@code spec} as a mutable map, nested records as nested maps. */
  static Map<String, Object> toMap(Record spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent rc : spec.getClass().getRecordComponents()) {
      Object v = read(rc, spec);
      if (v == null && rc.isAnnotationPresent(OmittedWhenNull.class)) {
        continue;
      }
      m.put(rc.getName(), plain(v));
    }
    return m;
  }

  /** Sets {@code value} at a dotted path of nested maps, creating the maps that are missing. */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> map, List<String> path, Object value) {
    Map<String, Object> m = map;
    for (String key : path.subList(0, path.size() - 1)) {
      Object next = m.get(key);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        m.put(key, next);
      }
      m = (Map<String, Object>) next;
    }
    m.put(path.get(path.size() - 1), value);
  }

  /**
   * Returns the generic type of the component at {@code path} below {@code type} (names step into
   * nested records, indices into list elements), or {@code null} when there is none.
   */
  static Type typeAt(Type type, List<?> path) {
    Type t = type;
    for (Object step : path) {
      if (step instanceof Integer) {
        t = t instanceof ParameterizedType p && List.class.isAssignableFrom(raw(p)) ? p.getActualTypeArguments()[0] : null;
      } else {
        t = component(raw(t), (String) step);
      }
      if (t == null) {
        return null;
      }
    }
    return t;
  }

  /** Returns the generic type of component {@code name} of record {@code c}, or {@code null}. */
  static Type component(Class<?> c, String name) {
    if (c == null || !c.isRecord()) {
      return null;
    }
    for (RecordComponent rc : c.getRecordComponents()) {
      if (rc.getName().equals(name)) {
        return rc.getGenericType();
      }
    }
    return null;
  }

  /** Returns the component names of record {@code c}, nested records flattened with dots. */
  static List<String> leafNames(Class<?> c) {
    List<String> out = new ArrayList<>();
    for (RecordComponent rc : c.getRecordComponents()) {
      if (rc.getType().isRecord() && rc.getType().getRecordComponents().length > 0) {
        for (String sub : leafNames(rc.getType())) {
          out.add(rc.getName() + "." + sub);
        }
      } else {
        out.add(rc.getName());
      }
    }
    return out;
  }

  /** Returns the class of a (possibly parameterised) type, or {@code null}. */
  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Object plain(Object v) {
    if (v instanceof Record r) {
      return toMap(r);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(e -> out.add(plain(e)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, e) -> out.put(k, plain(e)));
      return out;
    }
    return v;
  }

  private static Object read(RecordComponent rc, Record r) {
    try {
      var accessor = rc.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + rc, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("accessor of " + rc + " failed: " + e.getCause(), e.getCause());
    }
  }
}
