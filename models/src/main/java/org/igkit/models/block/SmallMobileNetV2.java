package org.igkit.models.block;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.igkit.api.model.Shape;

/**
 * A MobileNetV2-style network reduced in depth and width (Sandler et al., "MobileNetV2: Inverted
 * Residuals and Linear Bottlenecks", CVPR 2018): inverted residual blocks — 1×1 expansion,
 * depthwise 3×3, linear 1×1 projection — with ReLU6.
 *
 * <pre>
 * stem:  conv3×3(w, stride s) → BN → ReLU6                      s = 2 if min(H, W) ≥ 64, else 1
 * body:  (t, c, n, stride) = (1, w, 1, 1), (4, ⌈1.5w⌉, 2, 2), (4, 2w, 2, 2), (4, 4w, 1, 1)
 * head:  conv1×1(8w) → BN → ReLU6 → global average pool → linear(K)
 * inverted residual(t, c, stride), input c_in:
 *        [conv1×1(t·c_in) → BN → ReLU6 if t > 1] → depthwise conv3×3(stride) → BN → ReLU6
 *        → conv1×1(c) → BN, plus the input when stride = 1 and c = c_in
 * </pre>
 *
 * <p>Of each (t, c, n, stride) row, the first of its n blocks has the stride. It outputs logits.
 */
public final class SmallMobileNetV2 {

  /** Architecture id, as {@link ModelSpec#architecture()} names it. */
  public static final String TYPE = "mobilenetv2";

  /** The family. */
  public static final BlockArchitecture ARCHITECTURE =
      new BlockArchitecture(TYPE, "MobileNetV2-style: inverted residuals (expansion 4, depthwise 3×3, ReLU6)",
          SmallMobileNetV2::build);

  private SmallMobileNetV2() {}

  /** Builds the uninitialised block; see the class comment. */
  public static SequentialBlock build(int numClasses, int width, Shape input) {
    SequentialBlock net = new SequentialBlock()
        .add(ConvLayers.conv(width, 3, ConvLayers.firstStride(input), 1))
        .add(ConvLayers.batchNorm())
        .add(ConvLayers.relu6());
    int[][] rows = {{1, width, 1, 1}, {4, (3 * width + 1) / 2, 2, 2}, {4, 2 * width, 2, 2}, {4, 4 * width, 1, 1}};
    int channels = width;
    for (int[] row : rows) {
      for (int i = 0; i < row[2]; i++) {
        net.add(invertedResidual(channels, row[1], row[0], i == 0 ? row[3] : 1));
        channels = row[1];
      }
    }
    return net.add(ConvLayers.conv(8 * width, 1, 1, 1))
        .add(ConvLayers.batchNorm())
        .add(ConvLayers.relu6())
        .add(ConvLayers.globalAveragePool())
        .add(Linear.builder().setUnits(numClasses).build());
  }

  private static Block invertedResidual(int in, int out, int expansion, int stride) {
    int hidden = in * expansion;
    SequentialBlock main = new SequentialBlock();
    if (expansion > 1) {
      main.add(ConvLayers.conv(hidden, 1, 1, 1)).add(ConvLayers.batchNorm()).add(ConvLayers.relu6());
    }
    main.add(ConvLayers.conv(hidden, 3, stride, hidden))
        .add(ConvLayers.batchNorm())
        .add(ConvLayers.relu6())
        .add(ConvLayers.conv(out, 1, 1, 1))
        .add(ConvLayers.batchNorm());
    return stride == 1 && in == out ? ConvLayers.sum(main, Blocks.identityBlock()) : main;
  }
}
