package org.igkit.metrics.sanity;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.metric.Reattribution;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.RandomisableModel;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * Model-parameter randomisation (Adebayo et al., 2018, "Sanity checks for saliency maps", §3.1):
 * how similar the map stays when the network's weights are re-drawn. A method that explains the
 * network should change; lower is better.
 *
 * <p>Protocol, exactly: the model must be a {@link RandomisableModel} (a {@code djl-block} model;
 * TorchScript models are refused with a message). Its layers are taken from the output down,
 * ℓ₁ (last) … ℓ_L, L = all layers or the {@code layers} topmost. For k = 1 … L the model is
 * re-drawn with, for {@code order: cascading} (default), the layers ℓ₁ … ℓ_k, or for
 * {@code order: independent} the layer ℓ_k alone, all from one seed
 * {@code random.derive("model-randomisation").seed()} (the runner's metric source; seed 0's when
 * none); the same input is re-attributed for the same class by the same method with the same
 * seeds on that model; s_k = {@link Similarity} of the original map and that map. The curve is
 * (k, s_k); the value is the mean of s_k.
 *
 * <p>Costs L extra attributions per sample.
 */
public final class ModelRandomisationMetric implements Metric {

  /** Which layers are re-drawn at step k. */
  public enum Order {
    /** The k topmost layers together. */
    CASCADING,
    /** The k-th layer from the top alone. */
    INDEPENDENT
  }

  /**
   * @param order      {@code cascading} (default) or {@code independent}
   * @param similarity {@code spearman} (default) or {@code ssim}
   * @param absolute   compare Σ_c |A_c| (default true) or Σ_c A_c
   * @param layers     how many layers from the top to re-draw (default: all)
   */
  public record Spec(String order, String similarity, Boolean absolute, Integer layers) {
    /** Fills defaults and validates. */
    public Spec {
      order = Checks.kebab(Checks.option("order", Order.class, order, Order.CASCADING));
      similarity = Checks.kebab(Checks.option("similarity", Similarity.class, similarity, Similarity.SPEARMAN));
      absolute = absolute == null || absolute;
      if (layers != null) {
        Checks.atLeast("layers", 1, layers);
      }
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "model-randomisation";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE = PluginType.of(Metric.class, ID, Spec.class,
      ModelRandomisationMetric::new,
      "sanity check: similarity of the map to the maps of the model with its layers re-drawn from the top,"
          + " cascading or one at a time (Spearman or SSIM; lower is better; djl-block models)");

  private final Spec spec;
  private final Order order;
  private final Similarity similarity;

  /** Creates the metric from its spec. */
  public ModelRandomisationMetric(Spec spec) {
    this.spec = spec;
    this.order = Checks.option("order", Order.class, spec.order(), Order.CASCADING);
    this.similarity = Checks.option("similarity", Similarity.class, spec.similarity(), Similarity.SPEARMAN);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    CheckedInput first = CheckedInput.of(ID, input, true);
    if (!(input.model() instanceof RandomisableModel model)) {
      throw new MetricException(ID + ": needs a model whose parameters can be re-drawn (format djl-block); "
          + input.model().getClass().getSimpleName() + " cannot (a TorchScript model's layers are not accessible)");
    }
    Reattribution again = SanityInput.reattribution(ID, input);
    List<String> top = new ArrayList<>(model.layers());
    java.util.Collections.reverse(top);
    if (top.isEmpty()) {
      throw new MetricException(ID + ": the model lists no layers to re-draw (a TorchScript model's parameters are"
          + " not accessible through igkit; use format djl-block)");
    }
    int count = spec.layers() == null ? top.size() : Math.min(spec.layers(), top.size());
    long seed = (input.random() == null ? RandomSource.of(0) : input.random()).derive(ID).seed();
    float[] original = input.attribution().values();
    double[] x = new double[count];
    double[] y = new double[count];
    double sum = 0;
    for (int k = 1; k <= count; k++) {
      List<String> redrawn = order == Order.CASCADING ? top.subList(0, k) : List.of(top.get(k - 1));
      Attribution a;
      try (ModelFunction randomised = model.withRandomised(List.copyOf(redrawn), seed)) {
        a = SanityInput.attribute(ID, again, randomised, first.target(), first);
      } catch (MetricException e) {
        throw e;
      } catch (Exception e) {
        throw new MetricException(ID + ": re-drawing layers " + redrawn + " failed: " + e.getMessage());
      }
      x[k - 1] = k;
      y[k - 1] = similarity.of(original, a.values(), first.shape(), spec.absolute());
      sum += y[k - 1];
    }
    return new MetricValue(sum / count, x, y);
  }
}
