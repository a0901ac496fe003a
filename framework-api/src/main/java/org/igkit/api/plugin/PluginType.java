package org.igkit.api.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one registration of a plugin: its kebab-case id (what YAML's {@code type:} names), the
 * immutable spec record that configures it, the factory that builds it from a spec, a one-line
 * description and its declared capabilities.
 *
 * <p>Spec records use boxed or reference components; {@code null} means "use the default", and
 * the compact constructor fills defaults and validates, so {@link #defaultSpec()} is the record
 * built from all-null components.
 *
 * @param <T> the SPI the plugin implements ({@code Path}, {@code StepRule}, …)
 */
public final class PluginType<T> {

  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final Class<T> spi;
  private final String id;
  private final Class<? extends Record> specClass;
  private final Function<Record, T> factory;
  private final String description;
  private final Set<Capability> capabilities;
  private final String modelCalls;

  private PluginType(
      Class<T> spi,
      String id,
      Class<? extends Record> specClass,
      Function<Record, T> factory,
      String description,
      Set<Capability> capabilities,
      String modelCalls) {
    this.spi = spi;
    this.id = id;
    this.specClass = specClass;
    this.factory = factory;
    this.description = description;
    this.capabilities = capabilities;
    this.modelCalls = modelCalls;
  }

  /**
   * Declares a plugin.
   *
   * @param spi          the SPI interface
   * @param id           lowercase kebab-case id, unique within the SPI
   * @param specClass    the spec record
   * @param factory      builds the plugin from a validated spec
   * @param description  one line for {@code list-plugins}
   * @param capabilities what the plugin claims
   */
  public static <T, S extends Record> PluginType<T> of(
      Class<T> spi,
      String id,
      Class<S> specClass,
      Function<? super S, ? extends T> factory,
      String description,
      Capability... capabilities) {
    Objects.requireNonNull(spi, "spi");
    Objects.requireNonNull(factory, "factory");
    if (id == null || !KEBAB.matcher(id).matches()) {
      throw new IllegalArgumentException("plugin id must be lowercase kebab-case, was '" + id + "'");
    }
    Function<Record, T> f = spec -> factory.apply(specClass.cast(spec));
    Set<Capability> caps = capabilities.length == 0 ? EnumSet.noneOf(Capability.class) : EnumSet.of(capabilities[0], capabilities);
    return new PluginType<>(spi, id, specClass, f, description, Set.copyOf(caps), null);
  }

  /**
   * Returns this registration with the number of model calls one attribution costs, as
   * {@code list-plugins} shows it, e.g. {@code "1 gradient"} or {@code "N gradients (N = steps)"}.
   * Counts are per path (per baseline) and leave out the engine's own forward pass that scores the
   * input and the path's start.
   *
   * @param calls a short phrase, not blank
   */
  public PluginType<T> withModelCalls(String calls) {
    if (calls == null || calls.isBlank()) {
      throw new IllegalArgumentException("plugin '" + id + "': model calls must be a non-blank phrase");
    }
    return new PluginType<>(spi, id, specClass, factory, description, capabilities, calls.strip());
  }

  /** Returns the SPI this plugin implements. */
  public Class<T> spi() {
    return spi;
  }

  /** Returns the kebab-case id. */
  public String id() {
    return id;
  }

  /** Returns the spec record class. */
  public Class<? extends Record> specClass() {
    return specClass;
  }

  /** Returns the one-line description. */
  public String description() {
    return description;
  }

  /**
   * Returns how many model calls one attribution costs, as declared with {@link #withModelCalls},
   * or empty where the plugin does not say.
   */
  public java.util.Optional<String> modelCalls() {
    return java.util.Optional.ofNullable(modelCalls);
  }

  /** Returns the declared capabilities. */
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** Returns whether the plugin declares {@code c}. */
  public boolean has(Capability c) {
    return capabilities.contains(c);
  }

  /** Builds the plugin from a spec of this type's spec class. */
  public T create(Record spec) {
    if (!specClass.isInstance(spec)) {
      throw new IllegalArgumentException(
          "plugin '" + id + "' takes a " + specClass.getSimpleName() + ", was given " + spec.getClass().getSimpleName());
    }
    return factory.apply(spec);
  }

  /** Builds the plugin with every parameter at its default. */
  public T createDefault() {
    return create(defaultSpec());
  }

  /** Returns the spec with every parameter at its default (all components {@code null}). */
  public Record defaultSpec() {
    RecordComponent[] rc = specClass.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
      if (types[i].isPrimitive()) {
        throw new IllegalStateException(
            specClass.getName() + "." + rc[i].getName() + " is primitive; spec components must be nullable");
      }
    }
    try {
      Constructor<? extends Record> c = specClass.getDeclaredConstructor(types);
      c.setAccessible(true);
      return c.newInstance(new Object[rc.length]);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException("default spec of '" + id + "' is invalid: " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the default spec of '" + id + "'", e);
    }
  }

  @Override
  public String toString() {
    return spi.getSimpleName() + ":" + id;
  }
}
