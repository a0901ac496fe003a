package org.igkit.aggregators.filtered;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.igkit.aggregators.Weights;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSearch;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.engine.AttributionException;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Filtered Weighted Integrated Gradients (Tuan et al., §4 and Fig. 2): fitness weights as in
 * {@link FitnessAggregator}, then baselines of low fitness are removed and the rest renormalised.
 *
 * <p>Rules: {@code threshold} drops every w_k &lt; τ·mean(w) (τ = 0.25 by default; the baseline of
 * largest weight always survives since τ ≤ 1); {@code drop-lowest} drops the {@code drop}
 * baselines of largest D (ties: the later baseline goes first), as in the paper's Fig. 2.
 *
 * <p>Two-stage mode ({@code twoStage: true}) computes the fitness from a cheap attribution
 * ({@code cheapSteps} steps of the same rule) and integrates in full only the survivors — where
 * filtering saves compute. The final map then uses only full-integral attributions. With a nested
 * rule (Riemann left, right or trapezoid) on the straight path the engine integrates in stages, and
 * a cheap count in the rule's chain of halvings (8, 16 or 32 of a 32-step rule) is one of them: the
 * survivors' full integrals then evaluate only the nodes the cheap pass did not.
 */
public final class FilteredAggregator implements Aggregator {

  /** How baselines are removed. */
  public enum Rule {
    THRESHOLD,
    DROP_LOWEST
  }

  /**
   * @param fitness    the fitness parameters (defaults as {@link FitnessSpec})
   * @param rule       {@code threshold} (default) or {@code drop-lowest}
   * @param tau        threshold factor τ ∈ (0, 1] (default 0.25)
   * @param drop       baselines removed by {@code drop-lowest} (default 1)
   * @param twoStage   fitness from a cheap attribution, full integral for survivors only
   *                   (default false)
   * @param cheapSteps steps of the cheap attribution (default 8)
   */
  public record Spec(
      FitnessSpec fitness, String rule, Double tau, Integer drop, Boolean twoStage, Integer cheapSteps) {
    /** Fills defaults and validates. */
    public Spec {
      fitness = fitness == null ? FitnessSpec.defaults() : fitness;
      rule = Checks.kebab(Checks.option("rule", Rule.class, rule, Rule.THRESHOLD));
      tau = Checks.inOpenClosed("tau", 0, 1, tau == null ? 0.25 : tau);
      drop = Checks.atLeast("drop", 1, drop == null ? 1 : drop);
      twoStage = twoStage != null && twoStage;
      cheapSteps = Checks.atLeast("cheapSteps", 1, cheapSteps == null ? 8 : cheapSteps);
    }

    /** Returns the rule as an enum. */
    public Rule ruleMode() {
      return Checks.option("rule", Rule.class, rule, Rule.THRESHOLD);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Aggregator> TYPE =
      PluginType.of(
          Aggregator.class,
          "filtered",
          Spec.class,
          FilteredAggregator::new,
          "filtered WG: drop low-fitness baselines (threshold or drop-lowest), optionally two-stage",
          Capability.WEIGHTED);

  private final Spec spec;
  private final FitnessSearch search;

  /** Creates the aggregator. */
  public FilteredAggregator(Spec spec) {
    this.spec = spec;
    this.search = new FitnessSearch(spec.fitness());
  }

  @Override
  public AggregateResult aggregate(AggregationContext ctx) {
    int n = ctx.baselines().size();
    StepRule full = ctx.stepRule();
    StepRule first = spec.twoStage() ? full.withSteps(spec.cheapSteps()) : full;
    List<StepResult> stage1 = ctx.integrate(Weights.all(n), first);
    FitnessSearch.Result found = search.search(ctx, stage1.stream().map(StepResult::attribution).toList());
    boolean[] keep = survivors(FitnessAggregator.inverseWeights(found.d()));
    double[] w = survivorWeights(found.d(), keep);

    List<StepResult> finals;
    int skipped;
    if (spec.twoStage()) {
      int[] idx = indices(keep);
      List<StepResult> full2 = ctx.integrate(idx, full);
      finals = new ArrayList<>(n);
      for (int k = 0, j = 0; k < n; k++) {
        finals.add(keep[k] ? full2.get(j++) : null);
      }
      skipped = Weights.skipped(full2);
    } else {
      finals = stage1;
      skipped = Weights.skipped(stage1);
    }
    Map<String, Double> diag = new HashMap<>(FitnessAggregator.diagnostics(found));
    diag.put("survivors", (double) indices(keep).length);
    return new AggregateResult(
        Weights.combine(finals, w, ctx.shape().size()), w, FitnessAggregator.toDouble(found.d()), skipped, diag,
        found.curves());
  }

  /** Returns which baselines survive the rule, given their fitness weights (summing to 1). */
  boolean[] survivors(double[] w) {
    int n = w.length;
    boolean[] keep = new boolean[n];
    if (spec.ruleMode() == Rule.THRESHOLD) {
      double limit = spec.tau() / n; // τ · mean(w), and mean(w) = 1/n
      for (int k = 0; k < n; k++) {
        keep[k] = w[k] >= limit;
      }
      return keep;
    }
    if (spec.drop() >= n) {
      throw new AttributionException(
          "aggregator 'filtered': drop must be < the number of baselines (" + n + "), was " + spec.drop());
    }
    java.util.Arrays.fill(keep, true);
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    // Lowest weight first; among equal weights the later baseline first.
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Double.compare(w[a], w[b]);
      return c != 0 ? c : Integer.compare(b, a);
    });
    for (int i = 0; i < spec.drop(); i++) {
      keep[order[i]] = false;
    }
    return keep;
  }

  /** Returns 1/D renormalised over the survivors, 0 for the others. */
  static double[] survivorWeights(int[] d, boolean[] keep) {
    double[] raw = new double[d.length];
    for (int k = 0; k < d.length; k++) {
      raw[k] = keep[k] ? 1.0 / d[k] : 0;
    }
    return Weights.normalise(raw);
  }

  private static int[] indices(boolean[] keep) {
    int c = 0;
    for (boolean b : keep) {
      c += b ? 1 : 0;
    }
    int[] idx = new int[c];
    for (int k = 0, j = 0; k < keep.length; k++) {
      if (keep[k]) {
        idx[j++] = k;
      }
    }
    return idx;
  }
}
