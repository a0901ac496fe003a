package org.igkit.metrics.sanity;

import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.Reattribution;
import org.igkit.api.model.ModelFunction;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/** Re-attribution on another model or class, checked, for the sanity metrics. */
final class SanityInput {

  private SanityInput() {}

  /** Returns the input's re-attribution, or throws naming the metric when it has none. */
  static Reattribution reattribution(String metric, MetricInput input) {
    Reattribution again = input.reattribution();
    if (again == null) {
      throw new MetricException(metric + ": needs to re-attribute the input, but the input carries no re-attribution;"
          + " the runner provides one, from Java use MetricInput.withReattribution(...)");
    }
    return again;
  }

  /** Re-attributes with {@code model} for {@code target} and checks the map's shape and values. */
  static Attribution attribute(String metric, Reattribution again, ModelFunction model, int target, CheckedInput first) {
    Attribution a;
    try {
      a = again.attribute(model, target);
    } catch (UnsupportedOperationException e) {
      throw new MetricException(metric + ": " + e.getMessage());
    }
    if (a == null || !a.shape().equals(first.shape())) {
      throw new MetricException(metric + ": the re-attribution "
          + (a == null ? "returned nothing" : "has shape " + a.shape() + ", the scored map " + first.shape()));
    }
    CheckedInput.of(metric, new MetricInput(null, null, a, null, 1), false); // finite values
    return a;
  }
}
