package org.igkit.runner.config;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.igkit.api.data.Dataset;
import org.igkit.api.metric.Metric;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.spec.Names;

/**
 * Expands an ablation grid into cells, JMH-style: each method gets the outer product of the values
 * of the grid keys that apply to it (the last key varies fastest); keys that apply to no parameter
 * of a method leave it alone. A key is
 *
 * <ul>
 *   <li>{@code <role>.<param>}: the parameter of the method's plugin(s) in that role
 *       ({@code baselines}, {@code path}, {@code stepRule}, {@code aggregator}), in every method
 *       whose plugin there has it;
 *   <li>{@code <pluginId>.<param>}: the parameter of every plugin of that id, in any role;
 *   <li>{@code <method>.<role>.<param>}: one method's plugin(s) in one role.
 * </ul>
 *
 * Parameters of nested specs are reached with more dots ({@code filtered.fitness.alpha}). Every
 * value is checked by building the spec record with it, so the record's own validation speaks.
 */
final class GridExpander {

  /**
   * A problem with the grid.
   *
   * @param key     the grid key, or {@code null} for the grid as a whole
   * @param value   the index of the value at fault, {@link #KEY} for the key, {@link #GRID} for a
   *                combination
   * @param message what is wrong and what is allowed
   */
  record Issue(String key, int value, String message) {
    static final int KEY = -1;
    static final int GRID = -2;
  }

  /** The cells, or the problems that prevented them. */
  record Result(List<Cell> cells, List<Issue> issues) {}

  /** One parameter of one plugin of one method that a key sets. */
  private record Target(int method, String role, int index, List<String> param, Type type) {}

  /** One plugin of a method. */
  private record Slot(String role, int index) {}

  private static final class BadKey extends Exception {
    private static final long serialVersionUID = 1L;

    BadKey(String message) {
      super(message);
    }
  }

  private static final String FORMS =
      "<role>.<param>, <pluginId>.<param> or <method>.<role>.<param> (roles: " + String.join(", ", MethodConfig.ROLES) + ")";

  /**
   * The most cells one experiment may expand to. Each cell is attributed for every sample, so a
   * grid beyond this is a sweep for several runs, and expanding it would cost memory before any
   * sample is read.
   */
  static final int MAX_CELLS = 10_000;

  private final PluginRegistry registry;
  private final SpecBinder binder;

  GridExpander(PluginRegistry registry, SpecBinder binder) {
    this.registry = registry;
    this.binder = binder;
  }

  /** Checks every key and value; returns the cells when all are valid, else the issues. */
  Result expand(List<MethodConfig> methods, Map<String, List<Object>> grid) {
    List<Issue> issues = new ArrayList<>();
    Map<String, List<Target>> targets = new LinkedHashMap<>();
    for (String key : grid.keySet()) {
      try {
        targets.put(key, resolve(key, methods));
      } catch (BadKey e) {
        issues.add(new Issue(key, Issue.KEY, e.getMessage()));
      }
    }
    conflicts(targets, methods, issues);
    String tooMany = tooManyCells(methods, grid, targets);
    if (tooMany != null) {
      // counted before any value is checked or cell built: both cost per value and per cell
      issues.add(new Issue(null, Issue.GRID, tooMany));
      return new Result(List.of(), issues);
    }
    targets.forEach((key, t) -> checkValues(key, grid.get(key), t, methods, issues));
    if (!issues.isEmpty()) {
      return new Result(List.of(), issues);
    }
    List<Cell> cells = cells(methods, grid, targets, issues);
    return new Result(issues.isEmpty() ? cells : List.of(), issues);
  }

  private List<Target> resolve(String key, List<MethodConfig> methods) throws BadKey {
    String[] seg = key.split("\\.", -1);
    for (String s : seg) {
      if (s.isEmpty() || seg.length < 2) {
        throw new BadKey("must be " + FORMS + ", was '" + key + "'");
      }
    }
    List<String> names = methods.stream().map(MethodConfig::name).toList();
    List<Target> out = new ArrayList<>();
    if (seg.length >= 3 && names.contains(seg[0]) && MethodConfig.ROLES.contains(seg[1])) {
      int mi = names.indexOf(seg[0]);
      List<String> param = List.of(seg).subList(2, seg.length);
      out.addAll(targets(mi, methods.get(mi), seg[1], null, param));
      if (out.isEmpty()) {
        List<PluginConfig> in = methods.get(mi).plugins(seg[1]);
        throw new BadKey("method '" + seg[0] + "' has no " + seg[1] + " parameter '" + String.join(".", param)
            + "' (" + parameters(in) + ")" + Names.didYouMean(String.join(".", param), leafNames(in)));
      }
      return out;
    }
    if (MethodConfig.ROLES.contains(seg[0])) {
      List<String> param = List.of(seg).subList(1, seg.length);
      List<PluginConfig> in = new ArrayList<>();
      for (int mi = 0; mi < methods.size(); mi++) {
        out.addAll(targets(mi, methods.get(mi), seg[0], null, param));
        in.addAll(methods.get(mi).plugins(seg[0]));
      }
      if (out.isEmpty()) {
        throw new BadKey("no " + seg[0] + " in use has a parameter '" + String.join(".", param) + "' ("
            + (in.isEmpty() ? "no method has " + seg[0] : parameters(in)) + ")"
            + Names.didYouMean(String.join(".", param), leafNames(in)));
      }
      return out;
    }
    if (methodPluginIds().contains(seg[0])) {
      String id = seg[0];
      List<String> param = List.of(seg).subList(1, seg.length);
      List<PluginConfig> in = new ArrayList<>();
      for (int mi = 0; mi < methods.size(); mi++) {
        for (String role : MethodConfig.ROLES) {
          out.addAll(targets(mi, methods.get(mi), role, id, param));
          methods.get(mi).plugins(role).stream().filter(p -> p.type().equals(id)).forEach(in::add);
        }
      }
      if (in.isEmpty()) {
        throw new BadKey("no method uses plugin '" + id + "' (in use: " + String.join(", ", idsInUse(methods)) + ")");
      }
      if (out.isEmpty()) {
        throw new BadKey("'" + id + "' has no parameter '" + String.join(".", param) + "' (" + parameters(in) + ")"
            + Names.didYouMean(String.join(".", param), leafNames(in)));
      }
      return out;
    }
    if (names.contains(seg[0])) {
      throw new BadKey("'" + seg[0] + "' is a method: write " + seg[0] + ".<role>.<param> with role one of "
          + String.join(", ", MethodConfig.ROLES));
    }
    for (Class<?> spi : List.of(Metric.class, Dataset.class)) {
      if (registry.plugins(spi).containsKey(seg[0])) {
        throw new BadKey("'" + seg[0] + "' is a " + PluginRegistry.roleOf(spi) + "; grid keys vary the parameters of methods only");
      }
    }
    List<String> candidates = new ArrayList<>(MethodConfig.ROLES);
    candidates.addAll(names);
    candidates.addAll(methodPluginIds());
    throw new BadKey("'" + seg[0] + "' is not a role, plugin id or method name (roles: " + String.join(", ", MethodConfig.ROLES)
        + "; methods: " + String.join(", ", names) + "; plugins in use: " + String.join(", ", idsInUse(methods)) + ")"
        + Names.didYouMean(seg[0], candidates));
  }

  /** Returns the targets in one method's role, of plugin {@code id} if not null, that have {@code param}. */
  private static List<Target> targets(int mi, MethodConfig m, String role, String id, List<String> param) {
    List<Target> out = new ArrayList<>();
    List<PluginConfig> plugins = m.plugins(role);
    for (int i = 0; i < plugins.size(); i++) {
      PluginConfig p = plugins.get(i);
      Type type = SpecMaps.typeAt(p.spec().getClass(), param);
      if ((id == null || p.type().equals(id)) && type != null) {
        out.add(new Target(mi, role, i, param, type));
      }
    }
    return out;
  }

  private void conflicts(Map<String, List<Target>> targets, List<MethodConfig> methods, List<Issue> issues) {
    Map<String, String> owner = new HashMap<>();
    for (Map.Entry<String, List<Target>> e : targets.entrySet()) {
      for (Target t : e.getValue()) {
        String where = methods.get(t.method()).name() + "." + t.role() + (t.role().equals("baselines") ? "[" + t.index() + "]" : "")
            + "." + String.join(".", t.param());
        String other = owner.putIfAbsent(where, e.getKey());
        if (other != null) {
          issues.add(new Issue(e.getKey(), Issue.KEY, "sets " + where + " that grid key '" + other + "' sets too; keep one of them"));
          break;
        }
      }
    }
  }

  private void checkValues(String key, List<Object> values, List<Target> targets, List<MethodConfig> methods, List<Issue> issues) {
    Map<String, Integer> seen = new HashMap<>();
    for (int v = 0; v < values.size(); v++) {
      Object value = values.get(v);
      if (value == null) {
        issues.add(new Issue(key, v, "must not be empty"));
        continue;
      }
      Integer first = seen.putIfAbsent(label(value), v);
      if (first != null) {
        issues.add(new Issue(key, v, "repeats " + label(value) + " (also [" + first + "]); each value makes one cell"));
        continue;
      }
      Set<String> messages = new LinkedHashSet<>();
      for (Target t : targets) {
        try {
          rebuild(plugin(methods, t), Map.of(t.param(), convert(t, value)));
        } catch (SpecBinder.Refused r) {
          messages.add(relative(r, t.param()));
        }
      }
      for (String m : messages) {
        issues.add(new Issue(key, v, m));
      }
    }
  }

  /**
   * Returns why the grid makes more than {@link #MAX_CELLS} cells, counted from the sizes of its
   * value lists before any cell is built; {@code null} when it makes fewer.
   */
  private static String tooManyCells(List<MethodConfig> methods, Map<String, List<Object>> grid, Map<String, List<Target>> targets) {
    long total = 0;
    for (int mi = 0; mi < methods.size(); mi++) {
      long product = 1;
      for (Map.Entry<String, List<Target>> e : targets.entrySet()) {
        int method = mi;
        if (e.getValue().stream().anyMatch(t -> t.method() == method)) {
          product = saturated(BigInteger.valueOf(product).multiply(BigInteger.valueOf(grid.get(e.getKey()).size())));
        }
      }
      total = saturated(BigInteger.valueOf(total).add(BigInteger.valueOf(product)));
    }
    if (total <= MAX_CELLS) {
      return null;
    }
    List<String> sizes = new ArrayList<>();
    targets.keySet().forEach(key -> sizes.add(key + " (" + grid.get(key).size() + ")"));
    String count = total == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.format(java.util.Locale.ROOT, "%,d", total);
    return "makes " + count + " cells (" + String.join(" × ", sizes) + " values, over "
        + methods.size() + " method(s)); one run holds at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_CELLS)
        + " cells: split the grid over several experiments or try fewer values";
  }

  private static long saturated(BigInteger n) {
    return n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
  }

  private List<Cell> cells(
      List<MethodConfig> methods, Map<String, List<Object>> grid, Map<String, List<Target>> targets, List<Issue> issues) {
    List<Cell> cells = new ArrayList<>();
    for (int mi = 0; mi < methods.size(); mi++) {
      MethodConfig m = methods.get(mi);
      int method = mi;
      List<String> keys = targets.entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(t -> t.method() == method)).map(Map.Entry::getKey).toList();
      int[] at = new int[keys.size()];
      do {
        Map<String, Object> chosen = new LinkedHashMap<>();
        StringBuilder id = new StringBuilder(m.name());
        for (int j = 0; j < keys.size(); j++) {
          Object value = grid.get(keys.get(j)).get(at[j]);
          chosen.put(keys.get(j), value);
          id.append(j == 0 ? "[" : ",").append(keys.get(j)).append('=').append(label(value));
        }
        if (!keys.isEmpty()) {
          id.append(']');
        }
        try {
          Map<Slot, Map<List<String>, Object>> overrides = new LinkedHashMap<>();
          for (String key : keys) {
            for (Target t : targets.get(key)) {
              if (t.method() == mi) {
                overrides.computeIfAbsent(new Slot(t.role(), t.index()), s -> new LinkedHashMap<>())
                    .put(t.param(), convert(t, chosen.get(key)));
              }
            }
          }
          MethodConfig config = m;
          for (Map.Entry<Slot, Map<List<String>, Object>> o : overrides.entrySet()) {
            PluginConfig p = m.plugins(o.getKey().role()).get(o.getKey().index());
            config = config.with(o.getKey().role(), o.getKey().index(), new PluginConfig(p.spi(), p.type(), rebuild(p, o.getValue())));
          }
          cells.add(new Cell(id.toString(), m.name(), chosen, config));
        } catch (SpecBinder.Refused r) {
          issues.add(new Issue(null, Issue.GRID, "cell " + id + ": " + relative(r, List.of())));
        }
      } while (next(at, keys, grid));
    }
    return cells;
  }

  private static boolean next(int[] at, List<String> keys, Map<String, List<Object>> grid) {
    for (int j = at.length - 1; j >= 0; j--) {
      if (++at[j] < grid.get(keys.get(j)).size()) {
        return true;
      }
      at[j] = 0;
    }
    return false;
  }

  private static PluginConfig plugin(List<MethodConfig> methods, Target t) {
    return methods.get(t.method()).plugins(t.role()).get(t.index());
  }

  private static Object convert(Target t, Object value) throws SpecBinder.Refused {
    Coercion c = new Coercion();
    Object out = c.convert(t.type(), value, List.of());
    if (!c.ok()) {
      Coercion.Problem p = c.problems().get(0);
      List<Object> at = new ArrayList<>(t.param());
      at.addAll(p.at());
      throw new SpecBinder.Refused(at, p.message());
    }
    return out;
  }

  private Record rebuild(PluginConfig p, Map<List<String>, Object> overrides) throws SpecBinder.Refused {
    Map<String, Object> values = SpecMaps.toMap(p.spec());
    overrides.forEach((path, v) -> SpecMaps.put(values, path, v));
    return binder.bind(p.spec().getClass(), values);
  }

  /** Returns the refusal's message, prefixed by where it is when that is not the parameter itself. */
  private static String relative(SpecBinder.Refused r, List<String> param) {
    List<Object> at = r.at();
    if (at.size() >= param.size() && at.subList(0, param.size()).equals(param)) {
      at = at.subList(param.size(), at.size());
    }
    return at.isEmpty() ? r.getMessage() : Located.join("", at) + ": " + r.getMessage();
  }

  /** Returns a value as it appears in a cell id: characters other than {@code [A-Za-z0-9._+-]} become {@code _}. */
  static String label(Object value) {
    return String.valueOf(value).replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  private Set<String> methodPluginIds() {
    Set<String> ids = new TreeSet<>();
    for (String role : MethodConfig.ROLES) {
      ids.addAll(registry.plugins(MethodConfig.spiOf(role)).keySet());
    }
    return ids;
  }

  private static Set<String> idsInUse(List<MethodConfig> methods) {
    Set<String> ids = new TreeSet<>();
    for (MethodConfig m : methods) {
      for (String role : MethodConfig.ROLES) {
        m.plugins(role).forEach(p -> ids.add(p.type()));
      }
    }
    return ids;
  }

  /** Returns "id: p1, p2; id2: no parameters" for the distinct plugins of {@code in}. */
  private static String parameters(List<PluginConfig> in) {
    Map<String, List<String>> byId = new LinkedHashMap<>();
    in.forEach(p -> byId.putIfAbsent(p.type(), SpecMaps.leafNames(p.spec().getClass())));
    List<String> parts = new ArrayList<>();
    byId.forEach((id, names) -> parts.add(id + ": " + (names.isEmpty() ? "no parameters" : String.join(", ", names))));
    return String.join("; ", parts);
  }

  private static List<String> leafNames(List<PluginConfig> in) {
    Set<String> names = new LinkedHashSet<>();
    in.forEach(p -> names.addAll(SpecMaps.leafNames(p.spec().getClass())));
    return List.copyOf(names);
  }
}
