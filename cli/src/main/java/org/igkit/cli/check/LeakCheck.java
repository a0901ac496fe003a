package org.igkit.cli.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.runner.Attributor;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;

/**
 * A long attribution run that watches memory: {@code samples} seeded uniform-noise images
 * (C×H×W of the model's input shape, values in [0, 1)) are each attributed with Integrated
 * Gradients (black baseline, 16-step Riemann sum) and with WG (4 uniform-noise baselines, fitness
 * aggregator, 16 steps), and the process's resident set (VmRSS from {@code /proc/self/status}:
 * native memory of PyTorch included) and the Java heap in use after {@link System#gc()} are
 * printed at the start, after 25 %, 50 % and 75 % of the samples and at the end. Besides the RSS at
 * each checkpoint, the peak RSS over the quarter that ends there is printed (read after every
 * sample): the allocators return and take memory in large steps, so single readings swing by
 * 100 MB and more while the quarter's peak stays put unless memory really grows.
 *
 * <p>The verdict compares the last quarter's peak RSS and the heap at the end with those of the
 * first quarter (which warms up allocators, JIT and PyTorch's caches): memory is <b>flat</b> when RSS grew by less than
 * {@value #MAX_RSS_GROWTH_PERCENT} % and the heap by less than {@value #MAX_HEAP_GROWTH_MB} MB.
 * Where {@code /proc/self/status} does not exist (not Linux) only the heap is judged.
 */
public final class LeakCheck {

  /** Largest RSS growth, last quarter vs the largest earlier quarter peak, still called flat. */
  public static final double MAX_RSS_GROWTH_PERCENT = 10.0;

  /** Largest heap growth, last quarter vs that quarter, still called flat. */
  public static final double MAX_HEAP_GROWTH_MB = 20.0;

  /** Steps of both methods' Riemann sums. */
  public static final int STEPS = 16;

  /** Uniform-noise baselines of WG. */
  public static final int WG_BASELINES = 4;

  private static final double MB = 1024.0 * 1024.0;

  /** Memory at one checkpoint. RSS is -1 where it cannot be read. */
  public record Checkpoint(String label, int samples, long rssBytes, long rssPeakBytes, long heapBytes, double seconds) {
    double rssMb() {
      return rssBytes < 0 ? Double.NaN : rssBytes / MB;
    }

    double rssPeakMb() {
      return rssPeakBytes < 0 ? Double.NaN : rssPeakBytes / MB;
    }

    double heapMb() {
      return heapBytes / MB;
    }
  }

  /** The checkpoints and the verdict. */
  public record Result(List<Checkpoint> checkpoints, double rssGrowthMb, double rssGrowthPercent,
      double heapGrowthMb, boolean flat) {}

  private final ModelSpec model;
  private final int samples;
  private final long seed;
  private final PrintWriter out;

  /**
   * @param model   the classifier to attribute
   * @param samples number of images (at least 4, so each quarter has one)
   * @param seed    seed of the images and of the methods' random draws
   * @param out     where the table and the verdict go
   */
  public LeakCheck(ModelSpec model, int samples, long seed, PrintWriter out) {
    if (samples < 4) {
      throw new IllegalArgumentException("samples: must be at least 4, was " + samples);
    }
    this.model = model;
    this.samples = samples;
    this.seed = seed;
    this.out = out;
  }

  /** The small-cnn spec of the committed shapes model (djl-block, width 16, 3×32×32, 4 classes). */
  public static ModelSpec smallCnn(Path params) {
    return ModelSpec.builder()
        .setPath(params.toString())
        .setInputShape(3, 32, 32)
        .optFormat(ModelSpec.DJL_BLOCK)
        .optBlock("small-cnn", 16)
        .optNumClasses(4)
        .optOutput(ModelSpec.PROBABILITY)
        .optThreads(1, 1)
        .build();
  }

  /** Runs the check, printing as it goes. */
  public Result run() {
    List<Integer> shape = model.inputShape();
    int size = shape.get(0) * shape.get(1) * shape.get(2);
    out.printf(Locale.ROOT, "igkit check-leaks: %d samples of seeded uniform noise %s, model %s (%s %s)%n",
        samples, shape, model.path(), model.format(),
        ModelSpec.DJL_BLOCK.equals(model.format()) ? model.architecture() + " width " + model.width() : "");
    out.printf(Locale.ROOT, "methods: IG (black, riemann %d) and WG (uniform-noise x%d, fitness, riemann %d)%n",
        STEPS, WG_BASELINES, STEPS);
    out.printf(Locale.ROOT, "%-10s %8s %10s %13s %10s %10s%n", "checkpoint", "samples", "rss_mb", "rss_peak_mb",
        "heap_mb", "seconds");
    out.flush();
    List<Checkpoint> checkpoints = new ArrayList<>();
    long start = System.nanoTime();
    double checksum = 0;
    try (DjlModelFunction fn = DjlModelFunction.load(model)) {
      Attributor ig = Attributor.builder(fn).name("IG").seed(seed)
          .baselines("black")
          .stepRule("riemann", new RiemannStepRule.Spec(STEPS, null))
          .build();
      Attributor wg = Attributor.builder(fn).name("WG").seed(seed)
          .baselines("uniform-noise", new UniformNoiseBaselineSampler.Spec(WG_BASELINES, null, null))
          .stepRule("riemann", new RiemannStepRule.Spec(STEPS, null))
          .aggregator("fitness")
          .build();
      long peak = rssBytes();
      checkpoints.add(measure("start", 0, peak, start));
      peak = -1;
      SplittableRandom random = new SplittableRandom(seed);
      int next = 1;
      for (int i = 1; i <= samples; i++) {
        float[] image = new float[size];
        for (int k = 0; k < size; k++) {
          image[k] = (float) random.nextDouble();
        }
        Attribution a = ig.attribute(image);
        Attribution b = wg.attribute(image);
        checksum += a.sum() + b.sum();
        peak = Math.max(peak, rssBytes());
        if (next <= 4 && i == (int) ((long) samples * next / 4)) {
          checkpoints.add(measure(next == 4 ? "end" : (25 * next) + " %", i, peak, start));
          next++;
          peak = -1;
        }
      }
    }
    // The last quarter's peak against the largest earlier peak (from 25 % on): RSS swings by
    // ~100 MB between quarters with no trend, so one early low quarter must not look like growth.
    Checkpoint quarter = checkpoints.get(1);
    for (int i = 2; i < checkpoints.size() - 1; i++) {
      if (checkpoints.get(i).rssPeakBytes() > quarter.rssPeakBytes()) {
        quarter = checkpoints.get(i);
      }
    }
    Checkpoint end = checkpoints.get(checkpoints.size() - 1);
    boolean haveRss = quarter.rssPeakBytes() > 0 && end.rssPeakBytes() > 0;
    double rssGrowthMb = haveRss ? end.rssPeakMb() - quarter.rssPeakMb() : Double.NaN;
    double rssGrowthPercent =
        haveRss ? 100.0 * (end.rssPeakBytes() - quarter.rssPeakBytes()) / quarter.rssPeakBytes() : Double.NaN;
    double heapGrowthMb = end.heapMb() - quarter.heapMb();
    boolean flat = isFlat(rssGrowthPercent, heapGrowthMb);
    out.printf(Locale.ROOT, "growth end vs the largest earlier peak: RSS peak %+.1f MB (%+.1f %%), heap %+.1f MB%n",
        rssGrowthMb, rssGrowthPercent, heapGrowthMb);
    out.printf(Locale.ROOT, "verdict: %s (flat = RSS growth < %.0f %% and heap growth < %.0f MB)%n",
        flat ? "FLAT" : "GROWING", MAX_RSS_GROWTH_PERCENT, MAX_HEAP_GROWTH_MB);
    out.printf(Locale.ROOT, "(attribution checksum %.6g)%n", checksum);
    out.flush();
    return new Result(List.copyOf(checkpoints), rssGrowthMb, rssGrowthPercent, heapGrowthMb, flat);
  }

  /**
   * The verdict: RSS grew by less than {@value #MAX_RSS_GROWTH_PERCENT} % (NaN: not measured, not
   * judged) and the heap by less than {@value #MAX_HEAP_GROWTH_MB} MB.
   */
  public static boolean isFlat(double rssGrowthPercent, double heapGrowthMb) {
    boolean rssFlat = Double.isNaN(rssGrowthPercent) || rssGrowthPercent < MAX_RSS_GROWTH_PERCENT;
    return rssFlat && heapGrowthMb < MAX_HEAP_GROWTH_MB;
  }

  private Checkpoint measure(String label, int done, long peak, long start) {
    long heap = heapUsedAfterGc();
    Checkpoint c = new Checkpoint(label, done, rssBytes(), peak, heap, (System.nanoTime() - start) / 1e9);
    out.printf(Locale.ROOT, "%-10s %8d %10s %13s %10.1f %10.1f%n", c.label(), c.samples(), mb(c.rssMb()),
        mb(c.rssPeakMb()), c.heapMb(), c.seconds());
    out.flush();
    return c;
  }

  private static String mb(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
  }

  /** Heap in use after two full collections. */
  static long heapUsedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** VmRSS of this process in bytes, or -1 where {@code /proc/self/status} cannot be read. */
  public static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
