package org.igkit.aggregators.random;

import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.aggregators.Weights;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * A random attribution map, independent of the model: the reference row of a comparison, showing
 * where a metric sits at chance (the "random" baseline explanation of Adebayo et al., 2018, and of
 * Hooker et al., 2019's ROAR).
 *
 * <p>Exactly: A[j] for j = 0 … C·H·W−1 in order is {@code g.nextGaussian()} ({@code normal}, the
 * default: N(0, 1)) or {@code 2·g.nextDouble() − 1} ({@code uniform}: U[−1, 1)), g =
 * {@code ctx.random().derive("random-map").generator()} — the aggregator's source, which the
 * engine derives from the (sample, method) seed. No path is integrated: the method computes no
 * gradient (model calls for gradients: 0); only the engine's own forward pass over the input and
 * the path starts, which every method makes, remains. Weights are uniform over the baselines.
 */
public final class RandomAggregator implements Aggregator {

  /** Which distribution the map is drawn from. */
  public enum Distribution {
    /** Standard normal. */
    NORMAL,
    /** Uniform on [−1, 1). */
    UNIFORM
  }

  /** @param distribution {@code normal} (default) or {@code uniform} */
  public record Spec(String distribution) {
    /** Fills defaults and validates. */
    public Spec {
      distribution = Checks.kebab(Checks.option("distribution", Distribution.class, distribution, Distribution.NORMAL));
    }
  }

  /** The plugin registration. */
  public static final PluginType<Aggregator> TYPE = PluginType.of(Aggregator.class, "random", Spec.class,
      RandomAggregator::new,
      "a seeded random map (normal or uniform), independent of the model: the chance reference")
      .withModelCalls("0 gradients (the path is never integrated)");

  private final Distribution distribution;

  /** Creates the aggregator from its spec. */
  public RandomAggregator(Spec spec) {
    this.distribution = Checks.option("distribution", Distribution.class, spec.distribution(), Distribution.NORMAL);
  }

  @Override
  public AggregateResult aggregate(AggregationContext ctx) {
    SplittableRandom g = ctx.random().derive("random-map").generator();
    double[] map = new double[ctx.shape().size()];
    for (int j = 0; j < map.length; j++) {
      map[j] = distribution == Distribution.NORMAL ? g.nextGaussian() : 2 * g.nextDouble() - 1;
    }
    return new AggregateResult(map, Weights.uniform(ctx.baselines().size()), null, 0, Map.of());
  }
}
