package org.igkit.api.compute;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * A {@link ComputeBackend} that runs every operation on another and counts, per operation: the
 * calls, the elements processed and the CPU time of the calling thread inside the call. What it
 * counts is what really ran, by construction: every call of the process's kernels goes through
 * the backend ({@link ComputeBackends#get()}), so with this one {@linkplain ComputeBackends#install
 * installed} a run's census of kernels is complete. The numbers are those of the wrapped backend;
 * {@link #order} goes through this backend's {@link #spatialSum} and {@link #rankDescending}, so
 * both are counted.
 *
 * <p>Elements, per operation: the values read by {@code spatialSum}, {@code rankDescending},
 * {@code ranks}, {@code trapezoids}, {@code sortByX}, {@code columnMeans}, {@code columnMedians} and
 * {@code nearestNeighbours} (the distance matrix); the values written by {@code masks},
 * {@code composites}, {@code rankedComposites} and {@code interpolate}; map entries × maps of
 * non-zero weight for {@code weightedSum}; n²·dim multiply-adds for
 * {@code pairwiseSquaredDistances}. CPU time is that of the calling thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so work a kernel hands to other threads (the
 * Java backend's pairwise distances of large point clouds) is not in it. Safe for use by several
 * threads.
 */
public final class CountingComputeBackend implements ComputeBackend {

  /** The operations counted, named as their methods, in the order of {@link ComputeBackend}. */
  public static final List<String> OPERATIONS = List.of("spatialSum", "rankDescending", "ranks", "masks",
      "composites", "rankedComposites", "trapezoids", "sortByX", "interpolate", "columnMeans", "columnMedians",
      "weightedSum", "pairwiseSquaredDistances", "nearestNeighbours");

  /**
   * What one operation did.
   *
   * @param calls    calls made
   * @param elements elements processed (see the class description)
   * @param cpuNanos CPU time of the calling threads inside the calls, nanoseconds
   */
  public record Count(long calls, long elements, long cpuNanos) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ComputeBackend delegate;
  private final boolean asOffloading;
  private final AtomicLongArray calls = new AtomicLongArray(OPERATIONS.size());
  private final AtomicLongArray elements = new AtomicLongArray(OPERATIONS.size());
  private final AtomicLongArray nanos = new AtomicLongArray(OPERATIONS.size());

  /**
   * Counts the operations run on {@code delegate}.
   *
   * @throws IllegalStateException when this JVM cannot measure a thread's CPU time
   */
  public CountingComputeBackend(ComputeBackend delegate) {
    this(delegate, false);
  }

  /**
   * Counts the operations run on {@code delegate}; with {@code asOffloading}, {@link #offloads()}
   * says true, so that callers with a host-only loop take the batched kernels an offloading backend
   * receives (the perturbation curves' composites) — what a device would be given — while the
   * kernels still run on {@code delegate}. The numbers are the same either way (see
   * {@link ComputeBackend#offloads()}).
   *
   * @throws IllegalStateException when this JVM cannot measure a thread's CPU time
   */
  public CountingComputeBackend(ComputeBackend delegate, boolean asOffloading) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.asOffloading = asOffloading;
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("counting compute backend: this JVM cannot measure a thread's CPU time");
    }
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
  }

  /** Returns the backend the operations run on. */
  public ComputeBackend delegate() {
    return delegate;
  }

  /** Returns the CPU time of the calling thread so far, nanoseconds: the clock of {@link Count#cpuNanos()}. */
  public static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Returns the counts of every operation called at least once, in the order of {@link #OPERATIONS}. */
  public Map<String, Count> counts() {
    Map<String, Count> out = new LinkedHashMap<>();
    for (int i = 0; i < OPERATIONS.size(); i++) {
      long c = calls.get(i);
      if (c > 0) {
        out.put(OPERATIONS.get(i), new Count(c, elements.get(i), nanos.get(i)));
      }
    }
    return out;
  }

  /** Sets every count to zero. */
  public void reset() {
    for (int i = 0; i < OPERATIONS.size(); i++) {
      calls.set(i, 0);
      elements.set(i, 0);
      nanos.set(i, 0);
    }
  }

  private <T> T count(int op, long n, Supplier<T> call) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    try {
      return call.get();
    } finally {
      nanos.addAndGet(op, THREADS.getCurrentThreadCpuTime() - t0);
      calls.incrementAndGet(op);
      elements.addAndGet(op, n);
    }
  }

  private void countVoid(int op, long n, Runnable call) {
    count(op, n, () -> {
      call.run();
      return null;
    });
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean offloads() {
    return asOffloading || delegate.offloads();
  }

  @Override
  public Map<String, Long> fallbacks() {
    return delegate.fallbacks();
  }

  @Override
  public double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    return count(0, map.length, () -> delegate.spatialSum(map, channels, pixels, absolute));
  }

  @Override
  public int[] rankDescending(double[] values) {
    return count(1, values.length, () -> delegate.rankDescending(values));
  }

  @Override
  public int[] ranks(int[] order) {
    return count(2, order.length, () -> delegate.ranks(order));
  }

  @Override
  public float[] masks(int[] rank, int[] counts) {
    return count(3, (long) counts.length * rank.length, () -> delegate.masks(rank, counts));
  }

  @Override
  public void composites(
      float[] base, float[] donor, int channels, int[] rank, int[] counts, int first, int m, float[] out) {
    countVoid(4, (long) m * channels * rank.length,
        () -> delegate.composites(base, donor, channels, rank, counts, first, m, out));
  }

  @Override
  public void rankedComposites(
      float[] base, float[] donor, int channels, int pixels, int[] ranks, int[] rows, int[] counts, int m,
      float[] out) {
    countVoid(5, (long) m * channels * pixels,
        () -> delegate.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, out));
  }

  @Override
  public double[] trapezoids(double[] x, double[] y, int curves) {
    return count(6, y.length, () -> delegate.trapezoids(x, y, curves));
  }

  @Override
  public void sortByX(double[] xs, double[] ys, int curves, int n) {
    countVoid(7, xs.length, () -> delegate.sortByX(xs, ys, curves, n));
  }

  @Override
  public double[] interpolate(double[] xs, double[] ys, int curves, int n, double[] at) {
    return count(8, (long) curves * at.length, () -> delegate.interpolate(xs, ys, curves, n, at));
  }

  @Override
  public double[] columnMeans(double[] v, int rows, int cols) {
    return count(9, v.length, () -> delegate.columnMeans(v, rows, cols));
  }

  @Override
  public double[] columnMedians(double[] v, int rows, int cols) {
    return count(10, v.length, () -> delegate.columnMedians(v, rows, cols));
  }

  @Override
  public double[] weightedSum(List<double[]> maps, double[] weights, int size) {
    long used = 0;
    for (double w : weights) {
      if (w != 0) {
        used++;
      }
    }
    return count(11, used * size, () -> delegate.weightedSum(maps, weights, size));
  }

  @Override
  public double[] pairwiseSquaredDistances(float[] points, int n, int dim) {
    return count(12, (long) n * n * dim, () -> delegate.pairwiseSquaredDistances(points, n, dim));
  }

  @Override
  public int[] nearestNeighbours(double[] distances, int n, int k) {
    return count(13, distances.length, () -> delegate.nearestNeighbours(distances, n, k));
  }
}
