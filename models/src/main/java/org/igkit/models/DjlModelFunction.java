package org.igkit.models;

import org.igkit.api.model.ModelSpec;
import org.igkit.models.block.BlockArchitecture;
import org.igkit.models.block.BlockArchitectures;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.RandomisableModel;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A {@link ModelFunction} backed by DJL's PyTorch engine: a TorchScript file (exported by the user
 * with {@code torch.jit.trace} in eval mode) or a DJL block built here (see
 * {@link BlockArchitectures}) with its saved parameters.
 *
 * <p>How it keeps the laws of {@link ModelFunction}:
 *
 * <ul>
 *   <li><b>Inference mode.</b> TorchScript modules are put in eval mode after loading and run
 *       through {@link IValueUtils#forward(PtSymbolBlock, NDList, boolean)} with
 *       {@code isTrain = true}, which only keeps autograd on; {@code Block.forward(…, training =
 *       true)} is never used, because it switches the module to training mode (batch norm would
 *       use, and update, batch statistics). DJL blocks run with {@code training = false}.
 *   <li><b>Gradients in the user's image space.</b> Channel reordering and {@code (x − mean) / std}
 *       are computed on the engine inside the autograd graph, from the raw points.
 *   <li><b>Fresh arrays.</b> Each call stacks the points into an array of its own sub-manager,
 *       closed (with every intermediate) before returning, and copies the scores and each point's
 *       gradient into new Java arrays. The stacked points are written straight into a native
 *       buffer that the function keeps for its next call (the engine's array reads it in place on
 *       the CPU, so the points are copied once); nothing of a call outlives it.
 *   <li><b>Finite answers.</b> A NaN or ±∞ score, output or gradient is an error. Gradients are
 *       checked by their sum, computed on the engine: it is finite when every element is, and
 *       only when it is not are the elements searched.
 *   <li><b>Parameters frozen.</b> Only the input needs a gradient.
 *   <li><b>Checked once at load.</b> One forward and backward pass on a black and a gray input
 *       must give floating-point, finite {@code [2, classes]} scores with a gradient; afterwards
 *       every output must be {@code [points, classes]}, or it is a
 *       {@link SampleFaultException.Kind#MODEL_OUTPUT} fault.
 *   <li><b>Engine errors are faults of the batch.</b> An {@link EngineException} raised by the
 *       forward or backward pass is a {@link SampleFaultException.Kind#MODEL} fault with the
 *       engine's one-line reason. Every batch holds points of one sample only (the engine
 *       attributes one sample at a time), so the fault is that sample's; other exceptions are not
 *       caught here.
 * </ul>
 *
 * <p><b>Precision.</b> With {@link ModelSpec#precision()} {@code float64} the network runs in double:
 * a {@code djl-block} model's parameters are converted to float64 at load time
 * ({@link BlockPrecision}), a {@code torchscript} file must hold float64 parameters (exported after
 * {@code model.double()}; its parameters are checked at load time, because DJL cannot convert a
 * loaded TorchScript module). The float32 points are widened exactly to float64, and
 * normalisation, the network, the softmax and the backward pass all compute in double; the
 * {@link ModelFunction} methods round scores and gradients to float32 only when they return them.
 * {@link #scoresAndGradientsInDouble} and {@link #outputsInDouble} take double points and return the
 * double results unrounded.
 *
 * <p>Gradients are computed with per-thread autograd (PyTorch's grad mode is thread-local) and
 * the engine's backward call, not with DJL's {@code GradientCollector}: only one of those may be
 * collecting in the whole JVM at a time, while model functions on different threads must not
 * block each other. Grad mode is restored after every call.
 *
 * <p>Loading needs DJL offline and without telemetry; {@link PyTorchRuntime} sets both unless the
 * user chose otherwise. An instance is not thread-safe; use one per thread.
 */
public final class DjlModelFunction implements RandomisableModel {

  private final ModelSpec spec;
  private final Shape shape;
  private final Model model;
  private final Block block;
  private final PtSymbolBlock script;
  private final ParameterStore parameterStore;
  private final NDArray mean;
  private final NDArray std;
  private final int numClasses;
  /** The type the network computes in: float32, or float64 for {@code precision: float64}. */
  private final DataType type;
  /** The native buffer the points of a call are stacked into, reused; grows to the largest batch. */
  private ByteBuffer inputs;
  private boolean closed;

  private DjlModelFunction(ModelSpec spec, Model model) {
    this.spec = spec;
    this.shape = spec.shape();
    this.model = model;
    this.block = model.getBlock();
    this.script = block instanceof PtSymbolBlock s ? s : null;
    NDManager manager = model.getNDManager();
    this.parameterStore = new ParameterStore(manager, false);
    this.type = spec.computesInDouble() ? DataType.FLOAT64 : DataType.FLOAT32;
    int c = shape.channels();
    ai.djl.ndarray.types.Shape perChannel = new ai.djl.ndarray.types.Shape(1, c, 1, 1);
    this.mean = spec.computesInDouble()
        ? manager.create(toDoubles(spec.mean()), perChannel)
        : manager.create(toFloats(spec.mean()), perChannel);
    this.std = spec.computesInDouble()
        ? manager.create(toDoubles(spec.std()), perChannel)
        : manager.create(toFloats(spec.std()), perChannel);
    this.numClasses = probe();
  }

  /**
   * Loads the model {@code spec} describes and checks it with one forward and backward pass on a
   * batch of two inputs of {@link ModelSpec#inputShape()}, one black and one gray: the output must
   * be a floating-point {@code [2, classes]} array with {@code classes ≥ 2} (and
   * {@link ModelSpec#numClasses()} when given), finite, with a gradient with respect to the input.
   *
   * @throws IllegalArgumentException if the device does not exist, the file is missing, cannot be
   *     read as the given format, or the model fails the check; the message names the model file
   *     and what was found (a shape, a data type)
   */
  public static DjlModelFunction load(ModelSpec spec) {
    Path file = spec.file();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "model file not found: " + file.toAbsolutePath() + " (path: " + spec.path() + ")");
    }
    PyTorchRuntime.start(spec.intraOpThreads(), spec.interOpThreads());
    Device device = existingDevice(spec);
    Model model = spec.format().equals(ModelSpec.TORCHSCRIPT)
        ? loadTorchScript(file, device)
        : loadDjlBlock(spec, file, device);
    return owning(spec, model);
  }

  /**
   * Wraps an already initialised DJL {@code model} (its block returns logits); used for blocks
   * trained or initialised in Java. The function takes ownership: closing it closes the model.
   * {@link ModelSpec#path()} is only recorded. The model is checked as {@link #load} checks it
   * (and closed when it fails the check).
   */
  public static DjlModelFunction wrap(ModelSpec spec, Model model) {
    PyTorchRuntime.start(spec.intraOpThreads(), spec.interOpThreads());
    if (model.getBlock() instanceof PtSymbolBlock scripted) {
      JniUtils.enableInferenceMode(scripted);
    }
    return owning(spec, model);
  }

  /**
   * Brings {@code model} to the spec's precision, freezes its parameters and wraps it; closes the
   * model when any of that fails.
   */
  private static DjlModelFunction owning(ModelSpec spec, Model model) {
    try {
      applyPrecision(spec, model);
      model.getBlock().freezeParameters(true);
      return new DjlModelFunction(spec, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Brings the model's parameters to the spec's precision: a DJL block is converted (to float64, or
   * to float32 when its parameters are double); a TorchScript module cannot be converted through DJL,
   * so its parameters must already be of the spec's type.
   *
   * @throws IllegalArgumentException naming {@code precision}, the file and the type found
   */
  private static void applyPrecision(ModelSpec spec, Model model) {
    DataType wanted = spec.computesInDouble() ? DataType.FLOAT64 : DataType.FLOAT32;
    if (model.getBlock() instanceof PtSymbolBlock scripted) {
      DataType found = BlockPrecision.scriptedType(scripted, model.getNDManager());
      if (found != null && found != wanted) {
        throw new IllegalArgumentException("precision: is " + spec.precision() + " but TorchScript model "
            + spec.path() + " holds " + typeName(found) + " parameters; "
            + (spec.computesInDouble()
                ? "export it in double (model.double(), then torch.jit.trace with a float64 example input)"
                    + " or set precision: float32"
                : "set precision: float64 for a model exported in double"));
      }
    } else {
      BlockPrecision.convert(model.getBlock(), model.getNDManager(), spec.shape(), wanted);
    }
  }

  /** Returns the device of {@code spec}, or says which devices there are when it does not exist. */
  private static Device existingDevice(ModelSpec spec) {
    Device device = Device.fromName(spec.device());
    if (device.isGpu()) {
      int gpus = ai.djl.engine.Engine.getEngine(PyTorchRuntime.ENGINE).getGpuCount();
      if (device.getDeviceId() >= gpus) {
        StringBuilder available = new StringBuilder("cpu");
        for (int g = 0; g < gpus; g++) {
          available.append(", gpu").append(g);
        }
        throw new IllegalArgumentException("device: " + spec.device() + " does not exist on this machine"
            + " (available: " + available + "), for model " + spec.path() + gpuHint(gpus));
      }
    }
    return device;
  }

  /** What to check when no GPU is seen: the build, or the CUDA runtime DJL counts GPUs with. */
  private static String gpuHint(int gpus) {
    if (gpus > 0) {
      return "";
    }
    if (BundledCudaNatives.cudaBundle() == null) {
      return "; this is the CPU build of igkit: GPUs need the CUDA build (IGKIT_PROFILE=cuda, README \"GPUs\")";
    }
    return "; DJL counts GPUs through the CUDA runtime library libcudart.so (12.4 or newer) on the library"
        + " path and the NVIDIA driver (README \"GPUs\")";
  }

  private static Model loadTorchScript(Path file, Device device) {
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(file)
        .optEngine(PyTorchRuntime.ENGINE)
        .optDevice(device)
        // Without trainParam the module's tensors are inference tensors: no backward through them.
        .optOption("trainParam", "true")
        .build();
    ZooModel<NDList, NDList> zoo;
    try {
      zoo = criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load TorchScript model " + file.toAbsolutePath()
              + " (expected a file saved by torch.jit.trace(...).save or torch.jit.save): "
              + EngineMessages.brief(e), e);
    }
    if (!(zoo.getBlock() instanceof PtSymbolBlock scripted)) {
      zoo.close();
      throw new IllegalArgumentException(
          "not a TorchScript model: " + file.toAbsolutePath() + " (DJL gave a "
              + zoo.getBlock().getClass().getSimpleName() + ")");
    }
    // trainParam leaves the module as loaded; force eval mode (batch norm running statistics).
    JniUtils.enableInferenceMode(scripted);
    return zoo;
  }

  private static Model loadDjlBlock(ModelSpec spec, Path file, Device device) {
    BlockArchitecture architecture = BlockArchitectures.of(spec.architecture());
    Block block = architecture.build(spec.numClasses(), spec.width(), spec.shape());
    Model model = Model.newInstance(spec.architecture(), device, PyTorchRuntime.ENGINE);
    model.setBlock(block);
    try {
      if (Files.isDirectory(file)) {
        model.load(file, paramsPrefix(file));
      } else {
        BlockParameters.load(block, model.getNDManager(), file, architecture.id());
      }
      BlockParameters.checkShapes(
          architecture, block, model.getNDManager(), spec.shape(), spec.numClasses(), spec.width());
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      if (e instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(
            "cannot load " + spec.architecture() + " from " + file.toAbsolutePath() + ": "
                + iae.getMessage(), iae);
      }
      throw new IllegalArgumentException(
          "cannot load " + spec.architecture() + " parameters from " + file.toAbsolutePath()
              + ": " + e, e);
    }
  }

  // Model.save(dir, name) writes <name>-NNNN.params; find the name.
  private static String paramsPrefix(Path dir) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches(".+-\\d{4}\\.params"))
          .map(n -> n.substring(0, n.length() - "-0000.params".length()))
          .distinct().sorted().toList();
    }
    if (names.size() != 1) {
      throw new IllegalArgumentException(
          "model directory " + dir.toAbsolutePath() + " must hold the parameters of one model"
              + " (<name>-NNNN.params, as Model.save writes them), found "
              + (names.isEmpty() ? "none" : names));
    }
    return names.get(0);
  }

  /**
   * Runs the model once forward and backward on a black and a gray input and checks its output;
   * returns its number of classes.
   */
  private int probe() {
    float[] black = new float[shape.size()];
    float[] gray = new float[shape.size()];
    java.util.Arrays.fill(gray, 0.5f);
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackFloats(sub, List.of(black, gray));
      x.setRequiresGradient(true);
      return PyTorchRuntime.withGradMode(true, () -> {
        NDArray out;
        try {
          out = network(sub, x, true);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "model " + spec.path() + " fails on a batch of 2 inputs of shape 2×" + shape
                  + " (inputShape " + spec.inputShape() + "): "
                  + EngineMessages.brief(e instanceof SampleFaultException && e.getCause() != null ? e.getCause() : e), e);
        }
        int found = checkProbeOutput(out);
        checkGradient(sub, x, out);
        return found;
      });
    }
  }

  private int checkProbeOutput(NDArray out) {
    DataType type = out.getDataType();
    long[] dims = out.getShape().getShape();
    if (!type.isFloating()) {
      throw new IllegalArgumentException(
          "model output must be floating-point class scores [batch, classes]; " + spec.path() + " gave "
              + typeName(type) + " " + java.util.Arrays.toString(dims)
              + " (an integer output, such as class indices, has no gradient to explain)");
    }
    if (dims.length != 2 || dims[0] != 2) {
      throw new IllegalArgumentException(
          "model output must be [batch, classes]; " + spec.path() + " gave " + java.util.Arrays.toString(dims)
              + " for a batch of 2 inputs of shape " + shape
              + " (a feature map or an unbatched output is not a classifier's scores)");
    }
    int found = Math.toIntExact(dims[1]);
    if (spec.numClasses() != null && spec.numClasses() != found) {
      throw new IllegalArgumentException(
          "numClasses: is " + spec.numClasses() + " but model " + spec.path() + " outputs "
              + found + " scores per input");
    }
    if (found < 2) {
      throw new IllegalArgumentException(
          "model " + spec.path() + " outputs " + found + " score per input; a classifier needs ≥ 2");
    }
    float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "model " + spec.path() + " gives non-finite scores on a " + (i < found ? "black" : "gray")
                + " input: class " + (i % found) + " is " + values[i]);
      }
    }
    return found;
  }

  private void checkGradient(NDManager sub, NDArray x, NDArray out) {
    try {
      NDArray total = out.toType(type, false).sum();
      JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape()), false, false);
      x.getGradient();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("model " + spec.path() + " gives no gradient with respect to its input"
          + " (does its forward detach the output, convert it to another type or run under torch.no_grad()?"
          + " attribution needs the gradient of each class score): " + EngineMessages.brief(e), e);
    }
  }

  private static String typeName(DataType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the spec this function was loaded from. */
  public ModelSpec spec() {
    return spec;
  }

  /**
   * Returns the underlying DJL model (for saving a block's parameters, or inspecting it); it stays
   * owned by this function and closes with it.
   */
  public Model model() {
    return model;
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  /** Returns whether the model's device is a GPU. */
  @Override
  public boolean accelerated() {
    return model.getNDManager().getDevice().isGpu();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    requireOpen();
    int n = checkPoints(points);
    float[][] rows = new float[n][];
    if (n == 0) {
      return rows;
    }
    float[] flat = forward(points);
    for (int i = 0; i < n; i++) {
      rows[i] = new float[numClasses];
      System.arraycopy(flat, i * numClasses, rows[i], 0, numClasses);
      for (int k = 0; k < numClasses; k++) {
        if (!Float.isFinite(rows[i][k])) {
          throw nonFinite("output", i, "class " + k, rows[i][k]);
        }
      }
    }
    return rows;
  }

  /** The explained outputs of {@link #outputs}, picked on the Java side without a row per point. */
  @Override
  public float[] scores(List<float[]> points, int[] targets) {
    requireOpen();
    int n = checkPoints(points);
    checkTargets(n, targets);
    float[] s = new float[n];
    if (n == 0) {
      return s;
    }
    float[] flat = forward(points);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < numClasses; k++) {
        if (!Float.isFinite(flat[i * numClasses + k])) {
          throw nonFinite("output", i, "class " + k, flat[i * numClasses + k]);
        }
      }
      s[i] = flat[i * numClasses + targets[i]];
    }
    return s;
  }

  /** Returns the explained outputs of {@code points}, n × numClasses, row by row. */
  private float[] forward(List<float[]> points) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackFloats(sub, points);
      return PyTorchRuntime.withGradMode(false, () -> toFloats(explained(logits(sub, x, false))));
    }
  }

  /**
   * Returns the explained output of every class for each point, computed and returned in double
   * without rounding: {@link #outputs} for double points. Only for {@code precision: float64}.
   *
   * @throws IllegalStateException when the model computes in float32
   */
  public double[][] outputsInDouble(List<double[]> points) {
    requireOpen();
    requireDouble("outputsInDouble");
    int n = checkDoublePoints(points);
    double[][] rows = new double[n][];
    if (n == 0) {
      return rows;
    }
    double[] flat;
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackDoubles(sub, points);
      flat = PyTorchRuntime.withGradMode(false, () -> explained(logits(sub, x, false)).toDoubleArray());
    }
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * numClasses, (i + 1) * numClasses);
      for (int k = 0; k < numClasses; k++) {
        if (!Double.isFinite(rows[i][k])) {
          throw nonFinite("output", i, "class " + k, rows[i][k]);
        }
      }
    }
    return rows;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    requireOpen();
    int n = checkPoints(points);
    checkTargets(n, targets);
    if (n == 0) {
      return new ScoresAndGradients(new float[0], List.of());
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackFloats(sub, points);
      NDArray picked = backward(sub, x, targets);
      float[] scores = toFloats(picked);
      for (int i = 0; i < n; i++) {
        if (!Float.isFinite(scores[i])) {
          throw nonFinite("score", i, "target class " + targets[i], scores[i]);
        }
      }
      return new ScoresAndGradients(scores, readGradients(x.getGradient(), n));
    }
  }

  /**
   * One forward pass for the batch, then one backward pass per class, the graph kept between
   * them. Between two backward passes the input's gradient is reset to −0.0 in every element,
   * the one value that adds to any gradient without changing its bits (+0.0 would turn a −0.0
   * gradient into +0.0), so class t's gradients are computed by the same operations on the same
   * values as in {@link #scoresAndGradients} with every target t: on a CPU they are the same bits
   * (checked by the tests). On a GPU, kernels that accumulate with atomics may round differently
   * from one backward pass to the next, with or without sharing.
   */
  @Override
  public List<ScoresAndGradients> scoresAndGradientsForEach(List<float[]> points, int[] classes) {
    requireOpen();
    int n = checkPoints(points);
    if (classes == null) {
      throw new IllegalArgumentException("classes: is missing");
    }
    for (int c = 0; c < classes.length; c++) {
      int[] targets = new int[n];
      java.util.Arrays.fill(targets, classes[c]);
      checkTargets(n, targets);
    }
    List<ScoresAndGradients> out = new ArrayList<>(classes.length);
    if (n == 0 || classes.length <= 1) {
      for (int c : classes) {
        int[] targets = new int[n];
        java.util.Arrays.fill(targets, c);
        out.add(scoresAndGradients(points, targets));
      }
      return out;
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackFloats(sub, points);
      x.setRequiresGradient(true);
      return PyTorchRuntime.withGradMode(true, () -> {
        NDArray explained = explained(logits(sub, x, true));
        for (int c = 0; c < classes.length; c++) {
          int[] targets = new int[n];
          java.util.Arrays.fill(targets, classes[c]);
          NDArray p = explained.mul(oneHot(sub, targets)).sum(new int[] {1});
          NDArray total = p.sum();
          if (c > 0) {
            JniUtils.zeroGrad((PtNDArray) x);
            x.getGradient().negi();
          }
          try {
            JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape(), type),
                c < classes.length - 1, false);
          } catch (EngineException e) {
            throw modelFault(x, e);
          }
          float[] scores = toFloats(p);
          for (int i = 0; i < n; i++) {
            if (!Float.isFinite(scores[i])) {
              throw nonFinite("score", i, "target class " + classes[c], scores[i]);
            }
          }
          out.add(new ScoresAndGradients(scores, readGradients(x.getGradient(), n)));
        }
        return out;
      });
    }
  }

  /**
   * Copies the input gradient of a batch of {@code n} points into one float array per point
   * (float64 rounded to nearest), reading the engine's array in place on the CPU; a non-finite
   * element is a {@link SampleFaultException.Kind#NON_FINITE} fault.
   */
  private List<float[]> readGradients(NDArray gradient, int n) {
    int size = shape.size();
    boolean finite = finiteSum(gradient);
    List<float[]> gradients = new ArrayList<>(n);
    // read in place (a view of the engine's array on the CPU), one copy per point
    ByteBuffer bytes = gradient.toByteBuffer(true);
    FloatBuffer floats = type == DataType.FLOAT32 ? bytes.asFloatBuffer() : null;
    DoubleBuffer doubles = type == DataType.FLOAT64 ? bytes.asDoubleBuffer() : null;
    for (int i = 0; i < n; i++) {
      float[] g = new float[size];
      if (floats != null) {
        floats.get(g);
      } else {
        for (int j = 0; j < size; j++) {
          g[j] = (float) doubles.get();
        }
      }
      if (!finite || doubles != null) {
        for (int j = 0; j < size; j++) {
          if (!Float.isFinite(g[j])) {
            throw nonFinite("gradient", i, "element " + j, g[j]);
          }
        }
      }
      gradients.add(g);
    }
    return gradients;
  }

  /**
   * Returns the explained score of {@code targets[i]} at each point and its gradient, computed and
   * returned in double without rounding: {@link #scoresAndGradients} for double points. Only for
   * {@code precision: float64}.
   *
   * @throws IllegalStateException when the model computes in float32
   */
  public DoubleScoresAndGradients scoresAndGradientsInDouble(List<double[]> points, int[] targets) {
    requireOpen();
    requireDouble("scoresAndGradientsInDouble");
    int n = checkDoublePoints(points);
    checkTargets(n, targets);
    if (n == 0) {
      return new DoubleScoresAndGradients(new double[0], List.of());
    }
    int size = shape.size();
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = stackDoubles(sub, points);
      double[] scores = backward(sub, x, targets).toDoubleArray();
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(scores[i])) {
          throw nonFinite("score", i, "target class " + targets[i], scores[i]);
        }
      }
      DoubleBuffer flat = x.getGradient().toByteBuffer(true).asDoubleBuffer();
      List<double[]> gradients = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        double[] g = new double[size];
        flat.get(g);
        for (int j = 0; j < size; j++) {
          if (!Double.isFinite(g[j])) {
            throw nonFinite("gradient", i, "element " + j, g[j]);
          }
        }
        gradients.add(g);
      }
      return new DoubleScoresAndGradients(scores, gradients);
    }
  }

  /**
   * Runs the network on {@code x} with autograd and back-propagates the sum of each point's target
   * score; returns the picked scores (one per point). The gradient is left in {@code x}.
   */
  private NDArray backward(NDManager sub, NDArray x, int[] targets) {
    NDArray mask = oneHot(sub, targets);
    x.setRequiresGradient(true);
    return PyTorchRuntime.withGradMode(true, () -> {
      NDArray p = explained(logits(sub, x, true)).mul(mask).sum(new int[] {1});
      NDArray total = p.sum();
      try {
        JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape(), type), false, false);
      } catch (EngineException e) {
        throw modelFault(x, e);
      }
      return p;
    });
  }

  /** Whether every element of {@code array} is finite, judged by its sum computed on the engine. */
  private static boolean finiteSum(NDArray array) {
    return Double.isFinite(array.sum().toType(DataType.FLOAT64, false).getDouble());
  }

  /** Returns the elements of a float32 or float64 array as floats (float64 rounded to nearest). */
  private static float[] toFloats(NDArray array) {
    if (array.getDataType() == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    double[] d = array.toDoubleArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /**
   * Returns the layers of a {@code djl-block} model: the names of its parameters without the
   * parameter's own name ({@code 01Conv2d_weight} → {@code 01Conv2d}), in the block's order (input
   * side first). A TorchScript model's parameters are not accessible: it lists none.
   */
  @Override
  public List<String> layers() {
    if (script != null) {
      return List.of();
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
      out.add(layerOf(p));
    }
    return List.copyOf(out);
  }

  private static String layerOf(ai.djl.util.Pair<String, ai.djl.nn.Parameter> p) {
    String key = p.getKey();
    String own = "_" + p.getValue().getName();
    return key.endsWith(own) ? key.substring(0, key.length() - own.length()) : key;
  }

  /**
   * Returns a new model of the same architecture and settings in which the named layers hold
   * parameters drawn as {@link BlockParameters#initialize} draws a whole fresh block from
   * {@code seed} (He-normal weights, zero biases, batch norm at γ = 1, β = 0, running mean 0,
   * variance 1), and every other layer holds a copy of this model's parameters.
   *
   * @throws IllegalArgumentException for a TorchScript model, or naming a layer this model lacks
   */
  @Override
  public DjlModelFunction withRandomised(List<String> layers, long seed) {
    if (script != null) {
      throw new IllegalArgumentException("model " + spec.path() + " is TorchScript: its layers cannot be re-drawn"
          + " through igkit; use a djl-block model for parameter-randomisation checks");
    }
    List<String> known = layers();
    for (String l : layers) {
      if (!known.contains(l)) {
        throw new IllegalArgumentException("layer '" + l + "' is not a layer of " + spec.architecture() + " (layers: "
            + String.join(", ", known) + ")");
      }
    }
    BlockArchitecture architecture = BlockArchitectures.of(spec.architecture());
    Block copy = architecture.build(numClasses, spec.width(), shape);
    Model fresh = Model.newInstance(spec.architecture(), model.getNDManager().getDevice(), PyTorchRuntime.ENGINE);
    fresh.setBlock(copy);
    try {
      BlockParameters.initialize(copy, fresh.getNDManager(), shape, seed);
      var from = block.getParameters();
      var to = copy.getParameters();
      if (from.size() != to.size()) {
        throw new IllegalArgumentException("model " + spec.path() + " has " + from.size() + " parameter arrays, a fresh "
            + spec.architecture() + " " + to.size() + ": its block was not built by that architecture");
      }
      for (int i = 0; i < to.size(); i++) {
        if (layers.contains(layerOf(to.get(i)))) {
          continue;
        }
        NDArray source = from.get(i).getValue().getArray();
        NDArray target = to.get(i).getValue().getArray();
        if (!source.getShape().equals(target.getShape())) {
          throw new IllegalArgumentException("parameter " + from.get(i).getKey() + " has shape " + source.getShape()
              + ", a fresh " + spec.architecture() + " " + target.getShape());
        }
        target.set(toFloats(source));
      }
      return wrap(spec, fresh);
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  // ---- graph pieces ------------------------------------------------------------------------

  /**
   * Runs preprocessing and the network on {@code x} (N×C×H×W) under the calling thread's current
   * grad mode; returns N×K logits in the precision the network computes in. Any other output — a feature map, another number of
   * rows than points, an integer array — is a {@link SampleFaultException.Kind#MODEL_OUTPUT} fault.
   */
  private NDArray logits(NDManager sub, NDArray x, boolean withGradient) {
    NDArray out = network(sub, x, withGradient);
    long rows = x.getShape().get(0);
    long[] dims = out.getShape().getShape();
    if (!out.getDataType().isFloating() || dims.length != 2 || dims[0] != rows || dims[1] != numClasses) {
      throw new SampleFaultException(SampleFaultException.Kind.MODEL_OUTPUT,
          "model output must be [batch, classes] = [" + rows + ", " + numClasses + "]; " + spec.path() + " gave "
              + (out.getDataType().isFloating() ? "" : typeName(out.getDataType()) + " ")
              + java.util.Arrays.toString(dims) + " for a batch of " + rows + " points");
    }
    return out.getDataType() == type ? out : out.toType(type, false);
  }

  /**
   * Returns the network's raw output on {@code x}, preprocessed, attached to {@code sub}; an error of
   * the engine in the forward pass is a {@link SampleFaultException.Kind#MODEL} fault of the batch.
   */
  private NDArray network(NDManager sub, NDArray x, boolean withGradient) {
    NDArray in = x;
    if (spec.reversesChannels()) {
      in = in.flip(1);
    }
    if (!spec.normalisationIsIdentity()) {
      in = in.sub(mean).div(std);
    }
    NDList out;
    try {
      out = script != null
          ? IValueUtils.forward(script, new NDList(in), withGradient)
          : block.forward(parameterStore, new NDList(in), false);
    } catch (EngineException e) {
      throw modelFault(x, e);
    }
    NDArray first = out.get(0);
    first.attach(sub);
    return first;
  }

  private SampleFaultException modelFault(NDArray x, EngineException e) {
    return new SampleFaultException(SampleFaultException.Kind.MODEL,
        "model " + spec.path() + " failed on a batch of " + x.getShape().get(0) + " point(s): "
            + EngineMessages.brief(e), e);
  }

  private NDArray explained(NDArray logits) {
    return spec.explainsProbability() ? logits.softmax(1) : logits;
  }

  /**
   * Stacks the points into an N×C×H×W array of the network's type (float32 points widened exactly
   * for float64), written straight into {@link #inputs}, which the engine's array reads in place on
   * the CPU (on other devices it is copied there); valid until the next call.
   */
  private NDArray stackFloats(NDManager sub, List<float[]> points) {
    ByteBuffer view = inputBuffer(points.size());
    if (type == DataType.FLOAT32) {
      FloatBuffer floats = view.asFloatBuffer();
      for (float[] point : points) {
        floats.put(point);
      }
    } else {
      DoubleBuffer doubles = view.asDoubleBuffer();
      for (float[] point : points) {
        for (float v : point) {
          doubles.put(v);
        }
      }
    }
    return sub.create(view, batchShape(points.size()), type);
  }

  /** Stacks double points into an N×C×H×W float64 array, as {@link #stackFloats} does. */
  private NDArray stackDoubles(NDManager sub, List<double[]> points) {
    ByteBuffer view = inputBuffer(points.size());
    DoubleBuffer doubles = view.asDoubleBuffer();
    for (double[] point : points) {
      doubles.put(point);
    }
    return sub.create(view, batchShape(points.size()), DataType.FLOAT64);
  }

  /** Returns a native-order view of {@link #inputs} for {@code n} points of the network's type. */
  private ByteBuffer inputBuffer(int n) {
    int bytes = Math.multiplyExact(Math.multiplyExact(n, shape.size()), type.getNumOfBytes());
    if (inputs == null || inputs.capacity() < bytes) {
      inputs = ByteBuffer.allocateDirect(bytes);
    }
    return inputs.slice(0, bytes).order(ByteOrder.nativeOrder());
  }

  private ai.djl.ndarray.types.Shape batchShape(int n) {
    return new ai.djl.ndarray.types.Shape(n, shape.channels(), shape.height(), shape.width());
  }

  private NDArray oneHot(NDManager sub, int[] targets) {
    float[] mask = new float[targets.length * numClasses];
    for (int i = 0; i < targets.length; i++) {
      mask[i * numClasses + targets[i]] = 1f;
    }
    NDArray m = sub.create(mask, new ai.djl.ndarray.types.Shape(targets.length, numClasses));
    return type == DataType.FLOAT32 ? m : m.toType(type, false);
  }

  // ---- checks ------------------------------------------------------------------------------

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("model " + spec.path() + " is closed");
    }
  }

  private int checkPoints(List<float[]> points) {
    if (points == null) {
      throw new IllegalArgumentException("points: is missing");
    }
    for (int i = 0; i < points.size(); i++) {
      shape.require("point " + i, points.get(i));
    }
    return points.size();
  }

  private void requireDouble(String method) {
    if (!spec.computesInDouble()) {
      throw new IllegalStateException(method + " needs precision: float64; model " + spec.path()
          + " computes in " + spec.precision());
    }
  }

  private int checkDoublePoints(List<double[]> points) {
    if (points == null) {
      throw new IllegalArgumentException("points: is missing");
    }
    for (int i = 0; i < points.size(); i++) {
      double[] p = points.get(i);
      if (p == null || p.length != shape.size()) {
        throw new IllegalArgumentException("point " + i + ": must hold " + shape.size() + " values ("
            + shape + "), was " + (p == null ? "missing" : p.length + " values"));
      }
    }
    return points.size();
  }

  private void checkTargets(int n, int[] targets) {
    if (targets == null || targets.length != n) {
      throw new IllegalArgumentException(
          "targets: need one class per point (" + n + "), got "
              + (targets == null ? "none" : targets.length));
    }
    for (int i = 0; i < n; i++) {
      if (targets[i] < 0 || targets[i] >= numClasses) {
        throw new IllegalArgumentException(
            "targets[" + i + "]: must be a class in [0, " + (numClasses - 1) + "], was " + targets[i]);
      }
    }
  }

  private SampleFaultException nonFinite(String what, int point, String where, double value) {
    return new SampleFaultException(SampleFaultException.Kind.NON_FINITE,
        "model " + spec.path() + ": " + what + " of point " + point + " (" + where + ") is "
            + value + "; check the input range and the model (inputs must be finite, in the space "
            + "the model was trained on before mean/std)");
  }

  private static double[] toDoubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static float[] toFloats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }
}
