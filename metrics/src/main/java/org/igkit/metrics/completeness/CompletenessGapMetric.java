package org.igkit.metrics.completeness;

import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * How far an attribution is from completeness (Sundararajan et al., "Axiomatic Attribution for
 * Deep Networks", ICML 2017, §3): Σ A should equal f(x) − Σ_k w_k f(x'_k), which the attribution
 * reports as {@link Attribution#expectedSum()}. Lower is better; no model calls.
 *
 * <p>Protocol: S = Σ_i A_i accumulated in double precision, E = {@link Attribution#expectedSum()}.
 * {@code mode: relative} (default) gives |S − E| / max(|E|, 10⁻¹²); {@code mode: absolute} gives
 * |S − E|. The relative gap is large whenever E is near 0 (input and baselines scored alike);
 * read it together with the absolute one there.
 */
public final class CompletenessGapMetric implements Metric {

  /** How the gap is normalised. */
  public enum Mode {
    /** |S − E| / max(|E|, 10⁻¹²). */
    RELATIVE,
    /** |S − E|. */
    ABSOLUTE
  }

  /** @param mode {@code relative} (default) or {@code absolute} */
  public record Spec(String mode) {
    /** Fills defaults and validates. */
    public Spec {
      mode = Checks.kebab(Checks.option("mode", Mode.class, mode, Mode.RELATIVE));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null);
    }
  }

  /** The plugin id. */
  public static final String ID = "completeness-gap";

  /** The smallest |E| the relative gap divides by. */
  public static final double FLOOR = 1e-12;

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          CompletenessGapMetric::new,
          "|ΣA − (f(x) − Σ w_k f(x'_k))|, relative to the expected sum by default (lower is better)");

  private final Mode mode;

  /** Creates the metric from its spec. */
  public CompletenessGapMetric(Spec spec) {
    this.mode = Checks.option("mode", Mode.class, spec.mode(), Mode.RELATIVE);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput in = CheckedInput.of(ID, input, false);
    double sum = 0;
    for (double v : in.map()) {
      sum += v;
    }
    double expected = input.attribution().expectedSum();
    if (!Double.isFinite(expected)) {
      throw new MetricException(
          ID + ": the expected sum f(x) − Σ w_k f(x'_k) is " + expected + " (input score "
              + input.attribution().inputScore() + ", weights " + java.util.Arrays.toString(input.attribution().weights())
              + ", start scores " + java.util.Arrays.toString(input.attribution().startScores()) + ")");
    }
    double gap = Math.abs(sum - expected);
    return MetricValue.of(mode == Mode.ABSOLUTE ? gap : gap / Math.max(Math.abs(expected), FLOOR));
  }
}
