package org.igkit.models;

import org.igkit.models.block.BlockArchitecture;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
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

/**
 * Seeded initialisation, saving, loading and shape checks for the parameters of any
 * {@link BlockArchitecture}'s block.
 *
 * <p>Initialisation is deterministic: every weight is drawn from a {@link SplittableRandom}
 * seeded by the caller, never from the engine's global random state — He-normal
 * (σ = √(2 / fan-in)) for convolution and linear weights (a depthwise kernel's fan-in is its 3×3
 * window), zero biases, batch norm at γ = 1, β = 0, running mean 0 and variance 1. Files are
 * DJL's own parameter format ({@link Block#saveParameters}/{@link Block#loadParameters}).
 */
public final class BlockParameters {

  private BlockParameters() {}

  /** Returns the batch shape (1, C, H, W) DJL initialises blocks with. */
  public static ai.djl.ndarray.types.Shape batchShape(Shape input) {
    return new ai.djl.ndarray.types.Shape(1, input.channels(), input.height(), input.width());
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

  /** Writes the parameters of {@code block} to {@code file} ({@link Block#saveParameters}). */
  public static void save(Block block, Path file) {
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
   * Reads parameters written by {@link #save} into {@code block}; the arrays belong to
   * {@code manager}.
   *
   * @param architecture the family's id, for the error message
   * @throws IllegalArgumentException if the file is missing or does not fit the block
   */
  public static void load(Block block, NDManager manager, Path file, String architecture) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model file not found: " + file.toAbsolutePath(), e);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load parameters of " + architecture + " from " + file.toAbsolutePath()
              + " (written for another architecture, width or number of classes?): " + e, e);
    }
  }

  /**
   * Checks that the parameters loaded into {@code block} have the shapes a fresh block of
   * {@code architecture} for {@code input} has. DJL's loader takes saved arrays as they are, so
   * parameters of another width would otherwise load silently as a wider network.
   *
   * @throws IllegalArgumentException naming the first parameter whose shape differs
   */
  public static void checkShapes(
      BlockArchitecture architecture, Block block, NDManager manager, Shape input, int numClasses, int width) {
    Block reference = architecture.build(numClasses, width, input);
    String type = architecture.id();
    try (NDManager scratch = manager.newSubManager()) {
      reference.initialize(scratch, DataType.FLOAT32, batchShape(input));
      var expected = reference.getParameters();
      var actual = block.getParameters();
      if (expected.size() != actual.size()) {
        throw new IllegalArgumentException(
            type + " parameters: expected " + expected.size() + " arrays, found " + actual.size());
      }
      for (int i = 0; i < expected.size(); i++) {
        Parameter want = expected.get(i).getValue();
        Parameter got = actual.get(i).getValue();
        ai.djl.ndarray.types.Shape gotShape = got.getArray() == null ? null : got.getArray().getShape();
        if (!want.getArray().getShape().equals(gotShape)) {
          throw new IllegalArgumentException(
              type + " parameter " + actual.get(i).getKey() + " has shape " + gotShape
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
