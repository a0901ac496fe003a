package org.igkit.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.geodesic.GeodesicPath;
import org.igkit.paths.guided.GuidedPath;
import org.igkit.paths.spectral.SpectralIndexPath;
import org.igkit.paths.spectral.SpectralPath;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.ReferenceStraightPath;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paths module's plugins as the class path's registry sees them: found by ServiceLoader, each
 * built from its default spec, and — Lucene style — every registered path and step rule run once
 * with defaults, so a plugin added without its own test is still exercised.
 */
class PathsRegistryTest {

  private static final PluginRegistry REGISTRY = PluginLoader.registry();

  @Test
  void findsThePathsModulesPlugins() {
    assertThat(REGISTRY.plugins(Path.class)).containsKeys("straight", "guided", "blur", "geodesic-knn", "geodesic-energy",
        "spectral", "spectral-index");
    assertThat(REGISTRY.plugins(StepRule.class)).containsKeys("riemann", "gauss-legendre", "idgi");
  }

  @Test
  void eachBuildsFromItsDefaultSpec() {
    assertThat(REGISTRY.create(Path.class, "straight", null)).isInstanceOf(StraightPath.class);
    assertThat(REGISTRY.create(Path.class, "guided", null)).isInstanceOf(GuidedPath.class);
    assertThat(REGISTRY.create(Path.class, "blur", null)).isInstanceOf(BlurPath.class);
    assertThat(REGISTRY.create(Path.class, "geodesic-knn", null)).isInstanceOf(GeodesicPath.class);
    assertThat(REGISTRY.create(Path.class, "spectral", null)).isInstanceOf(SpectralPath.class);
    assertThat(REGISTRY.create(Path.class, "spectral-index", null)).isInstanceOf(SpectralIndexPath.class);
    for (String id : List.of("riemann", "gauss-legendre", "idgi")) {
      StepRule rule = REGISTRY.create(StepRule.class, id, null);
      assertThat(rule.steps()).as("%s: default steps", id).isEqualTo(50);
      assertThat(rule.schedule().size()).as("%s: nodes", id).isPositive();
    }
  }

  @Test
  void declaredCapabilities() {
    assertThat(REGISTRY.get(StepRule.class, "idgi").capabilities())
        .contains(Capability.COMPLETE, Capability.EXACTLY_COMPLETE);
    for (String id : List.of("riemann", "gauss-legendre")) {
      assertThat(REGISTRY.get(StepRule.class, id).capabilities())
          .contains(Capability.COMPLETE)
          .doesNotContain(Capability.EXACTLY_COMPLETE);
    }
  }

  @Test
  void pathCapabilities() {
    assertThat(REGISTRY.get(Path.class, "guided").capabilities())
        .containsExactlyInAnyOrder(Capability.ADAPTIVE, Capability.NEEDS_BASELINE, Capability.SYMMETRIC);
    assertThat(REGISTRY.get(Path.class, "blur").capabilities()).isEmpty();
    assertThat(REGISTRY.get(Path.class, "geodesic-knn").capabilities())
        .containsExactlyInAnyOrder(Capability.NEEDS_BASELINE, Capability.STOCHASTIC);
    assertThat(REGISTRY.get(Path.class, "spectral").capabilities()).containsExactly(Capability.NEEDS_BASELINE);
    assertThat(REGISTRY.get(Path.class, "spectral-index").capabilities()).containsExactly(Capability.NEEDS_BASELINE);
  }

  @Test
  void unknownIdSuggestsTheClosest() {
    assertThatThrownBy(() -> REGISTRY.get(StepRule.class, "riemman"))
        .hasMessageContaining("unknown stepRule type 'riemman'")
        .hasMessageContaining("did you mean 'riemann'?")
        .hasMessageContaining("gauss-legendre");
  }

  static List<PluginType<StepRule>> stepRules() {
    return List.copyOf(REGISTRY.plugins(StepRule.class).values());
  }

  static List<PluginType<Path>> paths() {
    return List.copyOf(REGISTRY.plugins(Path.class).values());
  }

  /** Every registered step rule, at defaults, is complete to 1e-3 on the smooth cases. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("stepRules")
  void everyStepRuleRunsAtDefaults(PluginType<StepRule> type) {
    StepRule rule = type.createDefault();
    for (AnalyticCase c : AnalyticModels.smooth()) {
      StepResult r = IG.compute(c, new ReferenceStraightPath(), rule, 16);
      assertThat(Attributions.firstNonFinite(r.attribution())).as("%s on %s", type, c).isEqualTo(-1);
      if (type.has(Capability.COMPLETE)) {
        assertThat(Math.abs(Attributions.sum(r.attribution()) - c.scoreChange()))
            .as("%s on %s: completeness gap at default steps", type, c)
            .isLessThanOrEqualTo(Tolerances.COMPLETENESS_FIRST_ORDER * Math.abs(c.scoreChange()));
      }
    }
  }

  /** Every registered path, at defaults, traces the smooth cases without NaN. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void everyPathRunsAtDefaults(PluginType<Path> type) {
    Path path = type.createDefault();
    for (AnalyticCase c : AnalyticModels.smooth()) {
      StepResult r = IG.compute(c, path, new ReferenceMidpointStepRule(32), 16);
      assertThat(Attributions.firstNonFinite(r.attribution())).as("%s on %s", type, c).isEqualTo(-1);
    }
  }
}
