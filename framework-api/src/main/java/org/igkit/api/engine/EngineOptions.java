package org.igkit.api.engine;

import java.util.List;
import org.igkit.api.spec.Checks;

/**
 * How the engine runs one attribution.
 *
 * @param batchSize       maximum points per model call (memory is O(batchSize))
 * @param referenceImages training-set images for baseline samplers that draw from data
 */
public record EngineOptions(int batchSize, List<float[]> referenceImages) {

  /** Validates the batch size and copies the list. */
  public EngineOptions {
    Checks.atLeast("batchSize", 1, batchSize);
    referenceImages = List.copyOf(referenceImages);
  }

  /** Returns options with this batch size and no reference images. */
  public static EngineOptions batchSize(int batchSize) {
    return new EngineOptions(batchSize, List.of());
  }

  /** Returns these options with reference images for data-drawn baselines. */
  public EngineOptions withReferenceImages(List<float[]> images) {
    return new EngineOptions(batchSize, images);
  }
}
