package org.igkit.paths.geodesic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.random.RandomSource;

/**
 * Minimises the discrete geodesic energy of the metric G + λI (G = ∇f∇fᵀ) over the interior
 * vertices p_1 … p_{m−1} of a polyline with fixed ends p_0 = x' and p_m = x:
 *
 * <pre>
 *   E = Σ_j (f(p_{j+1}) − f(p_j))² / F²  +  λ Σ_j ‖p_{j+1} − p_j‖² / ‖x − x'‖²,   F = max(|Δf|, 1e-6)
 *   ∂E/∂p_j = (2/F²)·[(f_j − f_{j−1}) − (f_{j+1} − f_j)]·∇f(p_j) + (2λ/‖x − x'‖²)·(2p_j − p_{j−1} − p_{j+1})
 * </pre>
 *
 * (j = 0 … m−1 in the sums). The gradient is first order: it needs f and ∇f at the path's points,
 * which one forward and backward pass over the m − 1 interior points gives, in batches of at most
 * {@code batchSize} points; the score of the batch's last point's successor arrives with the next
 * batch, so that point's gradient waits one batch.
 *
 * <p><b>Optimiser.</b> Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) with a step of {@code learningRate}·RMS(x −
 * x') per coordinate, made monotone: a proposed step whose energy is not below the current one
 * is rejected and retried from the current vertices with half the step (the step stays halved,
 * like the reference's learning-rate reduction on plateaus). Every evaluation (one pass over the
 * interior points) counts as an iteration. The optimisation stops after {@code iterations}
 * evaluations, when an accepted step lowers the energy by less than {@code tolerance} relative to
 * it, or when the step has been halved 20 times. Accepted energies therefore decrease strictly.
 *
 * <p><b>Memory.</b> Four float arrays of (m − 1)·n (the vertices, Adam's two moments and ∂E at the
 * vertices), one batch of points and gradients, and m + 1 scores: O(m·n + batch·n), independent
 * of the number of iterations. Trial vertices are never stored: they are recomputed from the
 * vertices and moments when needed, with the same arithmetic, so an accepted trial becomes the
 * vertices bit for bit.
 *
 * <p><b>Determinism.</b> Every per-point quantity is computed from that point and its neighbours
 * alone, in a fixed order, so for a model that answers each point independently of its batch the
 * result does not depend on {@code batchSize} at all (bit for bit).
 */
final class EnergyOptimiser {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  private static final double MIN_SCALE = 1e-6;
  private static final int MAX_HALVINGS = 20;

  /**
   * The optimised path.
   *
   * @param vertices    p_0 = x' (the caller's baseline values), p_1 … p_{m−1}, p_m = x
   * @param energies    E at the start and after every accepted step, strictly decreasing
   * @param evaluations passes over the interior points (forward + backward), rejected ones included
   */
  record Result(List<float[]> vertices, double[] energies, int evaluations) {}

  private final ModelFunction model;
  private final int target;
  private final int segments;
  private final int iterations;
  private final double learningRate;
  private final double lambda;
  private final double tolerance;
  private final int batchSize;
  private final Double valueMin;
  private final Double valueMax;

  EnergyOptimiser(
      ModelFunction model,
      int target,
      int segments,
      int iterations,
      double learningRate,
      double lambda,
      double tolerance,
      int batchSize,
      Double valueMin,
      Double valueMax) {
    this.model = model;
    this.target = target;
    this.segments = segments;
    this.iterations = iterations;
    this.learningRate = learningRate;
    this.lambda = lambda;
    this.tolerance = tolerance;
    this.batchSize = batchSize;
    this.valueMin = valueMin;
    this.valueMax = valueMax;
  }

  /**
   * Optimises the path from {@code baseline} to {@code input}, starting from the straight line
   * with interior points moved by Gaussian noise of standard deviation {@code noise}·RMS(x − x')
   * per coordinate drawn from {@code random}.
   */
  Result optimise(float[] input, float[] baseline, double noise, RandomSource random) {
    return new Run(input, baseline, noise, random).optimise();
  }

  /** The state of one optimisation. */
  private final class Run {
    private final float[] input;
    private final float[] baseline;
    private final int n;
    private final int interior;
    private final float[][] vertices;
    private final float[][] first;
    private final float[][] second;
    private final float[][] gradient;
    private final double[] scores;
    private final double distance2;
    private final double rms;
    private double scale2; // F²
    private int adamSteps;
    private double step;

    Run(float[] input, float[] baseline, double noise, RandomSource random) {
      this.input = input;
      this.baseline = baseline;
      this.n = input.length;
      this.interior = segments - 1;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = (double) input[i] - baseline[i];
        ss += d * d;
      }
      this.distance2 = ss;
      this.rms = Math.sqrt(ss / n);
      this.vertices = new float[interior][];
      this.first = new float[interior][];
      this.second = new float[interior][];
      this.gradient = new float[interior][];
      this.scores = new double[segments + 1];
      SplittableRandom g = random.generator();
      double sd = noise * rms;
      for (int j = 1; j <= interior; j++) {
        double a = (double) j / segments;
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
          double v = baseline[i] + a * ((double) input[i] - baseline[i]);
          if (sd > 0) {
            v += sd * gaussian(g);
          }
          p[i] = (float) clamp(v);
        }
        vertices[j - 1] = p;
        first[j - 1] = new float[n];
        second[j - 1] = new float[n];
        gradient[j - 1] = new float[n];
      }
    }

    Result optimise() {
      if (interior == 0 || distance2 == 0) {
        return new Result(vertices(), new double[] {0}, 0);
      }
      float[] ends = model.scores(List.of(baseline, input), new int[] {target, target});
      scores[0] = ends[0];
      scores[segments] = ends[1];
      double change = Math.abs(scores[segments] - scores[0]);
      scale2 = Math.pow(Math.max(change, 1e-6), 2);
      double initial = learningRate * rms;
      step = initial;
      int evaluations = 1;
      double energy = evaluate(false);
      double[] trace = new double[Math.max(1, iterations)];
      int accepted = 0;
      trace[accepted++] = energy;
      boolean moved = true;
      while (evaluations < iterations && step >= initial * Math.pow(0.5, MAX_HALVINGS)) {
        if (moved) {
          updateMoments();
        }
        double trial = evaluate(true);
        evaluations++;
        if (trial < energy) {
          accept();
          double relative = (energy - trial) / energy;
          energy = trial;
          trace[accepted++] = energy;
          moved = true;
          if (relative < tolerance) {
            break;
          }
        } else {
          step /= 2;
          moved = false;
        }
      }
      return new Result(vertices(), Arrays.copyOf(trace, accepted), evaluations);
    }

    /** Adam: folds ∂E at the vertices into the moments. */
    private void updateMoments() {
      adamSteps++;
      for (int j = 0; j < interior; j++) {
        float[] m1 = first[j];
        float[] m2 = second[j];
        float[] g = gradient[j];
        for (int i = 0; i < n; i++) {
          m1[i] = (float) (BETA1 * m1[i] + (1 - BETA1) * g[i]);
          m2[i] = (float) (BETA2 * m2[i] + (1 - BETA2) * (double) g[i] * g[i]);
        }
      }
    }

    /** Writes interior vertex {@code j} (0-based) of the trial path, or the current one, into out. */
    private void point(int j, boolean trial, float[] out) {
      float[] p = vertices[j];
      if (!trial) {
        System.arraycopy(p, 0, out, 0, n);
        return;
      }
      float[] m1 = first[j];
      float[] m2 = second[j];
      double c1 = 1 - Math.pow(BETA1, adamSteps);
      double c2 = 1 - Math.pow(BETA2, adamSteps);
      for (int i = 0; i < n; i++) {
        double direction = (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + EPSILON);
        out[i] = (float) clamp(p[i] - step * direction);
      }
    }

    /** Moves the vertices to the trial path (the same arithmetic as {@link #point}). */
    private void accept() {
      float[] scratch = new float[n];
      for (int j = 0; j < interior; j++) {
        point(j, true, scratch);
        System.arraycopy(scratch, 0, vertices[j], 0, n);
      }
    }

    /**
     * One forward and backward pass over the interior points (trial or current): fills the scores
     * and ∂E at each point into {@link #gradient}, and returns E.
     */
    private double evaluate(boolean trial) {
      // positions are held for the batch, its predecessor and one point past it (the Euclidean term)
      float[] previous = baseline;
      float[] pending = null; // gradient of the last point of the previous batch
      float[] pendingPoint = null;
      float[] pendingBefore = null;
      int pendingIndex = -1;
      double energy = 0;
      double euclid = 0;
      for (int start = 0; start < interior; start += batchSize) {
        int size = Math.min(batchSize, interior - start);
        List<float[]> batch = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
          float[] p = new float[n];
          point(start + b, trial, p);
          batch.add(p);
        }
        int[] targets = new int[size];
        Arrays.fill(targets, target);
        ScoresAndGradients sg = model.scoresAndGradients(batch, targets);
        for (int b = 0; b < size; b++) {
          scores[start + b + 1] = sg.scores()[b];
        }
        if (pending != null) {
          finish(pendingIndex, pendingBefore, pendingPoint, batch.get(0), pending);
        }
        for (int b = 0; b < size; b++) {
          int j = start + b;
          float[] before = b == 0 ? previous : batch.get(b - 1);
          euclid += squaredDistance(before, batch.get(b));
          if (b + 1 < size) {
            finish(j, before, batch.get(b), batch.get(b + 1), sg.gradients().get(b));
          } else {
            pending = sg.gradients().get(b);
            pendingPoint = batch.get(b);
            pendingBefore = before;
            pendingIndex = j;
          }
        }
        previous = batch.get(size - 1);
      }
      finish(pendingIndex, pendingBefore, pendingPoint, input, pending);
      euclid += squaredDistance(previous, input);
      for (int j = 0; j < segments; j++) {
        double d = scores[j + 1] - scores[j];
        energy += d * d;
      }
      return energy / scale2 + lambda * euclid / distance2;
    }

    /** ∂E at interior vertex j (0-based; path index j + 1) from its neighbours and ∇f there. */
    private void finish(int j, float[] before, float[] p, float[] after, float[] g) {
      double fPrev = scores[j];
      double f = scores[j + 1];
      double fNext = scores[j + 2];
      double a = 2 / scale2 * ((f - fPrev) - (fNext - f));
      double b = 2 * lambda / distance2;
      float[] out = gradient[j];
      for (int i = 0; i < n; i++) {
        out[i] = (float) (a * g[i] + b * (2.0 * p[i] - before[i] - after[i]));
      }
    }

    private double clamp(double v) {
      if (valueMin != null) {
        v = Math.max(valueMin, v);
      }
      if (valueMax != null) {
        v = Math.min(valueMax, v);
      }
      return v;
    }

    private List<float[]> vertices() {
      List<float[]> out = new ArrayList<>(segments + 1);
      out.add(baseline);
      for (float[] p : vertices) {
        out.add(p);
      }
      out.add(input);
      return out;
    }
  }

  private static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** A standard normal draw by Box–Muller, as {@link NodeCloud} draws its noise. */
  private static double gaussian(SplittableRandom g) {
    double u = 1.0 - g.nextDouble();
    double v = g.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
