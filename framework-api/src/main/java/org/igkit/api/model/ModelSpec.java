package org.igkit.api.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.igkit.api.model.Shape;
import org.igkit.api.spec.Checks;

/**
 * How to load an image classifier and what of it to explain: the model file, its input layout,
 * the preprocessing it expects and the output whose gradient attribution methods follow.
 *
 * <p>Components left {@code null} take their defaults; every other value is checked here, and an
 * error names the field, the bad value and what is allowed. The spec is immutable: the lists are
 * copied.
 *
 * <p>Preprocessing happens inside the model function, in the autograd graph: a point is an image in
 * the user's {@code [0, 1]} space, laid out C×H×W in {@link #channelOrder()}; the model sees
 * {@code (x − mean[c]) / std[c]}, channels reversed first when the order is {@code bgr}. Gradients
 * are therefore with respect to the user's image, not the normalised tensor.
 *
 * @param path           the model file: a TorchScript {@code .pt} for {@code torchscript}; a DJL
 *                       parameters file (written by {@code Block.saveParameters}) or a directory
 *                       holding one {@code <name>-NNNN.params} file (written by {@code Model.save})
 *                       for {@code djl-block}. Required.
 * @param format         the id of a {@link ModelFormat} plugin: {@code torchscript} (default) or
 *                       {@code djl-block}; a format fills and checks its own parts with
 *                       {@link ModelFormat#resolve}
 * @param architecture   for {@code djl-block}: the block to build ({@code small-cnn}, {@code resnet},
 *                       {@code vgg}, {@code mobilenetv2}); must be absent for {@code torchscript}
 * @param width          for {@code djl-block}: the architecture's base number of channels (≥ 1)
 * @param inputShape     one input as [C, H, W], e.g. {@code [3, 32, 32]}. Required
 * @param numClasses     number of classes. Required for {@code djl-block}; for {@code torchscript}
 *                       {@code null} means "ask the model" (one forward pass at load time)
 * @param channelOrder   {@code rgb} (default): the model takes channels as the points hold them;
 *                       {@code bgr}: the model takes them reversed
 * @param mean           per-channel mean subtracted before the model (default 0); one value for
 *                       all channels or C values, in the model's channel order
 * @param std            per-channel divisor (default 1); one value or C values, each &gt; 0
 * @param output         {@code probability} (default: softmax of the logits) or {@code logit}
 * @param intraOpThreads PyTorch intra-op threads (default 1)
 * @param interOpThreads PyTorch inter-op threads (default 1)
 * @param device         {@code cpu} (default), {@code gpu} or {@code gpuN} (e.g. {@code gpu0}; {@code gpu:0}
 *                       is read as {@code gpu0})
 * @param precision      the floating-point type the network computes in: {@code float32} (default) or
 *                       {@code float64}. With {@code float64} the parameters, the preprocessing, every
 *                       activation, the softmax and the backward pass are double; the points (float32)
 *                       are widened exactly on entry and scores and gradients rounded to float32 on
 *                       return. A {@code djl-block} model is converted at load time; a
 *                       {@code torchscript} file must have been exported in double
 *                       ({@code model.double()} before {@code torch.jit.trace}). About 2× the time
 *                       and memory of {@code float32} on a CPU; removes the batch-size-dependent
 *                       rounding that flips near-ties (max pooling, ReLU) inside the network
 */
public record ModelSpec(
    String path,
    String format,
    String architecture,
    Integer width,
    List<Integer> inputShape,
    Integer numClasses,
    String channelOrder,
    List<Double> mean,
    List<Double> std,
    String output,
    Integer intraOpThreads,
    Integer interOpThreads,
    String device,
    String precision) {

  /** Format id of TorchScript files exported with {@code torch.jit.trace}. */
  public static final String TORCHSCRIPT = "torchscript";

  /** Format id of a DJL block built here whose parameters were saved to a file. */
  public static final String DJL_BLOCK = "djl-block";

  /** The channel orders. */
  public static final List<String> CHANNEL_ORDERS = List.of("rgb", "bgr");

  /** Explained output: softmax probability of the target class. */
  public static final String PROBABILITY = "probability";

  /** Explained output: logit of the target class. */
  public static final String LOGIT = "logit";

  /** The explained outputs. */
  public static final List<String> OUTPUTS = List.of(PROBABILITY, LOGIT);

  /** Precision: the network computes in float32 (the default). */
  public static final String FLOAT32 = "float32";

  /** Precision: the network computes in float64 (double). */
  public static final String FLOAT64 = "float64";

  /** The precisions. */
  public static final List<String> PRECISIONS = List.of(FLOAT32, FLOAT64);

  private static final Pattern DEVICE = Pattern.compile("cpu|gpu[0-9]*");

  private static final Pattern FORMAT_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** Applies defaults and validates every component. */
  public ModelSpec {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "path: is missing; give the model file (a TorchScript .pt or a DJL parameters file)");
    }
    format = lower(format, TORCHSCRIPT);
    if (!FORMAT_ID.matcher(format).matches()) {
      throw new IllegalArgumentException(
          "format: must be a model format id such as torchscript or djl-block, was '" + format + "'");
    }
    architecture = architecture == null ? null : lower(architecture, null);
    if (width != null) {
      Checks.atLeast("width", 1, width);
    }
    if (inputShape == null) {
      throw new IllegalArgumentException("inputShape: is missing; give [C, H, W], e.g. [3, 32, 32]");
    }
    if (inputShape.size() != 3 || inputShape.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(
          "inputShape: must be [C, H, W] with 3 positive integers, was " + inputShape);
    }
    for (int i = 0; i < 3; i++) {
      Checks.atLeast("inputShape[" + i + "]", 1, inputShape.get(i));
    }
    inputShape = List.copyOf(inputShape);
    if (numClasses != null) {
      Checks.atLeast("numClasses", 2, numClasses);
    }
    channelOrder = Checks.oneOf("channelOrder", lower(channelOrder, "rgb"), CHANNEL_ORDERS);
    int channels = inputShape.get(0);
    mean = perChannel("mean", mean, 0.0, channels, false);
    std = perChannel("std", std, 1.0, channels, true);
    output = Checks.oneOf("output", lower(output, PROBABILITY), OUTPUTS);
    intraOpThreads = Checks.atLeast("intraOpThreads", 1, intraOpThreads == null ? 1 : intraOpThreads);
    interOpThreads = Checks.atLeast("interOpThreads", 1, interOpThreads == null ? 1 : interOpThreads);
    device = lower(device, "cpu");
    if (device.matches("gpu:[0-9]+")) {
      device = "gpu" + device.substring(4); // PyTorch's spelling, cuda:0 style, to DJL's
    }
    if (!DEVICE.matcher(device).matches()) {
      throw new IllegalArgumentException(
          "device: must be 'cpu', 'gpu' or 'gpuN' / 'gpu:N' (N a device number), was '" + device + "'");
    }
    precision = Checks.oneOf("precision", lower(precision, FLOAT32), PRECISIONS);
  }

  /** A spec with every component but {@code precision}, which takes its default ({@code float32}). */
  public ModelSpec(String path, String format, String architecture, Integer width, List<Integer> inputShape,
      Integer numClasses, String channelOrder, List<Double> mean, List<Double> std, String output,
      Integer intraOpThreads, Integer interOpThreads, String device) {
    this(path, format, architecture, width, inputShape, numClasses, channelOrder, mean, std, output,
        intraOpThreads, interOpThreads, device, null);
  }

  /** Returns a TorchScript spec with every optional component at its default. */
  public static ModelSpec torchScript(String path, int channels, int height, int width) {
    return builder().setPath(path).setInputShape(channels, height, width).build();
  }

  /** Returns a builder with nothing set: {@code set*} for required parts, {@code opt*} for the rest. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this spec's parts, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.path = path;
    b.format = format;
    b.architecture = architecture;
    b.width = width;
    b.inputShape = inputShape;
    b.numClasses = numClasses;
    b.channelOrder = channelOrder;
    b.mean = mean;
    b.std = std;
    b.output = output;
    b.intraOpThreads = intraOpThreads;
    b.interOpThreads = interOpThreads;
    b.device = device;
    b.precision = precision;
    return b;
  }

  /** Returns the model file as a path. */
  public Path file() {
    return Path.of(path);
  }

  /** Returns the shape of one input point. */
  public Shape shape() {
    return Shape.of(inputShape.get(0), inputShape.get(1), inputShape.get(2));
  }

  /** Returns whether the model takes channels in reverse order (BGR). */
  public boolean reversesChannels() {
    return channelOrder.equals("bgr");
  }

  /** Returns whether the explained output is the softmax probability (otherwise the logit). */
  public boolean explainsProbability() {
    return output.equals(PROBABILITY);
  }

  /** Returns whether mean/std normalisation is the identity. */
  public boolean normalisationIsIdentity() {
    return mean.stream().allMatch(m -> m == 0.0) && std.stream().allMatch(s -> s == 1.0);
  }

  /** Returns whether the network computes in double ({@code precision: float64}). */
  public boolean computesInDouble() {
    return precision.equals(FLOAT64);
  }

  /** Returns a copy with another explained output ({@code probability} or {@code logit}). */
  public ModelSpec withOutput(String newOutput) {
    return toBuilder().optOutput(newOutput).build();
  }

  /** Returns a copy with another number of PyTorch intra-op threads. */
  public ModelSpec withThreads(int newIntraOpThreads) {
    return toBuilder().optThreads(newIntraOpThreads, interOpThreads).build();
  }

  private static String lower(String value, String fallback) {
    return value == null ? fallback : value.trim().toLowerCase(Locale.ROOT);
  }

  private static List<Double> perChannel(
      String field, List<Double> values, double fallback, int channels, boolean positive) {
    if (values == null) {
      return java.util.Collections.nCopies(channels, fallback);
    }
    if (values.size() != 1 && values.size() != channels) {
      throw new IllegalArgumentException(
          field + ": must hold 1 or " + channels + " values (one per channel), was " + values);
    }
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      String name = field + "[" + i + "]";
      if (v == null || !Double.isFinite(v)) {
        throw new IllegalArgumentException(name + ": must be a finite number, was " + v);
      }
      if (positive) {
        Checks.positive(name, v);
      }
    }
    return values.size() == 1 ? java.util.Collections.nCopies(channels, values.get(0)) : List.copyOf(values);
  }

  /**
   * Builds a {@link ModelSpec}: {@link #setPath} and {@link #setInputShape} are required, every
   * {@code opt*} part takes the record's default when not called. {@link #build()} validates as the
   * record does.
   */
  public static final class Builder {
    private String path;
    private String format;
    private String architecture;
    private Integer width;
    private List<Integer> inputShape;
    private Integer numClasses;
    private String channelOrder;
    private List<Double> mean;
    private List<Double> std;
    private String output;
    private Integer intraOpThreads;
    private Integer interOpThreads;
    private String device;
    private String precision;

    private Builder() {}

    /** Sets the model file (required). */
    public Builder setPath(String path) {
      this.path = path;
      return this;
    }

    /** Sets the shape of one input, C×H×W (required). */
    public Builder setInputShape(int channels, int height, int width) {
      this.inputShape = List.of(channels, height, width);
      return this;
    }

    /** Sets the model format id ({@code torchscript} by default). */
    public Builder optFormat(String format) {
      this.format = format;
      return this;
    }

    /** Sets a block architecture and its base width (format {@code djl-block}). */
    public Builder optBlock(String architecture, int width) {
      this.format = DJL_BLOCK;
      this.architecture = architecture;
      this.width = width;
      return this;
    }

    /** Sets the number of classes. */
    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** Sets the channel order ({@code rgb} by default, or {@code bgr}). */
    public Builder optChannelOrder(String channelOrder) {
      this.channelOrder = channelOrder;
      return this;
    }

    /** Sets the per-channel normalisation: the model sees {@code (x − mean) / std}. */
    public Builder optNormalisation(List<Double> mean, List<Double> std) {
      this.mean = mean;
      this.std = std;
      return this;
    }

    /** Sets the explained output ({@code probability} by default, or {@code logit}). */
    public Builder optOutput(String output) {
      this.output = output;
      return this;
    }

    /** Sets PyTorch's intra-op and inter-op threads (1 and 1 by default). */
    public Builder optThreads(int intraOp, int interOp) {
      this.intraOpThreads = intraOp;
      this.interOpThreads = interOp;
      return this;
    }

    /** Sets the device ({@code cpu} by default, {@code gpu}, {@code gpuN}). */
    public Builder optDevice(String device) {
      this.device = device;
      return this;
    }

    /** Sets the precision the network computes in ({@code float32} by default, or {@code float64}). */
    public Builder optPrecision(String precision) {
      this.precision = precision;
      return this;
    }

    /** Returns the validated spec. */
    public ModelSpec build() {
      return new ModelSpec(path, format, architecture, width, inputShape, numClasses, channelOrder, mean, std,
          output, intraOpThreads, interOpThreads, device, precision);
    }
  }
}
