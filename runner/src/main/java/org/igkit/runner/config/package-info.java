/**
 * The experiment file: YAML (format in {@link org.igkit.runner.config.Experiment}) read by
 * {@link org.igkit.runner.config.ExperimentLoader} into immutable records — methods, plugin
 * configs with their spec records, data selection — and expanded into grid
 * {@link org.igkit.runner.config.Cell}s. Plugin ids resolve only through the
 * {@link org.igkit.api.plugin.PluginRegistry}; spec records are bound with Jackson so their compact
 * constructors fill defaults and validate. Every error is a located
 * {@link org.igkit.runner.config.ConfigError}, all of a file reported at once.
 */
package org.igkit.runner.config;
