package org.igkit.cli.bench;

import java.util.List;
import java.util.Objects;

/**
 * How much {@code igkit bench} measures. Made by {@link #builder()}, whose every setting starts at
 * the full bench's value ({@link #full()}), or by {@link #quick()}; a setter given a value out of
 * range throws an {@link IllegalArgumentException} that names the setting.
 */
public final class BenchPlan {

  /**
   * One setting of the parallel-samples measure.
   *
   * @param workers samples attributed at once
   * @param threads PyTorch threads of each worker
   */
  public record Parallelism(int workers, int threads) {
    /** Checks both counts. */
    public Parallelism {
      atLeast("parallelSettings: workers", workers, 1);
      atLeast("parallelSettings: threads", threads, 1);
    }

    @Override
    public String toString() {
      return workers + "×" + threads;
    }
  }

  private final int samples;
  private final int timingImages;
  private final int repetitions;
  private final int igSteps;
  private final int methodSteps;
  private final int cheapSteps;
  private final int memorySize;
  private final int memoryWidth;
  private final int memoryBatch;
  private final int memorySteps;
  private final int memoryBaselines;
  private final int memoryHeapMib;
  private final int parallelSamples;
  private final int parallelRuns;
  private final int censusSamples;
  private final List<Parallelism> parallelSettings;

  private BenchPlan(Builder b) {
    samples = b.samples;
    timingImages = b.timingImages;
    repetitions = b.repetitions;
    igSteps = b.igSteps;
    methodSteps = b.methodSteps;
    cheapSteps = b.cheapSteps;
    memorySize = b.memorySize;
    memoryWidth = b.memoryWidth;
    memoryBatch = b.memoryBatch;
    memorySteps = b.memorySteps;
    memoryBaselines = b.memoryBaselines;
    memoryHeapMib = b.memoryHeapMib;
    parallelSamples = b.parallelSamples;
    parallelRuns = b.parallelRuns;
    censusSamples = b.censusSamples;
    parallelSettings = b.parallelSettings;
  }

  /** Returns a builder with the full bench's settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The full bench (several minutes on 2 cores). */
  public static BenchPlan full() {
    return builder().build();
  }

  /** {@code --quick}: fewer repetitions, fewer memory steps, fewer parallel settings. */
  public static BenchPlan quick() {
    return builder().samples(20).timingImages(4).repetitions(3).memorySteps(50).parallelSamples(6).parallelRuns(1)
        .parallelSettings(List.of(new Parallelism(1, 1), new Parallelism(2, 1), new Parallelism(1, 2)))
        .build();
  }

  /** Samples for the deletion-AUC comparison and the metric share (≥ 20 for the report's claim). */
  public int samples() {
    return samples;
  }

  /** Images per timing repetition. */
  public int timingImages() {
    return timingImages;
  }

  /** Timing repetitions (medians are reported). */
  public int repetitions() {
    return repetitions;
  }

  /** Steps of the pipeline-overhead IG. */
  public int igSteps() {
    return igSteps;
  }

  /** Steps of EG, WG and filtered WG. */
  public int methodSteps() {
    return methodSteps;
  }

  /** Steps of the two-stage fitness attribution. */
  public int cheapSteps() {
    return cheapSteps;
  }

  /** Image size of the memory measurement (square, 3 channels), also of the large metric-share model. */
  public int memorySize() {
    return memorySize;
  }

  /** Base width of the memory measurement's CNN, also of the large metric-share model. */
  public int memoryWidth() {
    return memoryWidth;
  }

  /** Batch size of the memory measurement. */
  public int memoryBatch() {
    return memoryBatch;
  }

  /** Attribution steps of the memory measurement. */
  public int memorySteps() {
    return memorySteps;
  }

  /** Attribution baselines of the memory measurement. */
  public int memoryBaselines() {
    return memoryBaselines;
  }

  /** The memory children's Java heap limit, MiB. */
  public int memoryHeapMib() {
    return memoryHeapMib;
  }

  /** Samples per parallel run. */
  public int parallelSamples() {
    return parallelSamples;
  }

  /** Repetitions of each parallel setting. */
  public int parallelRuns() {
    return parallelRuns;
  }

  /** Samples of each experiment the kernel census runs. */
  public int censusSamples() {
    return censusSamples;
  }

  /** The parallel settings, in the order they are run and reported (none: no parallel measure). */
  public List<Parallelism> parallelSettings() {
    return parallelSettings;
  }

  private static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException("bench plan: " + field + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** Collects a plan's settings; each setter checks its value and names it when it is out of range. */
  public static final class Builder {
    private int samples = 24;
    private int timingImages = 8;
    private int repetitions = 7;
    private int igSteps = 128;
    private int methodSteps = 64;
    private int cheapSteps = 4;
    private int memorySize = 224;
    private int memoryWidth = 8;
    private int memoryBatch = 16;
    private int memorySteps = 1000;
    private int memoryBaselines = 10;
    private int memoryHeapMib = 256;
    private int parallelSamples = 8;
    private int parallelRuns = 3;
    private int censusSamples = 1;
    private List<Parallelism> parallelSettings = List.of(new Parallelism(1, 1), new Parallelism(2, 1),
        new Parallelism(1, 2), new Parallelism(2, 2));

    private Builder() {}

    /** See {@link BenchPlan#samples()}; at least 1 (default 24). */
    public Builder samples(int value) {
      samples = atLeast("samples", value, 1);
      return this;
    }

    /** See {@link BenchPlan#timingImages()}; at least 1 (default 8). */
    public Builder timingImages(int value) {
      timingImages = atLeast("timingImages", value, 1);
      return this;
    }

    /** See {@link BenchPlan#repetitions()}; at least 1 (default 7). */
    public Builder repetitions(int value) {
      repetitions = atLeast("repetitions", value, 1);
      return this;
    }

    /** See {@link BenchPlan#igSteps()}; at least 1 (default 128). */
    public Builder igSteps(int value) {
      igSteps = atLeast("igSteps", value, 1);
      return this;
    }

    /** See {@link BenchPlan#methodSteps()}; at least 1 (default 64). */
    public Builder methodSteps(int value) {
      methodSteps = atLeast("methodSteps", value, 1);
      return this;
    }

    /** See {@link BenchPlan#cheapSteps()}; at least 1 (default 4). */
    public Builder cheapSteps(int value) {
      cheapSteps = atLeast("cheapSteps", value, 1);
      return this;
    }

    /** See {@link BenchPlan#memorySize()}; at least 4, as the CNN pools twice by 2 (default 224). */
    public Builder memorySize(int value) {
      memorySize = atLeast("memorySize", value, 4);
      return this;
    }

    /** See {@link BenchPlan#memoryWidth()}; at least 1 (default 8). */
    public Builder memoryWidth(int value) {
      memoryWidth = atLeast("memoryWidth", value, 1);
      return this;
    }

    /** See {@link BenchPlan#memoryBatch()}; at least 1 (default 16). */
    public Builder memoryBatch(int value) {
      memoryBatch = atLeast("memoryBatch", value, 1);
      return this;
    }

    /** See {@link BenchPlan#memorySteps()}; at least 1 (default 1000). */
    public Builder memorySteps(int value) {
      memorySteps = atLeast("memorySteps", value, 1);
      return this;
    }

    /** See {@link BenchPlan#memoryBaselines()}; at least 1 (default 10). */
    public Builder memoryBaselines(int value) {
      memoryBaselines = atLeast("memoryBaselines", value, 1);
      return this;
    }

    /** See {@link BenchPlan#memoryHeapMib()}; at least 16 MiB (default 256). */
    public Builder memoryHeapMib(int value) {
      memoryHeapMib = atLeast("memoryHeapMib", value, 16);
      return this;
    }

    /** See {@link BenchPlan#parallelSamples()}; at least 1 (default 8). */
    public Builder parallelSamples(int value) {
      parallelSamples = atLeast("parallelSamples", value, 1);
      return this;
    }

    /** See {@link BenchPlan#parallelRuns()}; at least 1 (default 3). */
    public Builder parallelRuns(int value) {
      parallelRuns = atLeast("parallelRuns", value, 1);
      return this;
    }

    /** See {@link BenchPlan#censusSamples()}; at least 1 (default 1). */
    public Builder censusSamples(int value) {
      censusSamples = atLeast("censusSamples", value, 1);
      return this;
    }

    /** See {@link BenchPlan#parallelSettings()}; may be empty, without nulls (default 1×1, 2×1, 1×2, 2×2). */
    public Builder parallelSettings(List<Parallelism> value) {
      Objects.requireNonNull(value, "bench plan: parallelSettings must not be null");
      if (value.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("bench plan: parallelSettings must not contain null, got " + value);
      }
      parallelSettings = List.copyOf(value);
      return this;
    }

    /** Returns the plan. */
    public BenchPlan build() {
      return new BenchPlan(this);
    }
  }
}
