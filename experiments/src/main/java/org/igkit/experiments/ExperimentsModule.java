package org.igkit.experiments;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.experiments.data.ShapesBenchmark;

/** Registers the benchmark data sets. */
public final class ExperimentsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), ShapesBenchmark.TYPE);
  }
}
