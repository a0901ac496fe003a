package org.igkit.runner.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.plugin.Plugins;

/**
 * One configured plugin: its SPI, its registered id (YAML's {@code type:}) and its validated spec
 * record, defaults filled in.
 *
 * @param spi  the SPI ({@code BaselineSampler.class}, {@code Path.class}, …)
 * @param type the plugin id in that SPI's registry
 * @param spec the spec record, of the plugin's {@link PluginType#specClass()}
 * @param name the name results use instead of {@code type} (YAML's {@code name:} of a metric, so
 *             one run can hold a metric twice with different settings), or {@code null}
 */
public record PluginConfig(Class<?> spi, String type, Record spec, String name) {

  /** A plugin without a name of its own. */
  public PluginConfig(Class<?> spi, String type, Record spec) {
    this(spi, type, spec, null);
  }

  /** Checks the components. */
  public PluginConfig {
    Objects.requireNonNull(spi, "spi");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(spec, "spec");
    if (!Plugins.SPIS.contains(spi)) {
      throw new IllegalArgumentException(spi.getName() + " is not an igkit SPI; one of " + Plugins.SPIS);
    }
  }

  /** Returns the plugin with every parameter at its default. */
  public static PluginConfig defaults(PluginType<?> type) {
    return new PluginConfig(type.spi(), type.id(), type.defaultSpec());
  }

  /** Returns the name results use: {@link #name()} when given, else {@link #type()}. */
  public String id() {
    return name != null ? name : type;
  }

  /** Returns this configuration named {@code newName}. */
  public PluginConfig withName(String newName) {
    return new PluginConfig(spi, type, spec, newName);
  }

  /** Returns the YAML role of the SPI ({@code baselines}, {@code stepRule}, {@code metric}, …). */
  public String role() {
    return PluginRegistry.roleOf(spi);
  }

  /**
   * Builds the plugin through its registered {@link PluginType}.
   *
   * @throws PluginRegistry.UnknownPluginException when {@code registry} has no such plugin
   */
  @SuppressWarnings("unchecked")
  public <T> T create(PluginRegistry registry) {
    return (T) registry.get(spi, type).create(spec);
  }

  /**
   * Returns the configuration as YAML would write it, for provenance: {@code type} first (then
   * {@code name} when given), then every spec component with its default filled in (nested specs
   * as maps).
   */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    if (name != null) {
      m.put("name", name);
    }
    m.putAll(SpecMaps.toMap(spec));
    return Collections.unmodifiableMap(m);
  }
}
