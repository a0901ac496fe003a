package org.igkit.metrics;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.metrics.completeness.CompletenessGapMetric;
import org.igkit.metrics.diffid.DiffIdMetric;
import org.igkit.metrics.information.AicMetric;
import org.igkit.metrics.information.SicMetric;
import org.igkit.metrics.localisation.LocalizationMetric;
import org.igkit.metrics.localisation.OverlapAucMetric;
import org.igkit.metrics.ncc.NccMetric;
import org.igkit.metrics.ncc.PathVariationMetric;
import org.igkit.metrics.perturbation.DeletionAucMetric;
import org.igkit.metrics.perturbation.InsertionAucMetric;
import org.igkit.metrics.perturbation.TopKMaskingMetric;
import org.igkit.metrics.road.RoadMetric;
import org.igkit.metrics.sparsity.SparsityMetric;
import org.igkit.metrics.stability.StabilityMetric;

/** Registers igkit's metrics and the map post-processes (XRAI). */
public final class MetricsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), DeletionAucMetric.TYPE);
    Plugins.register(binder(), InsertionAucMetric.TYPE);
    Plugins.register(binder(), CompletenessGapMetric.TYPE);
    Plugins.register(binder(), OverlapAucMetric.TYPE);
    Plugins.register(binder(), SicMetric.TYPE);
    Plugins.register(binder(), AicMetric.TYPE);
    Plugins.register(binder(), LocalizationMetric.TYPE);
    Plugins.register(binder(), LocalizationMetric.F1_TYPE);
    Plugins.register(binder(), LocalizationMetric.MAE_TYPE);
    Plugins.register(binder(), SparsityMetric.TYPE);
    Plugins.register(binder(), StabilityMetric.TYPE);
    Plugins.register(binder(), NccMetric.PATH_TYPE);
    Plugins.register(binder(), NccMetric.FEATURE_TYPE);
    Plugins.register(binder(), NccMetric.WITHIN_TYPE);
    Plugins.register(binder(), NccMetric.STEP_TYPE);
    Plugins.register(binder(), PathVariationMetric.TYPE);
    Plugins.register(binder(), PathVariationMetric.STRAIGHT_TYPE);
    Plugins.register(binder(), TopKMaskingMetric.COMPREHENSIVENESS_TYPE);
    Plugins.register(binder(), TopKMaskingMetric.SUFFICIENCY_TYPE);
    Plugins.register(binder(), TopKMaskingMetric.LOG_ODDS_TYPE);
    Plugins.register(binder(), DiffIdMetric.TYPE);
    Plugins.register(binder(), DiffIdMetric.KEEP_TYPE);
    Plugins.register(binder(), DiffIdMetric.DEL_TYPE);
    Plugins.register(binder(), RoadMetric.MORF_TYPE);
    Plugins.register(binder(), RoadMetric.LERF_TYPE);
    Plugins.register(binder(), RoadMetric.GAP_TYPE);
    Plugins.register(binder(), org.igkit.metrics.sanity.ModelRandomisationMetric.TYPE);
    Plugins.register(binder(), org.igkit.metrics.sanity.RandomLogitMetric.TYPE);
    Plugins.register(binder(), org.igkit.metrics.xrai.XraiPostprocess.TYPE);
  }
}
