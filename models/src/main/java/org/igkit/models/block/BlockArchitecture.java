package org.igkit.models.block;

import ai.djl.nn.SequentialBlock;
import org.igkit.api.model.Shape;
import org.igkit.api.spec.Checks;

/**
 * A family of DJL blocks igkit builds by name ({@link ModelSpec#architecture()}), trains
 * ({@code igkit train}) and loads from saved parameters: {@link SmallCnn}, {@link SmallResNet},
 * {@link SmallVgg}, {@link SmallMobileNetV2}. Every block takes N×C×H×W images and returns N×K
 * logits; {@code width} scales its channels.
 *
 * @param id          the kebab-case id, as YAML's {@code model.architecture} names it
 * @param description one line for error messages and help texts
 * @param builder     builds the uninitialised block
 */
public record BlockArchitecture(String id, String description, Builder builder) {

  /** Builds an uninitialised block. */
  @FunctionalInterface
  public interface Builder {
    /**
     * @param numClasses number of output logits, ≥ 2
     * @param width      the architecture's base number of channels, ≥ 1
     * @param input      the shape of one input, C×H×W (some families choose their first stride
     *                   from it)
     */
    SequentialBlock build(int numClasses, int width, Shape input);
  }

  /** Builds the block for {@code numClasses} classes, base width {@code width} and {@code input}. */
  public SequentialBlock build(int numClasses, int width, Shape input) {
    Checks.atLeast("numClasses", 2, numClasses);
    Checks.atLeast("width", 1, width);
    return builder.build(numClasses, width, input);
  }
}
