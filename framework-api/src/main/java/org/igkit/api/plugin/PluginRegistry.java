package org.igkit.api.plugin;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.igkit.api.spec.Names;

/**
 * Every registered plugin, by SPI and id, as contributed to the Guice map binders. Lookups of
 * unknown ids fail with the ids that exist and the closest one ("did you mean").
 */
public final class PluginRegistry {

  private final Map<Class<?>, Map<String, PluginType<?>>> bySpi;

  /** Reads the map binders of every SPI from the injector. */
  @Inject
  public PluginRegistry(Injector injector) {
    Map<Class<?>, Map<String, PluginType<?>>> m = new LinkedHashMap<>();
    for (Class<?> spi : Plugins.SPIS) {
      @SuppressWarnings("unchecked")
      Key<Map<String, PluginType<?>>> key =
          (Key<Map<String, PluginType<?>>>)
              Key.get(Types.mapOf(String.class, Types.newParameterizedType(PluginType.class, spi)));
      m.put(spi, Collections.unmodifiableMap(new TreeMap<>(injector.getInstance(key))));
    }
    this.bySpi = Collections.unmodifiableMap(m);
  }

  /** Returns the plugins of one SPI, sorted by id. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> Map<String, PluginType<T>> plugins(Class<T> spi) {
    Map<String, PluginType<?>> m = bySpi.get(spi);
    if (m == null) {
      throw new IllegalArgumentException(spi.getName() + " is not an igkit SPI");
    }
    return (Map) m;
  }

  /**
   * Returns the plugin {@code id} of {@code spi}.
   *
   * @throws UnknownPluginException naming the ids that exist and the closest one
   */
  public <T> PluginType<T> get(Class<T> spi, String id) {
    PluginType<T> t = plugins(spi).get(id);
    if (t == null) {
      throw new UnknownPluginException(spi, id, plugins(spi).keySet());
    }
    return t;
  }

  /** Builds plugin {@code id} of {@code spi} from {@code spec} (its default when {@code null}). */
  public <T> T create(Class<T> spi, String id, Record spec) {
    PluginType<T> t = get(spi, id);
    return spec == null ? t.createDefault() : t.create(spec);
  }

  /** Thrown for an id no plugin has. */
  public static final class UnknownPluginException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownPluginException(Class<?> spi, String id, java.util.Set<String> known) {
      super("unknown " + roleOf(spi) + " type '" + id + "'" + Names.didYouMean(id, known)
          + " (known: " + String.join(", ", known) + "; a plugin jar on the class path adds more)");
    }
  }

  /** Returns the YAML role name of an SPI ({@code StepRule} → {@code stepRule}). */
  public static String roleOf(Class<?> spi) {
    String s = spi.getSimpleName();
    if (s.equals("BaselineSampler")) {
      return "baselines";
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
