package org.igkit.runner.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.spec.Checks;

/**
 * A small real CNN as a DJL block, for tests, demos and benchmarks trained in Java:
 * {@code [conv3×3 → batch-norm → ReLU → max-pool 2×2] × 2 → flatten → linear(numClasses)}, with
 * {@code width} and {@code 2·width} filters in the two convolutions. It outputs logits.
 *
 * <p>Initialisation is deterministic: {@link #initialize} draws every weight from a
 * {@link SplittableRandom} seeded by the caller (He-normal for convolution and linear weights,
 * zero biases, batch norm at γ = 1, β = 0, running mean 0 and variance 1), never from the
 * engine's global random state. Parameters are saved and loaded with DJL's own format
 * ({@link Block#saveParameters}/{@link Block#loadParameters}).
 */
public final class SmallCnn {

  /** Architecture id, as {@link ModelSpec#architecture()} names it. */
  public static final String TYPE = "small-cnn";

  /** Default number of filters of the first convolution. */
  public static final int DEFAULT_WIDTH = 16;

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
   * source seeded with {@code seed}: the same seed gives the same weights, on every machine.
   */
  public static void initialize(Block block, NDManager manager, Shape input, long seed) {
    block.initialize(manager, DataType.FLOAT32, batchShape(input));
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> entry : block.getParameters()) {
      Parameter parameter = entry.getValue();
      NDArray array = parameter.getArray();
      long[] dims = array.getShape().getShape();
      float[] values = new float[Math.toIntExact(array.size())];
      switch (parameter.getType()) {
        case WEIGHT -> {
          long fanIn = 1;
          for (int i = 1; i < dims.length; i++) {
            fanIn *= dims[i];
          }
          double scale = Math.sqrt(2.0 / fanIn);
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * gaussian(random));
          }
        }
        case GAMMA, RUNNING_VAR -> java.util.Arrays.fill(values, 1f);
        default -> java.util.Arrays.fill(values, 0f);
      }
      array.set(values);
    }
  }

  /** Returns the batch shape (1, C, H, W) DJL initialises blocks with. */
  public static ai.djl.ndarray.types.Shape batchShape(Shape input) {
    return new ai.djl.ndarray.types.Shape(1, input.channels(), input.height(), input.width());
  }

  /** Writes the parameters of {@code block} to {@code file} ({@link Block#saveParameters}). */
  public static void saveParameters(Block block, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        block.saveParameters(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model parameters to " + file + ": " + e, e);
    }
  }

  /**
   * Reads parameters written by {@link #saveParameters} into {@code block}; the arrays belong to
   * {@code manager}.
   *
   * @throws IllegalArgumentException if the file is missing or does not fit the block
   */
  public static void loadParameters(Block block, NDManager manager, Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model file not found: " + file.toAbsolutePath(), e);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load parameters of " + TYPE + " from " + file.toAbsolutePath()
              + " (written for another architecture, width or number of classes?): " + e, e);
    }
  }

  /**
   * Checks that the parameters loaded into {@code block} have the shapes a fresh
   * {@link #build(int, int)} for {@code input} gives. DJL's loader takes saved arrays as they
   * are, so parameters of another width would otherwise load silently as a wider network.
   *
   * @throws IllegalArgumentException naming the first parameter whose shape differs
   */
  public static void checkParameterShapes(
      Block block, NDManager manager, Shape input, int numClasses, int width) {
    Block reference = build(numClasses, width);
    try (NDManager scratch = manager.newSubManager()) {
      reference.initialize(scratch, DataType.FLOAT32, batchShape(input));
      var expected = reference.getParameters();
      var actual = block.getParameters();
      if (expected.size() != actual.size()) {
        throw new IllegalArgumentException(
            TYPE + " parameters: expected " + expected.size() + " arrays, found " + actual.size());
      }
      for (int i = 0; i < expected.size(); i++) {
        Parameter want = expected.get(i).getValue();
        Parameter got = actual.get(i).getValue();
        ai.djl.ndarray.types.Shape gotShape = got.getArray() == null ? null : got.getArray().getShape();
        if (!want.getArray().getShape().equals(gotShape)) {
          throw new IllegalArgumentException(
              TYPE + " parameter " + actual.get(i).getKey() + " has shape " + gotShape
                  + ", expected " + want.getArray().getShape() + " for width " + width
                  + ", " + numClasses + " classes and input " + input
                  + " (saved with another width, number of classes or input shape?)");
        }
      }
    }
  }

  // Box–Muller from two uniform draws: reproducible from the seed alone.
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
