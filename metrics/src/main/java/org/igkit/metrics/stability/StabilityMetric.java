package org.igkit.metrics.stability;

import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.metric.Reattribution;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * Stability of an attribution under its own randomness: the spread of the map over re-sampled
 * baselines and seeds — the quantity of the Weighted Integrated Gradients paper's variance claim
 * (Tuan et al., §5.4, Theorem 4: Var(WG_i) ≤ Var(EG_i) per feature i). Lower is better. A
 * deterministic method (IG from a black baseline) scores 0.
 *
 * <p>Protocol, exactly: A⁽⁰⁾ = the attribution being scored; A⁽ᵈ⁾ for d = 1…K−1 = the same
 * input, target and method re-attributed with every random draw (baselines, paths, aggregator)
 * re-seeded from the sample and d ({@link Reattribution}; the runner provides it, and methods
 * with equal baseline configuration get equal baselines at equal d). K = {@code draws} (default
 * 5). Per feature i, ā_i = mean_d A_i⁽ᵈ⁾ and s_i² = Σ_d (A_i⁽ᵈ⁾ − ā_i)² / (K − 1), in double
 * precision.
 *
 * <ul>
 *   <li>{@code measure: variance} (default) = (1/N) Σ_i s_i², the mean per-feature sample
 *       variance over the N = C·H·W features — Theorem 4's Var, averaged.
 *   <li>{@code measure: relative} = √(Σ_i s_i²) / max(√(Σ_i ā_i²), 10⁻¹²), the spread relative
 *       to the size of the mean map; free of the attribution's scale.
 * </ul>
 *
 * Costs K − 1 extra attributions per sample; no curve.
 */
public final class StabilityMetric implements Metric {

  /** How the per-feature spread is summarised. */
  public enum Measure {
    /** Mean per-feature sample variance. */
    VARIANCE,
    /** Root of the summed variances over the norm of the mean map. */
    RELATIVE
  }

  /**
   * @param draws   K, attributions compared including the scored one (default 5, at least 2)
   * @param measure {@code variance} (default) or {@code relative}
   */
  public record Spec(Integer draws, String measure) {
    /** Fills defaults and validates. */
    public Spec {
      draws = Checks.atLeast("draws", 2, draws == null ? 5 : draws);
      measure = Checks.kebab(Checks.option("measure", Measure.class, measure, Measure.VARIANCE));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "stability";

  /** The smallest norm the relative spread divides by. */
  public static final double FLOOR = 1e-12;

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          StabilityMetric::new,
          "spread of the attribution over K re-seeded re-attributions (baselines, paths): mean per-feature variance (lower is better)");

  private final int draws;
  private final Measure measure;

  /** Creates the metric from its spec. */
  public StabilityMetric(Spec spec) {
    this.draws = spec.draws();
    this.measure = Checks.option("measure", Measure.class, spec.measure(), Measure.VARIANCE);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput first = CheckedInput.of(ID, input, false);
    Reattribution again = input.reattribution();
    if (again == null) {
      throw new MetricException(
          ID + ": needs to re-run the attribution with fresh seeds, but the input carries no re-attribution; "
              + "the runner provides one, from Java use MetricInput.withReattribution(...)");
    }
    int n = first.map().length;
    double[][] maps = new double[draws][];
    maps[0] = first.map();
    for (int d = 1; d < draws; d++) {
      Attribution a = again.attribute(d);
      if (a == null) {
        throw new MetricException(ID + ": the re-attribution of draw " + d + " returned nothing");
      }
      if (!a.shape().equals(first.shape()) || a.target() != first.target()) {
        throw new MetricException(
            ID + ": the re-attribution of draw " + d + " has shape " + a.shape() + " and target " + a.target()
                + ", the scored attribution " + first.shape() + " and " + first.target());
      }
      maps[d] = CheckedInput.of(ID, new MetricInput(null, null, a, null, 1), false).map();
    }
    double sumVar = 0;
    double sumMeanSq = 0;
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (int d = 0; d < draws; d++) {
        mean += maps[d][i];
      }
      mean /= draws;
      double ss = 0;
      for (int d = 0; d < draws; d++) {
        double e = maps[d][i] - mean;
        ss += e * e;
      }
      sumVar += ss / (draws - 1);
      sumMeanSq += mean * mean;
    }
    double value = measure == Measure.VARIANCE
        ? sumVar / n
        : Math.sqrt(sumVar) / Math.max(Math.sqrt(sumMeanSq), FLOOR);
    return MetricValue.of(value);
  }
}
