package org.igkit.api.compute;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs the kernels as plain Java on the calling thread, except the pairwise distances of large
 * point clouds, whose blocks of rows go to the common fork-join pool — each entry is computed by
 * the same loop either way, so the numbers do not depend on the split. The reference for every
 * other {@link ComputeBackend}, and the default.
 */
public class JavaComputeBackend implements ComputeBackend {

  /** Multiply-adds below which the distance matrix is computed on one thread. */
  static final long PARALLEL_DISTANCE_WORK = 1L << 22;

  /** Creates the backend; it holds no state. */
  public JavaComputeBackend() {}

  @Override
  public String name() {
    return "java";
  }

  @Override
  public double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    ComputeChecks.map(map, channels, pixels);
    return MapKernels.spatialSum(map, channels, pixels, absolute);
  }

  @Override
  public int[] rankDescending(double[] values) {
    return MapKernels.rankDescending(values);
  }

  @Override
  public int[] ranks(int[] order) {
    ComputeChecks.permutation(order);
    return MaskKernels.ranks(order);
  }

  @Override
  public float[] masks(int[] rank, int[] counts) {
    ComputeChecks.counts(counts, rank.length);
    float[] out = new float[counts.length * rank.length];
    MaskKernels.masks(rank, counts, out);
    return out;
  }

  @Override
  public void composites(
      float[] base, float[] donor, int channels, int[] rank, int[] counts, int first, int m, float[] out) {
    ComputeChecks.composites(base, donor, channels, rank.length, counts.length, first, m, out);
    MaskKernels.composites(base, donor, channels, rank, counts, first, m, out);
  }

  @Override
  public void rankedComposites(
      float[] base, float[] donor, int channels, int pixels, int[] ranks, int[] rows, int[] counts, int m,
      float[] out) {
    ComputeChecks.composites(base, donor, channels, pixels, m, 0, m, out);
    ComputeChecks.rankRows(ranks, pixels, rows, counts, m);
    MaskKernels.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, out);
  }

  @Override
  public double[] trapezoids(double[] x, double[] y, int curves) {
    ComputeChecks.matrix(y, curves, x.length);
    double[] out = new double[curves];
    CurveKernels.trapezoids(x, y, curves, out);
    return out;
  }

  @Override
  public void sortByX(double[] xs, double[] ys, int curves, int n) {
    ComputeChecks.curves(xs, ys, curves, n);
    CurveKernels.sortByX(xs, ys, curves, n);
  }

  @Override
  public double[] interpolate(double[] xs, double[] ys, int curves, int n, double[] at) {
    ComputeChecks.curves(xs, ys, curves, n);
    if (n < 1 && curves > 0 && at.length > 0) {
      throw new IllegalArgumentException("curves: need at least 1 point each to interpolate, have 0");
    }
    double[] out = new double[curves * at.length];
    CurveKernels.interpolate(xs, ys, curves, n, at, out);
    return out;
  }

  @Override
  public double[] columnMeans(double[] v, int rows, int cols) {
    ComputeChecks.matrix(v, rows, cols);
    double[] out = new double[cols];
    CurveKernels.columnMeans(v, rows, cols, out);
    return out;
  }

  @Override
  public double[] columnMedians(double[] v, int rows, int cols) {
    ComputeChecks.matrix(v, rows, cols);
    double[] out = new double[cols];
    CurveKernels.columnMedians(v, rows, cols, out);
    return out;
  }

  @Override
  public double[] weightedSum(List<double[]> maps, double[] weights, int size) {
    ComputeChecks.weighted(maps, weights, size);
    double[] sum = new double[size];
    for (int k = 0; k < weights.length; k++) {
      if (weights[k] != 0) {
        MapKernels.addScaled(sum, weights[k], maps.get(k));
      }
    }
    return sum;
  }

  @Override
  public double[] pairwiseSquaredDistances(float[] points, int n, int dim) {
    ComputeChecks.points(points, n, dim);
    double[] out = new double[n * n];
    int threads = Runtime.getRuntime().availableProcessors();
    if ((long) n * n * dim < PARALLEL_DISTANCE_WORK || threads < 2 || n < 2) {
      DistanceKernels.pairwiseSquaredDistances(points, n, dim, 0, n, out);
      return out;
    }
    int block = Math.max(1, n / (4 * threads));
    IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
      int first = b * block;
      DistanceKernels.pairwiseSquaredDistances(points, n, dim, first, Math.min(block, n - first), out);
    });
    return out;
  }

  @Override
  public int[] nearestNeighbours(double[] distances, int n, int k) {
    return DistanceKernels.nearestNeighbours(distances, n, k);
  }
}
