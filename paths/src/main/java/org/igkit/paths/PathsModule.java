package org.igkit.paths;

import org.igkit.api.plugin.PluginModule;
import org.igkit.api.plugin.Plugins;
import org.igkit.paths.agi.AgiPath;
import org.igkit.paths.big.BigPath;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.geodesic.EnergyPath;
import org.igkit.paths.geodesic.GeodesicPath;
import org.igkit.paths.gradient.GradTimesInputStepRule;
import org.igkit.paths.gradient.GradientStepRule;
import org.igkit.paths.guided.GuidedPath;
import org.igkit.paths.ig2.Ig2Path;
import org.igkit.paths.samp.SampPath;
import org.igkit.paths.spectral.SpectralIndexPath;
import org.igkit.paths.spectral.SpectralPath;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.PathDifferencesStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;

/** Registers igkit's path and step-rule plugins. */
public final class PathsModule extends PluginModule {

  @Override
  protected void configure() {
    Plugins.register(binder(), StraightPath.TYPE);
    Plugins.register(binder(), GuidedPath.TYPE);
    Plugins.register(binder(), BlurPath.TYPE);
    Plugins.register(binder(), GeodesicPath.TYPE);
    Plugins.register(binder(), EnergyPath.TYPE);
    Plugins.register(binder(), SpectralPath.TYPE);
    Plugins.register(binder(), SpectralIndexPath.TYPE);
    Plugins.register(binder(), BigPath.TYPE);
    Plugins.register(binder(), AgiPath.TYPE);
    Plugins.register(binder(), SampPath.TYPE);
    Plugins.register(binder(), Ig2Path.TYPE);
    Plugins.register(binder(), RiemannStepRule.TYPE);
    Plugins.register(binder(), GaussLegendreStepRule.TYPE);
    Plugins.register(binder(), IdgiStepRule.TYPE);
    Plugins.register(binder(), PathDifferencesStepRule.TYPE);
    Plugins.register(binder(), GradTimesInputStepRule.TYPE);
    Plugins.register(binder(), GradientStepRule.TYPE);
  }
}
