package org.igkit.api.engine;

import java.util.Objects;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;

/**
 * A named composition of the four plugin roles. "EG" is uniform weights over sampled baselines on
 * a straight path; "WG" the same with fitness weights; "IG+IDGI" one black baseline, a straight
 * path and the IDGI step rule.
 *
 * @param name       the method's name in results
 * @param baselines  where the paths start
 * @param path       the path family
 * @param stepRule   the quadrature
 * @param aggregator how per-baseline attributions combine
 */
public record AttributionMethod(
    String name, BaselineSampler baselines, Path path, StepRule stepRule, Aggregator aggregator) {

  /** Checks that every role is present. */
  public AttributionMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baselines, "baselines");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(stepRule, "stepRule");
    Objects.requireNonNull(aggregator, "aggregator");
  }
}
