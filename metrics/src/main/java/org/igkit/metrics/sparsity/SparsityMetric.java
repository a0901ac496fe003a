package org.igkit.metrics.sparsity;

import java.util.Arrays;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;

/**
 * Sparsity of an attribution as the Gini index of its magnitudes (Chalasani et al., "Concise
 * Explanations of Neural Networks using Adversarial Training", ICML 2020, after Hurley and
 * Rickard, "Comparing Measures of Sparsity", 2009). Higher is sparser (better); no model calls.
 *
 * <p>Protocol, exactly: v = |A_i| over the C·H·W features ({@code level: feature}, default) or
 * v = Σ_c |A(c, y, x)| over the H·W positions ({@code level: pixel}); sort ascending
 * v_(1) ≤ … ≤ v_(n); with ‖v‖₁ = Σ v,
 *
 * <pre>  G = 1 − 2 Σ_{k=1..n} (v_(k) / ‖v‖₁) · (n − k + ½) / n.</pre>
 *
 * G = 0 when every magnitude is equal and G = 1 − 1/n when one feature holds everything. An
 * all-zero map has no Gini index: the value is NaN (left out of summaries).
 */
public final class SparsityMetric implements Metric {

  /** Which entries the index is taken over. */
  public enum Level {
    /** Every feature (c, y, x): |A|. */
    FEATURE,
    /** Every position (y, x): Σ_c |A|. */
    PIXEL
  }

  /** @param level {@code feature} (default) or {@code pixel} */
  public record Spec(String level) {
    /** Fills defaults and validates. */
    public Spec {
      level = Checks.kebab(Checks.option("level", Level.class, level, Level.FEATURE));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null);
    }
  }

  /** The plugin id. */
  public static final String ID = "sparsity";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          SparsityMetric::new,
          "Gini index of the attribution's magnitudes (higher is sparser, better)");

  private final Level level;

  /** Creates the metric from its spec. */
  public SparsityMetric(Spec spec) {
    this.level = Checks.option("level", Level.class, spec.level(), Level.FEATURE);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput in = CheckedInput.of(ID, input, false);
    double[] v = level == Level.PIXEL
        ? MapKernels.spatialSum(in.map(), in.shape().channels(), in.shape().pixels(), true)
        : in.map().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(v[i]);
    }
    return MetricValue.of(gini(v));
  }

  /** Returns the Gini index of non-negative {@code v} (NaN when all are 0). */
  public static double gini(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    double norm = 0;
    for (double x : s) {
      norm += x;
    }
    if (!(norm > 0)) {
      return Double.NaN;
    }
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += (s[k - 1] / norm) * ((n - k + 0.5) / n);
    }
    return 1 - 2 * sum;
  }
}
