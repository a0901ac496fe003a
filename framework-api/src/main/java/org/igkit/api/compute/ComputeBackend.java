package org.igkit.api.compute;

import java.util.List;
import java.util.Map;

/**
 * Where the Java-side kernels of igkit run: ranking attribution maps, building perturbation and
 * bokeh images for many fractions at once, curve areas and aggregates, weighted sums of maps over
 * baselines, the candidates of the D_α search, pairwise distances and nearest neighbours for the
 * geodesic kNN graph.
 *
 * <p>The law every backend keeps: each operation gives the numbers of its kernel run as plain Java
 * ({@link JavaComputeBackend}). Integer and selection outputs (orders, ranks, neighbours, masks,
 * composites) are equal bit for bit; sums of products may differ in the last bits where a device
 * compiler fuses a multiply and an add (OpenCL C contracts {@code a·b + c} by default). Arguments
 * are checked by {@link ComputeChecks} before any kernel runs, with the same messages in every
 * backend. {@link ComputeBackends#get()} picks the backend of the process.
 */
public interface ComputeBackend {

  /** Returns a short description, such as {@code java} or {@code tornado: <device>}. */
  String name();

  /**
   * Returns whether the kernels run off the host (a GPU, an OpenCL device). Callers that have a
   * cheaper incremental loop for the host (building each perturbation image from the one before)
   * use it only when this is false, and the batched kernels otherwise; both give the same images.
   */
  default boolean offloads() {
    return false;
  }

  /**
   * Returns, per operation (named as its method here, e.g. {@code rankDescending}), how many calls
   * this backend could not run where it runs that operation and ran as plain Java instead — a device
   * compiler's bailout, for example — since it was created. Empty for a backend that never falls
   * back (the default); callers compare two readings to count the fallbacks of a run.
   */
  default Map<String, Long> fallbacks() {
    return Map.of();
  }

  /**
   * Sums a C×H×W map over channels ({@link MapKernels#spatialSum(double[], int, int, int, double[])}),
   * of absolute values when {@code absolute}.
   */
  double[] spatialSum(double[] map, int channels, int pixels, boolean absolute);

  /** Orders positions by descending value, ties by lower index ({@link MapKernels#rankDescending}). */
  int[] rankDescending(double[] values);

  /**
   * Returns the H·W positions of a C×H×W map, most important first: {@link #rankDescending} of
   * {@link #spatialSum}.
   */
  default int[] order(double[] map, int channels, int pixels, boolean absolute) {
    return rankDescending(spatialSum(map, channels, pixels, absolute));
  }

  /** Inverts a ranking: {@code rank[order[r]] = r} ({@link MaskKernels#ranks(int[], int[])}). */
  int[] ranks(int[] order);

  /** Returns the 0/1 masks of the top {@code counts[i]} positions ({@link MaskKernels#masks}). */
  float[] masks(int[] rank, int[] counts);

  /**
   * Builds m images with their top positions taken from a donor ({@link MaskKernels#composites}):
   * image i uses {@code counts[first + i]} and goes to {@code out[i·C·P …]}.
   */
  void composites(float[] base, float[] donor, int channels, int[] rank, int[] counts, int first, int m, float[] out);

  /**
   * Builds m images, image i from ranking row {@code rows[i]} with {@code counts[i]} positions
   * taken from the donor ({@link MaskKernels#rankedComposites}).
   */
  void rankedComposites(
      float[] base, float[] donor, int channels, int pixels, int[] ranks, int[] rows, int[] counts, int m,
      float[] out);

  /** Returns the trapezoid areas of curves sharing the abscissae {@code x} ({@link CurveKernels#trapezoids}). */
  double[] trapezoids(double[] x, double[] y, int curves);

  /** Sorts each curve's points by x in place, stably ({@link CurveKernels#sortByX}). */
  void sortByX(double[] xs, double[] ys, int curves, int n);

  /**
   * Evaluates curves sorted by x at shared abscissae: a curves×q matrix, row-major
   * ({@link CurveKernels#interpolate}).
   */
  double[] interpolate(double[] xs, double[] ys, int curves, int n, double[] at);

  /** Returns the column means of a rows×cols matrix ({@link CurveKernels#columnMeans}). */
  double[] columnMeans(double[] v, int rows, int cols);

  /** Returns the column medians of a rows×cols matrix ({@link CurveKernels#columnMedians}). */
  double[] columnMedians(double[] v, int rows, int cols);

  /**
   * Returns Σ_k weights[k] · maps[k] over the maps of non-zero weight, added in order from 0
   * ({@link MapKernels#weightedSum}); a map of weight 0 is skipped and may be {@code null}.
   */
  double[] weightedSum(List<double[]> maps, double[] weights, int size);

  /** Returns the n×n squared Euclidean distances ({@link DistanceKernels#pairwiseSquaredDistances}). */
  double[] pairwiseSquaredDistances(float[] points, int n, int dim);

  /** Returns the k nearest neighbours of every point, n×k ({@link DistanceKernels#nearestNeighbours}). */
  int[] nearestNeighbours(double[] distances, int n, int k);
}
