package org.igkit.models.block;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.igkit.api.model.Shape;

/**
 * A ResNet reduced in depth and width to train in minutes on a CPU (He et al., "Deep Residual
 * Learning for Image Recognition", CVPR 2016; the CIFAR layout of their §4.2 with one block per
 * stage):
 *
 * <pre>
 * stem:   conv3×3(w, stride s) → BN → ReLU          s = 2 if min(H, W) ≥ 64, else 1
 * stage:  basic block(w, stride 1) → basic block(2w, stride 2) → basic block(4w, stride 2)
 * head:   global average pool → linear(K)
 * basic block(c, t):  ReLU( BN(conv3×3(c)(ReLU(BN(conv3×3(c, stride t)(x))))) + shortcut(x) )
 * shortcut:           x when the shape is kept, else BN(conv1×1(c, stride t)(x))
 * </pre>
 *
 * <p>Convolutions have no bias (batch norm follows each). It outputs logits. Initialised and
 * saved like every family ({@link BlockParameters}).
 */
public final class SmallResNet {

  /** Architecture id, as {@link ModelSpec#architecture()} names it. */
  public static final String TYPE = "resnet";

  /** The family. */
  public static final BlockArchitecture ARCHITECTURE =
      new BlockArchitecture(TYPE, "reduced ResNet: stem, 3 basic residual blocks (w, 2w, 4w), global pool",
          SmallResNet::build);

  private SmallResNet() {}

  /** Builds the uninitialised block; see the class comment. */
  public static SequentialBlock build(int numClasses, int width, Shape input) {
    SequentialBlock net = ConvLayers.convBnRelu(width, 3, ConvLayers.firstStride(input));
    int channels = width;
    int[] widths = {width, 2 * width, 4 * width};
    int[] strides = {1, 2, 2};
    for (int i = 0; i < widths.length; i++) {
      net.add(basicBlock(channels, widths[i], strides[i]));
      channels = widths[i];
    }
    return net.add(ConvLayers.globalAveragePool()).add(Linear.builder().setUnits(numClasses).build());
  }

  private static Block basicBlock(int in, int out, int stride) {
    SequentialBlock main = new SequentialBlock()
        .add(ConvLayers.conv(out, 3, stride, 1))
        .add(ConvLayers.batchNorm())
        .add(Activation.reluBlock())
        .add(ConvLayers.conv(out, 3, 1, 1))
        .add(ConvLayers.batchNorm());
    Block shortcut = in == out && stride == 1
        ? Blocks.identityBlock()
        : new SequentialBlock().add(ConvLayers.conv(out, 1, stride, 1)).add(ConvLayers.batchNorm());
    return new SequentialBlock().add(ConvLayers.sum(main, shortcut)).add(Activation.reluBlock());
  }
}
