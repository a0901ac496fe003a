package org.igkit.runner.data;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;

/** Registers the runner's plugin: the image-folder data set. */
public final class RunnerModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), ImageFolderDataset.TYPE);
  }
}
