package org.igkit.metrics.ncc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.engine.PathRecord;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * Total variation of the explained output along the path — the path's length under the
 * model-induced metric G = ∇f∇fᵀ (Salek &amp; Enguehard, arXiv 2502.12108), at least |Δf| and equal
 * to it on a geodesic. Lower is better. Two ids:
 *
 * <ul>
 *   <li>{@code path-variation}: Σ_k w_k TV_k over the method's own paths, from the scores the
 *       engine recorded; no model calls.
 *   <li>{@code straight-variation}: the same for the straight segments γ_k(0) → x, evaluated at
 *       α_j = j/M, j = 0…M, with M = {@code steps} or, by default, each path's own number of
 *       segments (so the two read side by side); the end scores are the path's, so it costs
 *       Σ_k (M_k − 1) forward points over the baselines of positive weight, in batches of at most
 *       {@code batchSize}.
 * </ul>
 */
public final class PathVariationMetric implements Metric {

  /** No parameters. */
  public record Spec() {}

  /** @param steps segments M of each straight line (default: the recorded path's) */
  public record StraightSpec(Integer steps) {
    /** Validates. */
    public StraightSpec {
      if (steps != null) {
        Checks.atLeast("steps", 1, steps);
      }
    }
  }

  /** The plugin id of the method's paths. */
  public static final String ID = "path-variation";
  /** The plugin id of the straight lines. */
  public static final String STRAIGHT_ID = "straight-variation";

  /** The method's paths. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(Metric.class, ID, Spec.class, s -> new PathVariationMetric(false, null),
          "Σ_j|f(p_{j+1}) − f(p_j)| along the method's path, weighted over baselines (lower is better; ≥ |Δf|)");
  /** The straight lines. */
  public static final PluginType<Metric> STRAIGHT_TYPE =
      PluginType.of(Metric.class, STRAIGHT_ID, StraightSpec.class, s -> new PathVariationMetric(true, s.steps()),
          "Σ_j|f(p_{j+1}) − f(p_j)| along the straight line from each path start to x (extra forward passes)");

  private final boolean straight;
  private final Integer steps;

  /** Creates the metric for the method's paths or for straight lines of {@code steps} segments. */
  public PathVariationMetric(boolean straight, Integer steps) {
    this.straight = straight;
    this.steps = steps;
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = straight ? STRAIGHT_ID : ID;
    CheckedInput in = CheckedInput.of(id, input, straight);
    PathRecords r = PathRecords.of(id, input.attribution());
    if (!straight) {
      return MetricValue.of(r.sum(PathRecord::variation));
    }
    double total = 0;
    for (PathRecord p : r.records()) {
      total += r.weight(p) * straightVariation(in, p);
    }
    return MetricValue.of(total);
  }

  /** Returns TV along the straight line from {@code p}'s start to x. */
  private double straightVariation(CheckedInput in, PathRecord p) {
    int m = steps != null ? steps : Math.max(1, p.scores().length - 1);
    float[] s = p.start();
    float[] x = in.image();
    if (s == null || s.length != x.length) {
      throw new MetricException(
          in.metric() + ": the path start of baseline " + p.baseline() + " has "
              + (s == null ? "no" : s.length) + " values, expected " + x.length);
    }
    double[] f = new double[m + 1];
    f[0] = p.scores()[0];
    f[m] = p.scores()[p.scores().length - 1];
    int b = in.batchSize();
    for (int first = 1; first < m; first += b) {
      int count = Math.min(b, m - first);
      List<float[]> batch = new ArrayList<>(count);
      for (int j = first; j < first + count; j++) {
        double alpha = (double) j / m;
        float[] point = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          point[i] = (float) (s[i] + alpha * ((double) x[i] - s[i]));
        }
        batch.add(point);
      }
      int[] targets = new int[count];
      Arrays.fill(targets, in.target());
      float[] scores = in.model().scores(batch, targets);
      if (scores == null || scores.length != count) {
        throw new MetricException(
            in.metric() + ": the model answered " + (scores == null ? "no" : scores.length)
                + " scores for a batch of " + count);
      }
      for (int j = 0; j < count; j++) {
        if (!Float.isFinite(scores[j])) {
          throw new MetricException(
              in.metric() + ": the model's score of class " + in.target() + " is " + scores[j]
                  + " at α = " + (double) (first + j) / m + " on the straight line from baseline " + p.baseline());
        }
        f[first + j] = scores[j];
      }
    }
    double tv = 0;
    for (int j = 0; j < m; j++) {
      tv += Math.abs(f[j + 1] - f[j]);
    }
    return tv;
  }
}
