package org.igkit.tornado;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.igkit.api.compute.ComputeBackend;
import org.igkit.api.compute.ComputeChecks;
import org.igkit.api.compute.JavaComputeBackend;
import org.igkit.tornado.kernels.CurveKernels;
import org.igkit.tornado.kernels.DistanceKernels;
import org.igkit.tornado.kernels.MapKernels;
import org.igkit.tornado.kernels.MaskKernels;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Runs igkit's kernels through TornadoVM (Fumero et al., VEE 2019) on the default device of its
 * first backend — an NVIDIA GPU through PTX or OpenCL, any OpenCL device. The kernels are those of
 * framework-api, compiled again with TornadoVM's {@code @Parallel}; one execution plan is cached
 * per kernel and problem shape, so a kernel is compiled for the device once (seconds) and then
 * only launched.
 *
 * <p>Offloaded: channel sums, rank inversion, top-k masks, composites for many fractions and for
 * the D_α search, curve areas, interpolation and column means, weighted sums of maps, pairwise
 * distances. On the host, as in {@link JavaComputeBackend}: the ranking sort (a sort is not a
 * parallel loop), column medians, nearest neighbours (TornadoVM 5.2 miscompiles their insertion
 * loop on OpenCL devices, and PoCL rejects the selection loop that would replace it), and every
 * empty problem. Arguments are checked
 * before anything reaches the device. Selections are equal to the Java backend's bit for bit; sums
 * of products may differ in their last bits where the device compiler fuses multiply-adds.
 *
 * <p>Bailouts are never silent. TornadoVM's own recovery from a bailout (a kernel it cannot compile
 * for the device) runs the kernel as sequential Java inside TornadoVM and reports nothing; this
 * backend turns it off ({@value #RECOVER_BAILOUT} {@code = False}, which igkit's launcher passes and
 * the constructor sets when it is not set) so that a bailout throws, catches it, runs that call on
 * the Java kernel instead and counts it in {@link #fallbacks()}: the run's {@code provenance.json}
 * then names the kernels that ran as Java and how often. A kernel and shape that bailed out once go
 * straight to Java afterwards (still counted). When recovery was switched on explicitly, the
 * backend's {@link #name()} says that bailouts go unreported.
 *
 * <p>{@link org.igkit.api.compute.ComputeBackends} creates it through {@link TornadoComputeBackendProvider}
 * (found by ServiceLoader) when the JVM runs with TornadoVM's flags; its constructor fails when
 * TornadoVM sees no device.
 */
public final class TornadoComputeBackend extends JavaComputeBackend {

  private final TornadoDevice device;
  private final String name;
  /**
   * Held while a plan is looked up, filled, launched and read: one launch on the device at a time.
   * The kernels are short, and TornadoVM's drivers have had races between plans launched from
   * several threads at once; parallel workers only queue here.
   */
  private final Object deviceLock = new Object();
  /** The cached plans, least recently used first; guarded by {@link #deviceLock}. */
  private final LinkedHashMap<String, Plan> plans = new LinkedHashMap<>(16, 0.75f, true);
  private final int maxPlans;
  /** The kernels and shapes that bailed out, and the calls run as Java since. */
  private final Bailouts bailouts = new Bailouts();

  /** TornadoVM's switch for recovering from a bailout by running the task graph as sequential Java. */
  static final String RECOVER_BAILOUT = "tornado.recover.bailout";

  private static final System.Logger LOG = System.getLogger(TornadoComputeBackend.class.getName());

  /**
   * Connects to TornadoVM's default device.
   *
   * @throws IllegalStateException when TornadoVM has no backend or no device
   */
  public TornadoComputeBackend() {
    this(DEFAULT_MAX_PLANS);
  }

  /** The plans kept at most: kernels × shapes in use at once, with room to spare. */
  static final int DEFAULT_MAX_PLANS = 64;

  /**
   * Connects to TornadoVM's default device, keeping at most {@code maxPlans} compiled plans (the
   * least recently used is closed and recompiled when needed again).
   */
  TornadoComputeBackend(int maxPlans) {
    if (maxPlans < 1) {
      throw new IllegalArgumentException("maxPlans: must be ≥ 1, was " + maxPlans);
    }
    this.maxPlans = maxPlans;
    // before TornadoVM reads its options: a bailout must throw, so that it is caught and counted here
    boolean silentRecovery = System.getProperty(RECOVER_BAILOUT) != null
        && Boolean.parseBoolean(System.getProperty(RECOVER_BAILOUT));
    if (System.getProperty(RECOVER_BAILOUT) == null) {
      System.setProperty(RECOVER_BAILOUT, "False");
    }
    TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
    if (runtime.getNumBackends() < 1) {
      throw new IllegalStateException("TornadoVM has no backend (is the SDK built with opencl or ptx?)");
    }
    TornadoBackend backend = runtime.getBackend(0);
    if (backend.getNumDevices() < 1) {
      throw new IllegalStateException("TornadoVM backend " + backend.getName() + " sees no device (run: tornado --devices)");
    }
    this.device = backend.getDefaultDevice();
    this.name = "tornado: " + backend.getBackendType() + " " + device.getPhysicalDevice().getDeviceName()
        + (silentRecovery ? " (" + RECOVER_BAILOUT + "=true: bailouts run as Java unreported)" : "");
  }

  /**
   * Returns, per operation, the calls that bailed out of TornadoVM and ran on the Java kernel
   * instead, since this backend was created; operations in name order.
   */
  @Override
  public Map<String, Long> fallbacks() {
    return bailouts.counts();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean offloads() {
    return true;
  }

  /**
   * Runs {@code use} on the plan of {@code key} — built by {@code build} on its first use — while
   * holding the launch lock; a plan pushed out of the cache by it is closed, freeing its device
   * memory, under the same lock, so no caller can still be using it.
   */
  private <T> T launch(String key, Supplier<Plan> build, Function<Plan, T> use, Supplier<T> java) {
    return bailouts.run(deviceLock, key, () -> {
      Plan p = plans.get(key);
      if (p == null) {
        p = build.get();
        plans.put(key, p);
        while (plans.size() > maxPlans) {
          Iterator<Map.Entry<String, Plan>> eldest = plans.entrySet().iterator();
          Plan evicted = eldest.next().getValue();
          eldest.remove();
          evicted.close();
        }
      }
      return use.apply(p);
    }, e -> {
      Plan failed = plans.remove(key);
      if (failed != null) {
        failed.closeQuietly();
      }
      LOG.log(System.Logger.Level.WARNING, "compute backend {0}: kernel {1} bailed out of TornadoVM; it runs as"
          + " plain Java for this shape from now on ({2})", name, key, Bailouts.plain(e.getMessage()));
    }, java);
  }

  private void launchVoid(String key, Supplier<Plan> build, Consumer<Plan> use, Runnable java) {
    launch(key, build, p -> {
      use.accept(p);
      return null;
    }, () -> {
      java.run();
      return null;
    });
  }

  /** Returns how many plans are cached (at most the bound given at construction). */
  int cachedPlans() {
    synchronized (deviceLock) {
      return plans.size();
    }
  }

  private static String key(String kernel, long... shape) {
    StringBuilder b = new StringBuilder(kernel);
    for (long s : shape) {
      b.append(':').append(s);
    }
    return b.toString();
  }

  @Override
  public double[] spatialSum(double[] map, int channels, int pixels, boolean absolute) {
    ComputeChecks.map(map, channels, pixels);
    if (channels == 0 || pixels == 0) {
      return super.spatialSum(map, channels, pixels, absolute);
    }
    int abs = absolute ? 1 : 0;
    return launch(key("spatialSum", channels, pixels, abs), () -> {
      double[] in = new double[channels * pixels];
      double[] out = new double[pixels];
      return Plan.of(device, new Object[] {in}, new Object[] {out},
          g -> g.task("t", MapKernels::spatialSum, in, channels, pixels, abs, out), in, out);
    }, p -> {
      System.arraycopy(map, 0, p.array(0), 0, map.length);
      p.execute();
      return p.<double[]>array(1).clone();
    }, () -> super.spatialSum(map, channels, pixels, absolute));
  }

  @Override
  public int[] ranks(int[] order) {
    ComputeChecks.permutation(order);
    int n = order.length;
    if (n == 0) {
      return super.ranks(order);
    }
    return launch(key("ranks", n), () -> {
      int[] in = new int[n];
      int[] out = new int[n];
      return Plan.of(device, new Object[] {in}, new Object[] {out}, g -> g.task("t", MaskKernels::ranks, in, out), in, out);
    }, p -> {
      System.arraycopy(order, 0, p.array(0), 0, n);
      p.execute();
      return p.<int[]>array(1).clone();
    }, () -> super.ranks(order));
  }

  @Override
  public float[] masks(int[] rank, int[] counts) {
    ComputeChecks.counts(counts, rank.length);
    int pixels = rank.length;
    int m = counts.length;
    if (pixels == 0 || m == 0) {
      return super.masks(rank, counts);
    }
    return launch(key("masks", pixels, m), () -> {
      int[] r = new int[pixels];
      int[] c = new int[m];
      float[] out = new float[m * pixels];
      return Plan.of(device, new Object[] {r, c}, new Object[] {out}, g -> g.task("t", MaskKernels::masks, r, c, out), r, c, out);
    }, p -> {
      System.arraycopy(rank, 0, p.array(0), 0, pixels);
      System.arraycopy(counts, 0, p.array(1), 0, m);
      p.execute();
      return p.<float[]>array(2).clone();
    }, () -> super.masks(rank, counts));
  }

  @Override
  public void composites(
      float[] base, float[] donor, int channels, int[] rank, int[] counts, int first, int m, float[] out) {
    int pixels = rank.length;
    ComputeChecks.composites(base, donor, channels, pixels, counts.length, first, m, out);
    int size = channels * pixels;
    if (size == 0 || m == 0) {
      super.composites(base, donor, channels, rank, counts, first, m, out);
      return;
    }
    // The counts of this batch are copied to the start of the plan's own array: one plan per
    // (C, P, m), whatever the batch's position in the curve.
    launchVoid(key("composites", channels, pixels, m), () -> {
      float[] b = new float[size];
      float[] d = new float[size];
      int[] r = new int[pixels];
      int[] c = new int[m];
      float[] o = new float[m * size];
      return Plan.of(device, new Object[] {b, d, r, c}, new Object[] {o},
          g -> g.task("t", MaskKernels::composites, b, d, channels, r, c, 0, m, o), b, d, r, c, o);
    }, p -> {
      System.arraycopy(base, 0, p.array(0), 0, size);
      System.arraycopy(donor, 0, p.array(1), 0, size);
      System.arraycopy(rank, 0, p.array(2), 0, pixels);
      System.arraycopy(counts, first, p.array(3), 0, m);
      p.execute();
      System.arraycopy(p.array(4), 0, out, 0, m * size);
    }, () -> super.composites(base, donor, channels, rank, counts, first, m, out));
  }

  @Override
  public void rankedComposites(
      float[] base, float[] donor, int channels, int pixels, int[] ranks, int[] rows, int[] counts, int m,
      float[] out) {
    ComputeChecks.composites(base, donor, channels, pixels, m, 0, m, out);
    ComputeChecks.rankRows(ranks, pixels, rows, counts, m);
    int size = channels * pixels;
    if (size == 0 || m == 0) {
      super.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, out);
      return;
    }
    int rankLength = ranks.length;
    launchVoid(key("rankedComposites", channels, pixels, rankLength, m), () -> {
      float[] b = new float[size];
      float[] d = new float[size];
      int[] r = new int[rankLength];
      int[] w = new int[m];
      int[] c = new int[m];
      float[] o = new float[m * size];
      return Plan.of(device, new Object[] {b, d, r, w, c}, new Object[] {o},
          g -> g.task("t", MaskKernels::rankedComposites, b, d, channels, pixels, r, w, c, m, o), b, d, r, w, c, o);
    }, p -> {
      System.arraycopy(base, 0, p.array(0), 0, size);
      System.arraycopy(donor, 0, p.array(1), 0, size);
      System.arraycopy(ranks, 0, p.array(2), 0, rankLength);
      System.arraycopy(rows, 0, p.array(3), 0, m);
      System.arraycopy(counts, 0, p.array(4), 0, m);
      p.execute();
      System.arraycopy(p.array(5), 0, out, 0, m * size);
    }, () -> super.rankedComposites(base, donor, channels, pixels, ranks, rows, counts, m, out));
  }

  @Override
  public double[] trapezoids(double[] x, double[] y, int curves) {
    ComputeChecks.matrix(y, curves, x.length);
    int n = x.length;
    if (curves == 0 || n == 0) {
      return super.trapezoids(x, y, curves);
    }
    return launch(key("trapezoids", n, curves), () -> {
      double[] xs = new double[n];
      double[] ys = new double[curves * n];
      double[] out = new double[curves];
      return Plan.of(device, new Object[] {xs, ys}, new Object[] {out},
          g -> g.task("t", CurveKernels::trapezoids, xs, ys, curves, out), xs, ys, out);
    }, p -> {
      System.arraycopy(x, 0, p.array(0), 0, n);
      System.arraycopy(y, 0, p.array(1), 0, y.length);
      p.execute();
      return p.<double[]>array(2).clone();
    }, () -> super.trapezoids(x, y, curves));
  }

  @Override
  public void sortByX(double[] xs, double[] ys, int curves, int n) {
    ComputeChecks.curves(xs, ys, curves, n);
    if (curves == 0 || n == 0) {
      return;
    }
    launchVoid(key("sortByX", curves, n), () -> {
      double[] px = new double[curves * n];
      double[] py = new double[curves * n];
      return Plan.of(device, new Object[] {px, py}, new Object[] {px, py},
          g -> g.task("t", CurveKernels::sortByX, px, py, curves, n), px, py);
    }, p -> {
      System.arraycopy(xs, 0, p.array(0), 0, xs.length);
      System.arraycopy(ys, 0, p.array(1), 0, ys.length);
      p.execute();
      System.arraycopy(p.array(0), 0, xs, 0, xs.length);
      System.arraycopy(p.array(1), 0, ys, 0, ys.length);
    }, () -> super.sortByX(xs, ys, curves, n));
  }

  @Override
  public double[] interpolate(double[] xs, double[] ys, int curves, int n, double[] at) {
    ComputeChecks.curves(xs, ys, curves, n);
    int q = at.length;
    if (curves == 0 || n == 0 || q == 0) {
      return super.interpolate(xs, ys, curves, n, at);
    }
    return launch(key("interpolate", curves, n, q), () -> {
      double[] px = new double[curves * n];
      double[] py = new double[curves * n];
      double[] a = new double[q];
      double[] out = new double[curves * q];
      return Plan.of(device, new Object[] {px, py, a}, new Object[] {out},
          g -> g.task("t", CurveKernels::interpolate, px, py, curves, n, a, out), px, py, a, out);
    }, p -> {
      System.arraycopy(xs, 0, p.array(0), 0, xs.length);
      System.arraycopy(ys, 0, p.array(1), 0, ys.length);
      System.arraycopy(at, 0, p.array(2), 0, q);
      p.execute();
      return p.<double[]>array(3).clone();
    }, () -> super.interpolate(xs, ys, curves, n, at));
  }

  @Override
  public double[] columnMeans(double[] v, int rows, int cols) {
    ComputeChecks.matrix(v, rows, cols);
    if (rows == 0 || cols == 0) {
      return super.columnMeans(v, rows, cols);
    }
    return launch(key("columnMeans", rows, cols), () -> {
      double[] in = new double[rows * cols];
      double[] out = new double[cols];
      return Plan.of(device, new Object[] {in}, new Object[] {out},
          g -> g.task("t", CurveKernels::columnMeans, in, rows, cols, out), in, out);
    }, p -> {
      System.arraycopy(v, 0, p.array(0), 0, v.length);
      p.execute();
      return p.<double[]>array(1).clone();
    }, () -> super.columnMeans(v, rows, cols));
  }

  @Override
  public double[] weightedSum(List<double[]> maps, double[] weights, int size) {
    ComputeChecks.weighted(maps, weights, size);
    List<double[]> used = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) {
      if (weights[k] != 0) {
        used.add(maps.get(k));
        w.add(weights[k]);
      }
    }
    int count = used.size();
    if (count == 0 || size == 0) {
      return super.weightedSum(maps, weights, size);
    }
    return launch(key("weightedSum", count, size), () -> {
      double[] packed = new double[count * size];
      double[] ws = new double[count];
      double[] out = new double[size];
      return Plan.of(device, new Object[] {packed, ws}, new Object[] {out},
          g -> g.task("t", MapKernels::weightedSum, packed, ws, count, size, out), packed, ws, out);
    }, p -> {
      double[] packed = p.array(0);
      double[] ws = p.array(1);
      for (int k = 0; k < count; k++) {
        System.arraycopy(used.get(k), 0, packed, k * size, size);
        ws[k] = w.get(k);
      }
      p.execute();
      return p.<double[]>array(2).clone();
    }, () -> super.weightedSum(maps, weights, size));
  }

  @Override
  public double[] pairwiseSquaredDistances(float[] points, int n, int dim) {
    ComputeChecks.points(points, n, dim);
    if (n == 0) {
      return new double[0];
    }
    return launch(key("pairwiseSquaredDistances", n, dim), () -> {
      float[] in = new float[n * dim];
      double[] out = new double[n * n];
      return Plan.of(device, new Object[] {in}, new Object[] {out},
          g -> g.task("t", DistanceKernels::pairwiseSquaredDistances, in, n, dim, 0, n, out), in, out);
    }, p -> {
      System.arraycopy(points, 0, p.array(0), 0, points.length);
      p.execute();
      return p.<double[]>array(1).clone();
    }, () -> super.pairwiseSquaredDistances(points, n, dim));
  }
}
