package org.igkit.models.block;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.igkit.models.EngineScalars;

/** The convolution, normalisation and residual pieces the block families are made of. */
final class ConvLayers {

  private ConvLayers() {}

  /**
   * Returns the stride of a family's first convolution: 2 when the shorter input side is at least
   * 64 pixels (so a 64-pixel input costs about what a 32-pixel one does), otherwise 1.
   */
  static int firstStride(org.igkit.api.model.Shape input) {
    return Math.min(input.height(), input.width()) >= 64 ? 2 : 1;
  }

  /** A k×k convolution with "same" padding, the given stride and groups, without bias (BN follows). */
  static Block conv(int filters, int kernel, int stride, int groups) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optStride(new Shape(stride, stride))
        .optGroups(groups)
        .optBias(false)
        .setFilters(filters)
        .build();
  }

  /** Batch normalisation over channels. */
  static Block batchNorm() {
    return BatchNorm.builder().build();
  }

  /** conv → batch norm → ReLU. */
  static SequentialBlock convBnRelu(int filters, int kernel, int stride) {
    return new SequentialBlock()
        .add(conv(filters, kernel, stride, 1))
        .add(batchNorm())
        .add(Activation.reluBlock());
  }

  /**
   * ReLU6, {@code min(max(x, 0), 6)}, with the 6 held by the engine ({@link EngineScalars}): DJL's
   * {@code Activation.relu6Block()} takes the minimum with a scalar whose memory the JVM may free
   * before the backward pass reads it.
   */
  static Block relu6() {
    return new LambdaBlock(in -> new NDList(EngineScalars.relu6(in.singletonOrThrow())), "ReLU6");
  }

  /** Adds the outputs of {@code main} and {@code shortcut}, which see the same input. */
  static ParallelBlock sum(Block main, Block shortcut) {
    return new ParallelBlock(
        outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
        List.of(main, shortcut));
  }

  /** Global average pooling to N×C. */
  static SequentialBlock globalAveragePool() {
    return new SequentialBlock().add(ai.djl.nn.pooling.Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
  }
}
