package org.igkit.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * A one-hidden-layer ReLU network f(x) = Σ_h v_h ReLU(W_h·x + b_h) + c, one class, and the means
 * to build a differently parameterised twin computing the same function — the pair on which
 * implementation invariance (Sundararajan et al., ICML 2017, §2) is checked.
 *
 * <p>Twin: ReLU is positively homogeneous (ReLU(s·z) = s·ReLU(z) for s &gt; 0), so permuting the
 * hidden units by P and scaling unit h by s_h — W′ = diag(s) P W, b′ = diag(s) P b,
 * v′ = v Pᵀ diag(1/s) — leaves f unchanged in exact arithmetic while every parameter changes.
 *
 * <p>Closed form: each pre-activation z_h is affine in x, hence affine in t on the straight line,
 * so IG_i = Δ_i Σ_h v_h W_hi |z_h &gt; 0| with |z &gt; 0| from {@link ActiveFraction}.
 * ReLU′(0) = 0, as in PyTorch.
 */
public final class ReluNetwork extends AnalyticModel {

  private final double[][] w;
  private final double[] b;
  private final double[] v;
  private final double c;

  /**
   * Creates the network from explicit parameters.
   *
   * @param shape  the input shape
   * @param w      hidden × inputs weights
   * @param b      hidden biases
   * @param v      output weights, one per hidden unit
   * @param c      output bias
   */
  public ReluNetwork(Shape shape, double[][] w, double[] b, double[] v, double c) {
    super(shape, 1);
    if (w.length == 0 || b.length != w.length || v.length != w.length) {
      throw new IllegalArgumentException(
          "hidden layer: " + w.length + " weight rows, " + b.length + " biases and " + v.length
              + " output weights must be equal in number and ≥ 1");
    }
    this.w = new double[w.length][];
    for (int h = 0; h < w.length; h++) {
      if (w[h].length != shape.size()) {
        throw new IllegalArgumentException(
            "w[" + h + "]: has " + w[h].length + " values, expected " + shape.size());
      }
      this.w[h] = w[h].clone();
    }
    this.b = b.clone();
    this.v = v.clone();
    this.c = c;
  }

  /**
   * Creates a network with {@code hidden} units whose weights are drawn from (−1, 1), biases
   * from (−½, ½), from {@code seed}.
   */
  public ReluNetwork(Shape shape, int hidden, long seed) {
    this(shape, randomMatrix(hidden, shape.size(), seed), randomVector(hidden, 0.5, seed, "b"),
        randomVector(hidden, 1, seed, "v"), 0.25);
  }

  /**
   * Returns the twin whose hidden unit h is this network's unit {@code permutation[h]} scaled by
   * {@code scales[h]} &gt; 0 (output weight divided by it): the same function, other parameters.
   */
  public ReluNetwork reparameterised(int[] permutation, double[] scales) {
    int n = w.length;
    if (permutation.length != n || scales.length != n) {
      throw new IllegalArgumentException(
          "permutation and scales: need " + n + " entries each, had " + permutation.length
              + " and " + scales.length);
    }
    boolean[] used = new boolean[n];
    for (int p : permutation) {
      if (p < 0 || p >= n || used[p]) {
        throw new IllegalArgumentException(
            "permutation: " + Arrays.toString(permutation) + " is not a permutation of 0.." + (n - 1));
      }
      used[p] = true;
    }
    double[][] w2 = new double[n][];
    double[] b2 = new double[n];
    double[] v2 = new double[n];
    for (int h = 0; h < n; h++) {
      double s = scales[h];
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("scales[" + h + "]: must be > 0 and finite, was " + s);
      }
      int src = permutation[h];
      w2[h] = new double[w[src].length];
      for (int i = 0; i < w2[h].length; i++) {
        w2[h][i] = s * w[src][i];
      }
      b2[h] = s * b[src];
      v2[h] = v[src] / s;
    }
    return new ReluNetwork(inputShape(), w2, b2, v2, c);
  }

  /**
   * Returns a twin with a seeded random permutation (never the identity for two or more units)
   * and scales drawn from (¼, 4).
   */
  public ReluNetwork twin(long seed) {
    int n = w.length;
    SplittableRandom g = RandomSource.of(seed).derive("twin").generator();
    int[] perm = new int[n];
    for (int h = 0; h < n; h++) {
      perm[h] = h;
    }
    for (int h = n - 1; h > 0; h--) { // Fisher–Yates
      int j = g.nextInt(h + 1);
      int t = perm[h];
      perm[h] = perm[j];
      perm[j] = t;
    }
    if (n > 1 && isIdentity(perm)) {
      for (int h = 0; h < n; h++) {
        perm[h] = (h + 1) % n;
      }
    }
    double[] s = new double[n];
    for (int h = 0; h < n; h++) {
      s[h] = Math.exp(g.nextDouble(Math.log(0.25), Math.log(4)));
    }
    return reparameterised(perm, s);
  }

  /** Returns the number of hidden units. */
  public int hidden() {
    return w.length;
  }

  /** Returns a copy of the hidden weights, hidden × inputs. */
  public double[][] hiddenWeights() {
    double[][] copy = new double[w.length][];
    for (int h = 0; h < w.length; h++) {
      copy[h] = w[h].clone();
    }
    return copy;
  }

  /** Returns a copy of the output weights. */
  public double[] outputWeights() {
    return v.clone();
  }

  /** Returns the hidden pre-activations W·x + b. */
  public double[] preActivations(double[] x) {
    double[] z = new double[w.length];
    for (int h = 0; h < w.length; h++) {
      double s = b[h];
      for (int i = 0; i < x.length; i++) {
        s += w[h][i] * x[i];
      }
      z[h] = s;
    }
    return z;
  }

  @Override
  public double[] evaluate(double[] x) {
    double[] z = preActivations(x);
    double f = c;
    for (int h = 0; h < z.length; h++) {
      f += v[h] * (z[h] > 0 ? z[h] : 0);
    }
    return new double[] {f};
  }

  @Override
  public double[] gradient(double[] x, int target) {
    checkTarget(target);
    double[] z = preActivations(x);
    double[] g = new double[x.length];
    for (int h = 0; h < z.length; h++) {
      if (z[h] > 0) {
        for (int i = 0; i < g.length; i++) {
          g[i] += v[h] * w[h][i];
        }
      }
    }
    return g;
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    checkTarget(target);
    double[] x = toDouble(inputShape().require("input", input));
    double[] xb = toDouble(inputShape().require("baseline", baseline));
    double[] zx = preActivations(x);
    double[] zb = preActivations(xb);
    double[] mean = new double[x.length];
    for (int h = 0; h < w.length; h++) {
      double a = v[h] * ActiveFraction.of(zb[h], zx[h]);
      if (a != 0) {
        for (int i = 0; i < mean.length; i++) {
          mean[i] += a * w[h][i];
        }
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] *= x[i] - xb[i];
    }
    return mean;
  }

  private static boolean isIdentity(int[] perm) {
    for (int h = 0; h < perm.length; h++) {
      if (perm[h] != h) {
        return false;
      }
    }
    return true;
  }

  private static double[][] randomMatrix(int rows, int cols, long seed) {
    SplittableRandom g = RandomSource.of(seed).derive("w").generator();
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      Arrays.setAll(row, i -> g.nextDouble(-1, 1));
    }
    return m;
  }

  private static double[] randomVector(int n, double bound, long seed, String name) {
    SplittableRandom g = RandomSource.of(seed).derive(name).generator();
    double[] a = new double[n];
    Arrays.setAll(a, i -> g.nextDouble(-bound, bound));
    return a;
  }
}
