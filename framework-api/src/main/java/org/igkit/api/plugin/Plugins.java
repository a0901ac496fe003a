package org.igkit.api.plugin;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.List;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.data.Dataset;
import org.igkit.api.metric.Metric;
import org.igkit.api.model.ModelFormat;
import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;

/**
 * Registration of plugins into one Guice {@link MapBinder} per SPI, keyed by plugin id. Two
 * registrations of one id fail when the injector is created, naming both: Guice records each
 * binding at the module's {@code configure} line that called {@link #register}, not at this class.
 */
public final class Plugins {

  /** The SPIs igkit has plugin registries for, in the order listings show them. */
  public static final List<Class<?>> SPIS =
      List.of(
          BaselineSampler.class, Path.class, StepRule.class, Aggregator.class, Metric.class, Dataset.class,
          ModelFormat.class, org.igkit.api.postprocess.Postprocess.class);

  private Plugins() {}

  /** Adds {@code type} to its SPI's map. */
  public static <T> void register(Binder binder, PluginType<T> type) {
    mapBinder(binder, type.spi()).addBinding(type.id()).toInstance(type);
  }

  /**
   * Returns (creating if needed) the map binder of one SPI. Its bindings' sources are the
   * caller's, so error messages name the registering module.
   */
  public static <T> MapBinder<String, PluginType<T>> mapBinder(Binder binder, Class<T> spi) {
    if (!SPIS.contains(spi)) {
      throw new IllegalArgumentException(spi.getName() + " is not an igkit SPI; one of " + SPIS);
    }
    return MapBinder.newMapBinder(binder.skipSources(Plugins.class), TypeLiteral.get(String.class), typeOf(spi));
  }

  /** Returns the Guice type {@code PluginType<spi>}. */
  @SuppressWarnings("unchecked")
  public static <T> TypeLiteral<PluginType<T>> typeOf(Class<T> spi) {
    return (TypeLiteral<PluginType<T>>) TypeLiteral.get(Types.newParameterizedType(PluginType.class, spi));
  }
}
