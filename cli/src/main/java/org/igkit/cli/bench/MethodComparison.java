package org.igkit.cli.bench;

import java.util.ArrayList;
import java.util.List;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.runner.run.CompositeBaselineSampler;

/**
 * EG, WG and two-stage filtered WG on the same baselines (the WG paper's six, {@code wg-paper},
 * when the data set has training images) and steps, with their maps of every sample. WG's fitness
 * uses the logarithmic {@code search: fast} at the width chosen for the device ({@link #FITNESS}):
 * the bench measures its cost and round bound; the exact scan's cost is D_α masked images per
 * baseline, whatever the bench would time.
 *
 * @param eg           EG ({@code uniform})
 * @param wg           WG ({@code fitness})
 * @param filtered     {@code filtered}: drop-lowest half the baselines, two-stage with {@link BenchPlan#cheapSteps()}
 * @param baselines    the baselines, in words
 * @param count        how many baselines
 * @param drop         how many of them filtering drops
 * @param egMaps       EG's map of each sample
 * @param wgMaps       WG's map of each sample
 * @param filteredMaps filtered WG's map of each sample
 */
record MethodComparison(AttributionMethod eg, AttributionMethod wg, AttributionMethod filtered, String baselines,
    int count, int drop, List<Attribution> egMaps, List<Attribution> wgMaps, List<Attribution> filteredMaps) {

  /** WG's fitness parameters here: the defaults with {@code search: fast}. */
  static final FitnessSpec FITNESS = FitnessSpec.defaults().withSearch("fast");

  /** Makes the three methods and attributes every sample of {@code context} with each. */
  static MethodComparison attribute(BenchPlan plan, BenchContext context) {
    BenchSamples s = context.samples();
    PluginRegistry registry = context.registry();
    BaselineSampler baselines;
    String name;
    if (!s.references.isEmpty()) {
      baselines = registry.create(BaselineSampler.class, "wg-paper", null);
      name = "wg-paper: black, a training image, 2 noise images, white, gray";
    } else {
      baselines = new CompositeBaselineSampler(List.of(
          registry.create(BaselineSampler.class, "black", null),
          registry.create(BaselineSampler.class, "white", null),
          registry.create(BaselineSampler.class, "gray", null),
          registry.create(BaselineSampler.class, "uniform-noise",
              new org.igkit.aggregators.baseline.UniformNoiseBaselineSampler.Spec(3, null, null))));
      name = "black, white, gray, 3 noise images";
    }
    int count = 6;
    int drop = count / 2;
    RiemannStepRule rule = new RiemannStepRule(plan.methodSteps(), RiemannStepRule.Variant.MIDPOINT);
    Aggregator filtering = registry.create(Aggregator.class, "filtered",
        new FilteredAggregator.Spec(FITNESS, "drop-lowest", null, drop, true, plan.cheapSteps()));
    AttributionMethod eg = new AttributionMethod("EG", baselines, context.straight(), rule, context.uniform());
    AttributionMethod wg = new AttributionMethod("WG", baselines, context.straight(), rule,
        registry.create(Aggregator.class, "fitness", FITNESS));
    AttributionMethod filtered = new AttributionMethod("filtered-WG", baselines, context.straight(), rule, filtering);

    context.progress("EG, WG and two-stage filtered WG on " + s.size() + " samples ...");
    List<Attribution> egMaps = new ArrayList<>();
    List<Attribution> wgMaps = new ArrayList<>();
    List<Attribution> filteredMaps = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      egMaps.add(s.attribute(s.model, eg, i));
      wgMaps.add(s.attribute(s.model, wg, i));
      filteredMaps.add(s.attribute(s.model, filtered, i));
    }
    return new MethodComparison(eg, wg, filtered, name, count, drop, List.copyOf(egMaps), List.copyOf(wgMaps),
        List.copyOf(filteredMaps));
  }
}
