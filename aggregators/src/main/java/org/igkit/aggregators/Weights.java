package org.igkit.aggregators;

import java.util.List;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.step.StepResult;

/** Weighted combination of per-baseline attributions, shared by every aggregator. */
public final class Weights {

  private Weights() {}

  /**
   * Returns Σ_k weights[k] · results[k]. Baselines of weight 0 are skipped, and their result may be
   * {@code null} (not integrated).
   */
  public static double[] combine(List<StepResult> results, double[] weights, int size) {
    List<double[]> maps = new java.util.ArrayList<>(results.size());
    for (int k = 0; k < results.size(); k++) {
      maps.add(weights[k] != 0 ? results.get(k).attribution() : null);
    }
    return ComputeBackends.get().weightedSum(maps, weights, size);
  }

  /** Returns n equal weights 1/n. */
  public static double[] uniform(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0 / n);
    return w;
  }

  /** Returns the weights scaled to sum to 1. */
  public static double[] normalise(double[] raw) {
    double s = 0;
    for (double v : raw) {
      s += v;
    }
    if (!(s > 0)) {
      throw new IllegalStateException("weights sum to " + s + "; cannot normalise");
    }
    double[] w = new double[raw.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = raw[k] / s;
    }
    return w;
  }

  /** Returns the total of the results' skipped steps. */
  public static int skipped(List<StepResult> results) {
    int s = 0;
    for (StepResult r : results) {
      s += r.skippedSteps();
    }
    return s;
  }

  /** Returns {@code 0, 1, …, n−1}. */
  public static int[] all(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
