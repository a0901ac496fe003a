package org.igkit.api.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Builds the Guice injector from every {@link PluginModule} on the class path plus any extra
 * modules (tests use these to swap bindings).
 */
public final class PluginLoader {

  private PluginLoader() {}

  /** Returns the plugin modules that {@link ServiceLoader} finds, in class-path order. */
  public static List<PluginModule> discover(ClassLoader loader) {
    List<PluginModule> modules = new ArrayList<>();
    ServiceLoader.load(PluginModule.class, loader).forEach(modules::add);
    return modules;
  }

  /** Creates an injector with the discovered plugin modules and {@code extra}. */
  public static Injector injector(Module... extra) {
    List<Module> all = new ArrayList<>();
    all.add(new SpiModule());
    all.addAll(discover(Thread.currentThread().getContextClassLoader()));
    all.addAll(List.of(extra));
    return Guice.createInjector(all);
  }

  /** Creates the registry of every plugin on the class path. */
  public static PluginRegistry registry(Module... extra) {
    return injector(extra).getInstance(PluginRegistry.class);
  }

  /** Declares an (initially empty) map binder for every SPI, so registries exist with no plugins. */
  static final class SpiModule extends AbstractModule {
    @Override
    protected void configure() {
      for (Class<?> spi : Plugins.SPIS) {
        Plugins.mapBinder(binder(), spi);
      }
    }
  }
}
