package org.igkit.models.block;

import org.igkit.models.BlockParameters;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import org.igkit.api.model.Shape;
import org.igkit.api.spec.Checks;

/**
 * A small real CNN as a DJL block, for tests, demos and benchmarks trained in Java:
 * {@code [conv3×3 → batch-norm → ReLU → max-pool 2×2] × 2 → flatten → linear(numClasses)}, with
 * {@code width} and {@code 2·width} filters in the two convolutions. It outputs logits.
 *
 * <p>Initialisation, saving and loading are those of every family ({@link BlockParameters}):
 * seeded He-normal weights, DJL's own parameter format.
 */
public final class SmallCnn {

  /** Architecture id, as {@link ModelSpec#architecture()} names it. */
  public static final String TYPE = "small-cnn";

  /** Default number of filters of the first convolution. */
  public static final int DEFAULT_WIDTH = 16;

  /** The family (it ignores the input shape: its linear layer fixes it at initialisation). */
  public static final BlockArchitecture ARCHITECTURE =
      new BlockArchitecture(TYPE, "small CNN: [conv3×3, BN, ReLU, max-pool] × 2 (w, 2w), linear",
          (numClasses, width, input) -> build(numClasses, width));

  private SmallCnn() {}

  /**
   * Builds the (uninitialised) block.
   *
   * @param numClasses number of output logits, ≥ 2
   * @param width      filters of the first convolution (the second has twice as many), ≥ 1
   */
  public static SequentialBlock build(int numClasses, int width) {
    Checks.atLeast("numClasses", 2, numClasses);
    Checks.atLeast("width", 1, width);
    SequentialBlock block = new SequentialBlock();
    for (int filters : new int[] {width, 2 * width}) {
      block.add(Conv2d.builder()
              .setKernelShape(new ai.djl.ndarray.types.Shape(3, 3))
              .optPadding(new ai.djl.ndarray.types.Shape(1, 1))
              .setFilters(filters)
              .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(
              new ai.djl.ndarray.types.Shape(2, 2), new ai.djl.ndarray.types.Shape(2, 2)));
    }
    return block.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(numClasses).build());
  }

  /**
   * Initialises {@code block} for inputs of {@code input} shape with weights drawn from a random
   * source seeded with {@code seed} ({@link BlockParameters#initialize}).
   */
  public static void initialize(Block block, NDManager manager, Shape input, long seed) {
    BlockParameters.initialize(block, manager, input, seed);
  }

  /** Returns the batch shape (1, C, H, W) DJL initialises blocks with. */
  public static ai.djl.ndarray.types.Shape batchShape(Shape input) {
    return BlockParameters.batchShape(input);
  }

  /** Writes the parameters of {@code block} to {@code file} ({@link BlockParameters#save}). */
  public static void saveParameters(Block block, Path file) {
    BlockParameters.save(block, file);
  }

  /**
   * Reads parameters written by {@link #saveParameters} into {@code block}; the arrays belong to
   * {@code manager}.
   *
   * @throws IllegalArgumentException if the file is missing or does not fit the block
   */
  public static void loadParameters(Block block, NDManager manager, Path file) {
    BlockParameters.load(block, manager, file, TYPE);
  }

  /**
   * Checks that the parameters loaded into {@code block} have the shapes a fresh
   * {@link #build(int, int)} for {@code input} gives ({@link BlockParameters#checkShapes}).
   *
   * @throws IllegalArgumentException naming the first parameter whose shape differs
   */
  public static void checkParameterShapes(
      Block block, NDManager manager, Shape input, int numClasses, int width) {
    BlockParameters.checkShapes(ARCHITECTURE, block, manager, input, numClasses, width);
  }
}
