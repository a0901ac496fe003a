package org.igkit.models;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.models.latent.LatentPath;

/** Registers the model formats {@code torchscript} and {@code djl-block} and the {@code latent} (VAE) path. */
public final class ModelsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), TorchScriptFormat.TYPE);
    Plugins.register(binder(), DjlBlockFormat.TYPE);
    Plugins.register(binder(), LatentPath.TYPE);
  }
}
