package org.igkit.aggregators;

import org.igkit.aggregators.baseline.BlurBaselineSampler;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.aggregators.baseline.DatasetBaselineSampler;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.baseline.WgPaperBaselineSampler;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;

/** Registers igkit's aggregators and baseline samplers. */
public final class AggregatorsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), UniformAggregator.TYPE);
    Plugins.register(binder(), FitnessAggregator.TYPE);
    Plugins.register(binder(), FilteredAggregator.TYPE);
    Plugins.register(binder(), org.igkit.aggregators.random.RandomAggregator.TYPE);
    Plugins.register(binder(), ConstantBaselineSampler.BLACK);
    Plugins.register(binder(), ConstantBaselineSampler.WHITE);
    Plugins.register(binder(), ConstantBaselineSampler.GRAY);
    Plugins.register(binder(), UniformNoiseBaselineSampler.TYPE);
    Plugins.register(binder(), BlurBaselineSampler.TYPE);
    Plugins.register(binder(), DatasetBaselineSampler.TYPE);
    Plugins.register(binder(), WgPaperBaselineSampler.TYPE);
  }
}
