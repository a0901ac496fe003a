package org.igkit.experiments;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.experiments.data.FashionOnTextureBenchmark;
import org.igkit.experiments.data.ShapesBenchmark;

/** Registers the benchmark data sets: {@code shapes}, {@code fashion-on-texture}, {@code block-mnist}. */
public final class ExperimentsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), ShapesBenchmark.TYPE);
    Plugins.register(binder(), FashionOnTextureBenchmark.TYPE);
    Plugins.register(binder(), BlockMnistBenchmark.TYPE);
  }
}
