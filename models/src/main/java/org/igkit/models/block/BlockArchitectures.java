package org.igkit.models.block;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The DJL block families igkit knows, in a fixed order: {@code small-cnn}, {@code resnet},
 * {@code vgg}, {@code mobilenetv2}. An immutable list, not a registry: a new family is a class
 * next to these and a line here.
 */
public final class BlockArchitectures {

  /** Every family. */
  public static final List<BlockArchitecture> ALL =
      List.of(SmallCnn.ARCHITECTURE, SmallResNet.ARCHITECTURE, SmallVgg.ARCHITECTURE,
          SmallMobileNetV2.ARCHITECTURE);

  private BlockArchitectures() {}

  /** Returns the ids of every family, in order. */
  public static List<String> ids() {
    return ALL.stream().map(BlockArchitecture::id).toList();
  }

  /**
   * Returns the family {@code id} names.
   *
   * @throws IllegalArgumentException naming the known ids when there is none
   */
  public static BlockArchitecture of(String id) {
    for (BlockArchitecture a : ALL) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "architecture: unknown '" + id + "' (known: "
            + ALL.stream().map(BlockArchitecture::id).collect(Collectors.joining(", ")) + ")");
  }
}
