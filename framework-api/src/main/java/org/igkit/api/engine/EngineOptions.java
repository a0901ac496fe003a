package org.igkit.api.engine;

import java.util.List;
import org.igkit.api.spec.Checks;

/**
 * How the engine runs one attribution.
 *
 * @param batchSize        maximum points per model call (memory is O(batchSize))
 * @param referenceImages  training-set images for baseline samplers that draw from data
 * @param cancellationSums whether each path's {@link PathRecord} gets the within-feature
 *                         cancellation sums ({@link PathRecord#contributionL1()},
 *                         {@link PathRecord#stepL1()}) that the {@code ncc-within} and
 *                         {@code ncc-step} metrics read: one more pass over every gradient, so
 *                         off unless asked for (then both sums are NaN); scores are always kept
 */
public record EngineOptions(int batchSize, List<float[]> referenceImages, boolean cancellationSums) {

  /** Validates the batch size and copies the list. */
  public EngineOptions {
    Checks.atLeast("batchSize", 1, batchSize);
    referenceImages = List.copyOf(referenceImages);
  }

  /** Returns options with this batch size and reference images, without cancellation sums. */
  public EngineOptions(int batchSize, List<float[]> referenceImages) {
    this(batchSize, referenceImages, false);
  }

  /** Returns options with this batch size and no reference images. */
  public static EngineOptions batchSize(int batchSize) {
    return new EngineOptions(batchSize, List.of());
  }

  /** Returns these options with reference images for data-drawn baselines. */
  public EngineOptions withReferenceImages(List<float[]> images) {
    return new EngineOptions(batchSize, images, cancellationSums);
  }

  /** Returns these options with the paths' cancellation sums recorded or not. */
  public EngineOptions withCancellationSums(boolean record) {
    return new EngineOptions(batchSize, referenceImages, record);
  }
}
