package org.igkit.cli.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.PyTorchRuntime;
import org.igkit.models.block.SmallCnn;

/**
 * Measures peak RSS in a JVM of its own, so that each measurement's peak is its own: a child
 * process runs one of three workloads on a randomly initialised {@link SmallCnn} and prints its
 * {@code VmHWM}.
 *
 * <ul>
 *   <li>{@code idle}: the engine started and the model built, one forward pass of one image;
 *   <li>{@code raw}: the same, then one batch of {@code batch} images forward and backward with
 *       plain DJL (a {@link GradientCollector}) — the memory any gradient method needs at least;
 *   <li>{@code attribution}: the same model, then one Expected-Gradients attribution through igkit
 *       with {@code steps} steps × {@code baselines} uniform-noise baselines at batch
 *       {@code batch}.
 * </ul>
 *
 * Random weights are enough: memory and time do not depend on their values.
 */
public final class MemoryProbe {

  /** What a child measured. */
  public record Result(String mode, long peakRssKib, double seconds, long gradientPoints, boolean eagerFree) {
    /** Returns the peak in MiB. */
    public double peakMib() {
      return peakRssKib / 1024.0;
    }
  }

  /**
   * One workload.
   *
   * @param mode      {@code idle}, {@code raw} or {@code attribution}
   * @param size      image height = width (3 channels)
   * @param width     the CNN's base width
   * @param batch     points per model call
   * @param steps     attribution steps per baseline
   * @param baselines attribution baselines
   * @param heapMib   the child's maximum Java heap ({@code -Xmx}), MiB
   * @param eagerFree whether the child runs with glibc's {@code MALLOC_MMAP_THRESHOLD_=131072}: every
   *                  large buffer is its own mapping, returned to the system when freed (by
   *                  default glibc raises that threshold as buffers are freed and keeps later ones
   *                  in its heap)
   */
  public record Workload(
      String mode, int size, int width, int batch, int steps, int baselines, int heapMib, boolean eagerFree) {

    /** Returns this workload with another mode. */
    public Workload withMode(String newMode) {
      return new Workload(newMode, size, width, batch, steps, baselines, heapMib, eagerFree);
    }

    /** Returns this workload with other steps and glibc setting. */
    public Workload with(int newSteps, boolean newEagerFree) {
      return new Workload(mode, size, width, batch, newSteps, baselines, heapMib, newEagerFree);
    }

    List<String> args() {
      return List.of(mode, Integer.toString(size), Integer.toString(width), Integer.toString(batch),
          Integer.toString(steps), Integer.toString(baselines));
    }
  }

  static final int CLASSES = 10;
  private static final String PREFIX = "igkit-memory-probe ";

  private MemoryProbe() {}

  /** Child entry point: {@code mode size width batch steps baselines}. */
  public static void main(String[] args) {
    String mode = args[0];
    int size = Integer.parseInt(args[1]);
    int width = Integer.parseInt(args[2]);
    int batch = Integer.parseInt(args[3]);
    int steps = Integer.parseInt(args[4]);
    int baselines = Integer.parseInt(args[5]);
    long t0 = System.nanoTime();
    long points = work(mode, size, width, batch, steps, baselines);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = PeakRss.kib().orElse(-1);
    System.out.println(PREFIX + String.format(Locale.ROOT, "mode=%s peakRssKib=%d seconds=%.3f points=%d eagerFree=%b",
        mode, peak, seconds, points, System.getenv("MALLOC_MMAP_THRESHOLD_") != null));
    System.out.flush();
    // skip native teardown: the measurement is taken
    Runtime.getRuntime().halt(0);
  }

  /**
   * Returns a {@link SmallCnn} of base width {@code width} for {@code shape} with seeded random
   * weights and {@value #CLASSES} classes, explaining the softmax probability.
   */
  public static DjlModelFunction randomCnn(Shape shape, int width) {
    PyTorchRuntime.start(1, 1);
    Model model = Model.newInstance("random-small-cnn", PyTorchRuntime.ENGINE);
    Block block = SmallCnn.build(CLASSES, width);
    model.setBlock(block);
    SmallCnn.initialize(block, model.getNDManager(), shape, 8);
    ModelSpec spec = ModelSpec.builder()
        .setPath("random-small-cnn")
        .setInputShape(shape.channels(), shape.height(), shape.width())
        .optFormat(ModelSpec.DJL_BLOCK)
        .optBlock(SmallCnn.TYPE, width)
        .optNumClasses(CLASSES)
        .optThreads(1, 1)
        .build();
    return DjlModelFunction.wrap(spec, model);
  }

  private static long work(String mode, int size, int width, int batch, int steps, int baselines) {
    Shape shape = Shape.of(3, size, size);
    try (DjlModelFunction f = randomCnn(shape, width)) {
      float[] image = image(shape, 1);
      f.outputs(List.of(image));
      switch (mode) {
        case "idle":
          return 0;
        case "raw":
          rawBatch(f.model(), shape, batch);
          return batch;
        case "attribution":
          return attribute(f, image, batch, steps, baselines);
        default:
          throw new IllegalArgumentException("mode: idle, raw or attribution, was " + mode);
      }
    }
  }

  /** One batch forward and backward, written directly against DJL. */
  static void rawBatch(Model model, Shape shape, int batch) {
    ParameterStore parameters = new ParameterStore(model.getNDManager(), false);
    try (NDManager manager = model.getNDManager().newSubManager()) {
      float[] flat = new float[batch * shape.size()];
      SplittableRandom random = new SplittableRandom(3);
      for (int i = 0; i < flat.length; i++) {
        flat[i] = (float) random.nextDouble();
      }
      NDArray x = manager.create(flat, new ai.djl.ndarray.types.Shape(batch, shape.channels(), shape.height(), shape.width()));
      x.setRequiresGradient(true);
      try (GradientCollector collector = model.getNDManager().getEngine().newGradientCollector()) {
        NDArray logits = model.getBlock().forward(parameters, new NDList(x), false).singletonOrThrow();
        collector.backward(logits.softmax(1).get(new NDIndex(":, 0")).sum());
      }
      float[] g = x.getGradient().toFloatArray();
      if (g.length != flat.length) {
        throw new IllegalStateException("gradient of " + g.length + " values for " + flat.length);
      }
    }
  }

  private static long attribute(DjlModelFunction model, float[] image, int batch, int steps, int baselines) {
    PluginRegistry registry = PluginLoader.registry();
    AttributionMethod eg = new AttributionMethod("EG",
        registry.create(BaselineSampler.class, "uniform-noise", new UniformNoiseBaselineSampler.Spec(baselines, null, null)),
        registry.create(org.igkit.api.path.Path.class, "straight", null),
        new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT),
        registry.create(Aggregator.class, "uniform", null));
    Attribution a = AttributionEngine.attribute(model, eg, image, 0, RandomSource.of(8), EngineOptions.batchSize(batch));
    return a.gradientPoints();
  }

  private static float[] image(Shape shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  /**
   * Runs {@code workload} in a child JVM with this JVM's class path and DJL settings, and returns
   * what it measured.
   *
   * @throws IllegalStateException when the child fails or prints no measurement
   */
  public static Result measure(Workload workload, long timeoutSeconds) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + workload.heapMib() + "m"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--enable-native-access")) {
        command.add(arg);
      }
    }
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ai.djl.") || key.startsWith("org.slf4j.")) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    command.add("-Dai.djl.offline=true");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName()));
    command.addAll(workload.args());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("OMP_NUM_THREADS", "1");
    if (workload.eagerFree()) {
      pb.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
    }
    Process p = pb.start();
    StringBuilder output = new StringBuilder();
    String found = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(PREFIX)) {
          found = line.substring(PREFIX.length());
        } else if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("memory probe " + workload + " did not finish in " + timeoutSeconds + " s");
    }
    if (found == null) {
      throw new IllegalStateException("memory probe " + workload + " exited " + p.exitValue()
          + " without a measurement:\n" + output);
    }
    return parse(found);
  }

  /** Parses a child's measurement line (without its prefix). */
  static Result parse(String line) {
    String mode = null;
    long peak = -1;
    double seconds = Double.NaN;
    long points = 0;
    boolean eagerFree = false;
    for (String kv : line.trim().split("\\s+")) {
      String[] p = kv.split("=", 2);
      switch (p[0]) {
        case "mode" -> mode = p[1];
        case "peakRssKib" -> peak = Long.parseLong(p[1]);
        case "seconds" -> seconds = Double.parseDouble(p[1]);
        case "points" -> points = Long.parseLong(p[1]);
        case "eagerFree" -> eagerFree = Boolean.parseBoolean(p[1]);
        default -> { }
      }
    }
    if (mode == null || peak < 0) {
      throw new IllegalStateException("memory probe printed no peak RSS (no /proc/self/status?): " + line);
    }
    return new Result(mode, peak, seconds, points, eagerFree);
  }
}
