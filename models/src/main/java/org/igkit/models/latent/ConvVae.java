package org.igkit.models.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.models.EngineScalars;
import org.igkit.api.spec.Checks;

/**
 * A small convolutional variational autoencoder (Kingma and Welling, "Auto-Encoding Variational
 * Bayes", ICLR 2014) as one DJL block with two children, {@code encoder} and {@code decoder}, for
 * images of one C×H×W shape with values in [0, 1].
 *
 * <p>Architecture, with k stride-2 stages (k = 3 for 32×32 images; fewer for small or odd sizes,
 * see {@link #stages(Shape)}) and F_i = width·2^i filters:
 *
 * <ul>
 *   <li><b>encoder</b>: [conv 3×3, stride 2, padding 1, F_i filters → GELU] for i = 0 … k−1 →
 *       flatten → linear(2·latentDim), read as the posterior mean μ (first half) and log-variance
 *       log σ² (second half);
 *   <li><b>decoder</b>: linear(F_{k−1}·(H/2^k)·(W/2^k)) → GELU → reshape → [nearest-neighbour
 *       upsampling ×2 → conv 3×3, padding 1, F_{i−1} filters → GELU] for i = k−1 … 1 → upsampling
 *       ×2 → conv 3×3 to C channels → sigmoid. With k = 0 (tiny inputs) the decoder is sigmoid(linear(z)).
 * </ul>
 *
 * Every activation is smooth (GELU, sigmoid), so the decoded curve D(z(α)) of the {@code latent}
 * path is smooth in α and finite differences of it converge. There is no batch norm: training and
 * inference compute the same function.
 *
 * <p>{@link #forward} takes (x, ε) — images N×C×H×W and standard normal noise N×latentDim drawn by
 * the caller (so that training randomness stays seeded) — and returns (x̂, μ, log σ²) with
 * z = μ + exp(½ log σ²)·ε (the reparameterisation trick). Inference uses {@link #encoder()} (μ
 * only) and {@link #decoder()} directly; {@link VaeCodec} wraps both.
 *
 * <p>For 3×32×32 images, latentDim 16 and width 16 the block has 97 315 parameters (0.39 MB).
 */
public final class ConvVae extends AbstractBlock {

  private static final byte VERSION = 1;

  /** The most stride-2 stages. */
  public static final int MAX_STAGES = 3;

  private final Shape shape;
  private final int latentDim;
  private final int width;
  private final int stages;
  private final SequentialBlock encoder;
  private final SequentialBlock decoder;

  /**
   * Builds the (uninitialised) block.
   *
   * @param shape     the image shape C×H×W
   * @param latentDim the latent dimension, ≥ 1
   * @param width     filters of the first convolution, ≥ 1
   */
  public ConvVae(Shape shape, int latentDim, int width) {
    super(VERSION);
    this.shape = shape;
    this.latentDim = Checks.atLeast("latentDim", 1, latentDim);
    this.width = Checks.atLeast("width", 1, width);
    this.stages = stages(shape);
    this.encoder = addChildBlock("encoder", buildEncoder());
    this.decoder = addChildBlock("decoder", buildDecoder());
  }

  /**
   * Returns the number of stride-2 stages for {@code shape}: the largest k ≤ {@value #MAX_STAGES}
   * such that H and W are divisible by 2^k and H/2^k, W/2^k are both ≥ 4 (3 for 32×32, 2 for 28×28,
   * 0 for 3×3).
   */
  public static int stages(Shape shape) {
    int k = 0;
    int h = shape.height();
    int w = shape.width();
    while (k < MAX_STAGES && h % 2 == 0 && w % 2 == 0 && h / 2 >= 4 && w / 2 >= 4) {
      h /= 2;
      w /= 2;
      k++;
    }
    return k;
  }

  private int filters(int stage) {
    return width << stage;
  }

  private SequentialBlock buildEncoder() {
    SequentialBlock block = new SequentialBlock();
    for (int i = 0; i < stages; i++) {
      block.add(Conv2d.builder()
              .setKernelShape(new ai.djl.ndarray.types.Shape(3, 3))
              .optStride(new ai.djl.ndarray.types.Shape(2, 2))
              .optPadding(new ai.djl.ndarray.types.Shape(1, 1))
              .setFilters(filters(i))
              .build())
          .add(Activation.geluBlock());
    }
    return block.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(2L * latentDim).build());
  }

  private SequentialBlock buildDecoder() {
    int h = shape.height() >> stages;
    int w = shape.width() >> stages;
    int first = stages == 0 ? shape.channels() : filters(stages - 1);
    SequentialBlock block = new SequentialBlock();
    block.add(Linear.builder().setUnits((long) first * h * w).build());
    if (stages > 0) {
      block.add(Activation.geluBlock());
    }
    block.addSingleton(a -> a.reshape(-1, first, h, w), "reshape");
    for (int i = stages - 1; i >= 0; i--) {
      int out = i == 0 ? shape.channels() : filters(i - 1);
      block.addSingleton(ConvVae::upsample, "upsample")
          .add(Conv2d.builder()
              .setKernelShape(new ai.djl.ndarray.types.Shape(3, 3))
              .optPadding(new ai.djl.ndarray.types.Shape(1, 1))
              .setFilters(out)
              .build());
      if (i > 0) {
        block.add(Activation.geluBlock());
      }
    }
    return block.add(Activation.sigmoidBlock());
  }

  /**
   * Nearest-neighbour upsampling by 2 in height and width (N×C×h×w to N×C×2h×2w), by reshape and
   * broadcast — DJL's PyTorch engine implements no transposed convolution.
   */
  static NDArray upsample(NDArray a) {
    long[] s = a.getShape().getShape();
    return a.reshape(s[0], s[1], s[2], 1, s[3], 1)
        .broadcast(s[0], s[1], s[2], 2, s[3], 2)
        .reshape(s[0], s[1], 2 * s[2], 2 * s[3]);
  }

  /** Returns the image shape. */
  public Shape shape() {
    return shape;
  }

  /** Returns the latent dimension. */
  public int latentDim() {
    return latentDim;
  }

  /** Returns the filters of the first convolution. */
  public int width() {
    return width;
  }

  /** Returns the number of stride-2 stages. */
  public int stageCount() {
    return stages;
  }

  /** Returns the encoder: images N×C×H×W to N×(2·latentDim) = (μ, log σ²). */
  public SequentialBlock encoder() {
    return encoder;
  }

  /** Returns the decoder: latents N×latentDim to images N×C×H×W in (0, 1). */
  public SequentialBlock decoder() {
    return decoder;
  }

  /** Returns the batch shape N×C×H×W of images. */
  public ai.djl.ndarray.types.Shape imageBatch(long n) {
    return new ai.djl.ndarray.types.Shape(n, shape.channels(), shape.height(), shape.width());
  }

  /** Returns the batch shape N×latentDim of latents. */
  public ai.djl.ndarray.types.Shape latentBatch(long n) {
    return new ai.djl.ndarray.types.Shape(n, latentDim);
  }

  /** Returns the first {@code latentDim} columns of the encoder's output: the posterior means. */
  public NDArray means(NDArray encoded) {
    return encoded.get(new NDIndex(":, 0:" + latentDim));
  }

  /** Returns the last {@code latentDim} columns of the encoder's output: the log-variances. */
  public NDArray logVariances(NDArray encoded) {
    return encoded.get(new NDIndex(":, " + latentDim + ":"));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray eps = inputs.get(1);
    NDArray encoded = encoder.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
    NDArray mean = means(encoded);
    NDArray logVar = logVariances(encoded);
    // the 0.5 is held by the engine: the backward pass of mul reads it (EngineScalars)
    NDArray z = mean.add(logVar.mul(EngineScalars.of(logVar, 0.5)).exp().mul(eps));
    NDArray reconstruction = decoder.forward(parameterStore, new NDList(z), training, params).singletonOrThrow();
    return new NDList(reconstruction, mean, logVar);
  }

  @Override
  public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    return new ai.djl.ndarray.types.Shape[] {imageBatch(n), latentBatch(n), latentBatch(n)};
  }

  @Override
  protected void initializeChildBlocks(
      NDManager manager, DataType dataType, ai.djl.ndarray.types.Shape... inputShapes) {
    encoder.initialize(manager, dataType, imageBatch(1));
    decoder.initialize(manager, dataType, latentBatch(1));
  }

  /**
   * Initialises every parameter from a random source seeded with {@code seed}, never from the
   * engine's global state: weights He-normal (σ = √(2 / fan-in), fan-in = the product of all but
   * the first dimension), biases zero. The same seed gives the same weights on every machine.
   */
  public void initializeSeeded(NDManager manager, long seed) {
    initialize(manager, DataType.FLOAT32, imageBatch(1), latentBatch(1));
    SplittableRandom random = new SplittableRandom(seed);
    for (Pair<String, Parameter> entry : getParameters()) {
      NDArray array = entry.getValue().getArray();
      long[] dims = array.getShape().getShape();
      float[] values = new float[Math.toIntExact(array.size())];
      if (entry.getValue().getType() == Parameter.Type.WEIGHT) {
        long fanIn = 1;
        for (int i = 1; i < dims.length; i++) {
          fanIn *= dims[i];
        }
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (scale * gaussian(random));
        }
      } else {
        Arrays.fill(values, 0f);
      }
      array.set(values);
    }
  }

  /** Box–Muller from two uniform draws: reproducible from the seed alone. */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  @Override
  public String toString() {
    return "ConvVae(" + shape + ", latentDim " + latentDim + ", width " + width + ", " + stages + " stages)";
  }
}
