package org.igkit.example;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;

/** Registers the example plugin; listed in META-INF/services so igkit finds it. */
public final class ExamplePluginModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), PowerPath.TYPE);
  }
}
