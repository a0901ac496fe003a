package org.igkit.api.model;

import java.util.List;

/**
 * A model whose parameters can be re-drawn layer by layer, for the model-parameter randomisation
 * sanity check (Adebayo et al., 2018, "Sanity checks for saliency maps"): an explanation that
 * stays the same when the network's weights are replaced by random ones does not explain the
 * network.
 *
 * <p>Laws: {@link #layers()} lists the layers that hold parameters, from the input to the output;
 * {@link #withRandomised} returns a new model, leaving this one unchanged, in which exactly the
 * named layers hold freshly initialised parameters (the architecture's own initialisation, drawn
 * from {@code seed}: equal seeds give equal parameters) and every other layer holds this model's.
 * The caller closes the returned model when it is {@link AutoCloseable}.
 */
public interface RandomisableModel extends ModelFunction {

  /** Returns the names of the layers with parameters, input side first. */
  List<String> layers();

  /**
   * Returns a copy of this model with {@code layers} re-initialised from {@code seed}.
   *
   * @throws IllegalArgumentException naming a layer that {@link #layers()} does not list
   */
  ModelFunction withRandomised(List<String> layers, long seed);
}
