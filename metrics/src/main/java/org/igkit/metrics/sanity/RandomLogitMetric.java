package org.igkit.metrics.sanity;

import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * The random-logit test (Sixt et al., 2020, "When explanations lie: why many modified BP
 * attributions fail"; Quantus's {@code RandomLogit}): explain a randomly chosen other class and
 * compare with the explanation of the target. A class-sensitive method gives dissimilar maps;
 * lower is better.
 *
 * <p>Protocol, exactly: with K classes and target c, draw j = {@code g.nextInt(K − 1)} from
 * g = {@code random.derive("random-logit").generator()} (the runner's metric source; seed 0's
 * when none) and take c' = j when j &lt; c, else j + 1; re-attribute the same input with the
 * same model, method and seeds for class c'; the value is the {@link Similarity} of the two maps.
 * Costs one extra attribution per sample; no curve.
 */
public final class RandomLogitMetric implements Metric {

  /**
   * @param similarity {@code spearman} (default) or {@code ssim}
   * @param absolute   compare Σ_c |A_c| (default true) or Σ_c A_c
   */
  public record Spec(String similarity, Boolean absolute) {
    /** Fills defaults and validates. */
    public Spec {
      similarity = Checks.kebab(Checks.option("similarity", Similarity.class, similarity, Similarity.SPEARMAN));
      absolute = absolute == null || absolute;
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "random-logit";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE = PluginType.of(Metric.class, ID, Spec.class, RandomLogitMetric::new,
      "sanity check: similarity of the map to the map of a random other class (Spearman or SSIM; lower is better)");

  private final Spec spec;
  private final Similarity similarity;

  /** Creates the metric from its spec. */
  public RandomLogitMetric(Spec spec) {
    this.spec = spec;
    this.similarity = Checks.option("similarity", Similarity.class, spec.similarity(), Similarity.SPEARMAN);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  /** Returns the other class drawn for target {@code c} of {@code classes}, as the class comment says. */
  public static int otherClass(RandomSource random, int c, int classes) {
    int j = (random == null ? RandomSource.of(0) : random).derive(ID).generator().nextInt(classes - 1);
    return j < c ? j : j + 1;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput first = CheckedInput.of(ID, input, true);
    int classes = input.model().numClasses();
    if (classes < 2) {
      throw new MetricException(ID + ": needs a model with at least 2 classes, this one has " + classes);
    }
    int other = otherClass(input.random(), first.target(), classes);
    Attribution a = SanityInput.attribute(ID, SanityInput.reattribution(ID, input), input.model(), other, first);
    return MetricValue.of(similarity.of(input.attribution().values(), a.values(), first.shape(), spec.absolute()));
  }
}
