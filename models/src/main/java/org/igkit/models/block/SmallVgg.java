package org.igkit.models.block;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.igkit.api.model.Shape;

/**
 * A VGG-style network reduced to three stages (Simonyan &amp; Zisserman, "Very Deep Convolutional
 * Networks for Large-Scale Image Recognition", ICLR 2015; with batch norm after every
 * convolution, as in torchvision's {@code vgg*_bn}): stacks of 3×3 convolutions, each stage
 * ending in a 2×2 max-pool, then a two-layer classifier.
 *
 * <pre>
 * stage 1: [conv3×3(w, stride s) → BN → ReLU]            → max-pool 2×2    s = 2 if min(H, W) ≥ 64
 * stage 2: [conv3×3(2w) → BN → ReLU] × 2                 → max-pool 2×2
 * stage 3: [conv3×3(4w) → BN → ReLU] × 2                 → max-pool 2×2
 * head:    global average pool → linear(4w) → ReLU → linear(K)
 * </pre>
 *
 * <p>The global pool replaces VGG's flatten so that the classifier stays small (a few KB rather
 * than the 100 M parameters of VGG-16's). It outputs logits.
 */
public final class SmallVgg {

  /** Architecture id, as {@link ModelSpec#architecture()} names it. */
  public static final String TYPE = "vgg";

  /** The family. */
  public static final BlockArchitecture ARCHITECTURE =
      new BlockArchitecture(TYPE, "VGG-style: 3×3 conv stacks (w, 2w ×2, 4w ×2) with max-pools, BN, 2-layer head",
          SmallVgg::build);

  private SmallVgg() {}

  /** Builds the uninitialised block; see the class comment. */
  public static SequentialBlock build(int numClasses, int width, Shape input) {
    SequentialBlock net = new SequentialBlock();
    int[][] stages = {{width}, {2 * width, 2 * width}, {4 * width, 4 * width}};
    boolean first = true;
    for (int[] stage : stages) {
      for (int filters : stage) {
        net.add(ConvLayers.convBnRelu(filters, 3, first ? ConvLayers.firstStride(input) : 1));
        first = false;
      }
      net.add(Pool.maxPool2dBlock(new ai.djl.ndarray.types.Shape(2, 2), new ai.djl.ndarray.types.Shape(2, 2)));
    }
    return net.add(ConvLayers.globalAveragePool())
        .add(Linear.builder().setUnits(4L * width).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(numClasses).build());
  }
}
