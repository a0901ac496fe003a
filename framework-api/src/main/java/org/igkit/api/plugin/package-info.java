/**
 * Plugin registration: a {@link org.igkit.api.plugin.PluginType} per plugin, one Guice map binder
 * per SPI, modules found with {@link java.util.ServiceLoader}.
 */
package org.igkit.api.plugin;
