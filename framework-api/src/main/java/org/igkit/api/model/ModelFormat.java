package org.igkit.api.model;

import java.util.Map;

/**
 * A way to load an image classifier from a file: TorchScript files, DJL blocks with saved
 * parameters, or a format a plugin jar adds. Registered like every other plugin (a
 * {@link org.igkit.api.plugin.PluginType} whose id is what {@code model.format} names), so code that
 * runs experiments never depends on the engine that runs the model.
 *
 * <p>A format keeps two laws: {@link #resolve} is a pure function of the spec (it fills this
 * format's defaults and refuses parts that do not apply), and {@link #load} returns a model function
 * whose {@link ModelFunction#inputShape()} is the spec's {@link ModelSpec#shape()}.
 */
public interface ModelFormat {

  /**
   * Fills this format's defaults and checks the parts only this format knows.
   *
   * @throws IllegalArgumentException as {@code "field: what is wrong, was …"}, naming a component of
   *     {@link ModelSpec}
   */
  ModelSpec resolve(ModelSpec spec);

  /**
   * Loads the model of a resolved spec. The caller closes the returned function.
   *
   * @throws IllegalArgumentException when the file cannot be read as this format, naming the file
   */
  ModelFunction load(ModelSpec spec);

  /**
   * Returns the versions of the runtime this format runs models with, for provenance (e.g.
   * {@code djl → 0.35.1}, {@code libtorch → 2.7.1}); empty when there is none to state.
   */
  default Map<String, String> runtimeVersions() {
    return Map.of();
  }

  /** The parameters of a format plugin: none; a model's settings are the parts of {@link ModelSpec}. */
  record NoParameters() {}
}
