package org.igkit.api.aggregate;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * What a {@link BaselineSampler} may draw from.
 *
 * @param input           the input being explained
 * @param shape           its shape
 * @param random          the seeded source for this (sample, method)
 * @param referenceImages training-set images for samplers that draw from data (may be empty)
 */
public record BaselineRequest(
    float[] input, Shape shape, RandomSource random, List<float[]> referenceImages) {

  /** Copies the list of reference images. */
  public BaselineRequest {
    referenceImages = List.copyOf(referenceImages);
  }
}
