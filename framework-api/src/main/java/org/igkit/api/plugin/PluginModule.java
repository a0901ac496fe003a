package org.igkit.api.plugin;

import com.google.inject.AbstractModule;

/**
 * A Guice module that contributes plugins. Implementations are listed in
 * {@code META-INF/services/org.igkit.api.plugin.PluginModule} and found with
 * {@link java.util.ServiceLoader}, so a jar on the class path adds plugins with no change to igkit.
 * Register each plugin in {@link #configure()} with {@link Plugins#register}.
 */
public abstract class PluginModule extends AbstractModule {}
