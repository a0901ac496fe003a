package org.igkit.metrics;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.metrics.completeness.CompletenessGapMetric;
import org.igkit.metrics.localisation.OverlapAucMetric;
import org.igkit.metrics.perturbation.DeletionAucMetric;
import org.igkit.metrics.perturbation.InsertionAucMetric;

/** Registers igkit's metrics. */
public final class MetricsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), DeletionAucMetric.TYPE);
    Plugins.register(binder(), InsertionAucMetric.TYPE);
    Plugins.register(binder(), CompletenessGapMetric.TYPE);
    Plugins.register(binder(), OverlapAucMetric.TYPE);
  }
}
