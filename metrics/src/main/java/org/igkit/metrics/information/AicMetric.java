package org.igkit.metrics.information;

import java.util.List;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;

/**
 * Accuracy Information Curve (Kapishnikov et al., XRAI, ICCV 2019; IDGI paper §4.4–4.5): the
 * model's accuracy on bokeh images as a function of their information level. A data-set metric.
 * Higher is better.
 *
 * <p>Protocol: the bokeh images, information levels, interpolation at B bin centres and
 * per-sample value exactly as {@link SicMetric} (same spec, same defaults), with
 * y_j = 1 when the class the model ranks highest on bokeh image j (argmax of the explained
 * outputs, the lower class index on ties) is the attribution's target c, else 0. The runner
 * explains the predicted class by default, so y = 1 at L = 1. Data set ({@link #aggregate}): at
 * every bin centre the mean over the scored samples of their interpolated y; AIC = the mean of
 * the B means (area under the mean-accuracy curve, midpoint rule).
 */
public final class AicMetric implements DatasetMetric {

  /** The plugin id. */
  public static final String ID = "aic";

  /** The plugin registration; the spec is {@link SicMetric.Spec}. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          SicMetric.Spec.class,
          AicMetric::new,
          "accuracy information curve: mean 1[argmax f(bokeh) = c] per information-level bin over the data set, area (higher is better; data-set metric)");

  private final BokehProtocol protocol;

  /** Creates the metric from its spec (the same parameters as {@code sic}). */
  public AicMetric(SicMetric.Spec spec) {
    this.protocol = spec.protocol(ID);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    BokehProtocol.Points p = protocol.points(input);
    if (p == null) {
      return BokehProtocol.unscored();
    }
    int target = input.attribution().target();
    double[] y = new double[p.predicted().length];
    for (int j = 0; j < y.length; j++) {
      y[j] = p.predicted()[j] == target ? 1 : 0;
    }
    return protocol.sampleValue(p.levels(), y);
  }

  @Override
  public DatasetValue aggregate(List<MetricValue> perSample) {
    return protocol.aggregate(perSample, false);
  }
}
