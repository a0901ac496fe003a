package org.igkit.runner.data;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;

/** Registers the runner's plugins: the image-folder data set and the latent (VAE) path. */
public final class RunnerModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), ImageFolderDataset.TYPE);
    Plugins.register(binder(), org.igkit.runner.latent.LatentPath.TYPE);
  }
}
