package org.igkit.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.geodesic.GeodesicPath;
import org.igkit.paths.guided.GuidedPath;
import org.igkit.paths.spectral.SpectralIndexPath;
import org.igkit.paths.spectral.SpectralPath;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.SeededArrays;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every new path with every step rule ({@code riemann}, {@code gauss-legendre}, {@code idgi}, 64
 * steps) and two aggregators over two baselines, through the whole {@link AttributionEngine}:
 * equal weights (the uniform/EG aggregator's behaviour, the test kit's double) and
 * {@link TwoPassAggregator} (the fitness/WG call pattern: a cheap {@code withSteps} pass, unequal
 * weights, then the full pass). The real {@code uniform} and {@code fitness} plugins live in the
 * aggregators module, which depends on this one for its tests; depending back would be a Maven
 * reactor cycle.
 *
 * <p>Checked: finite attributions, no skipped steps, IDGI exactly complete
 * (Σ A = f(x) − Σ_k w_k f(γ_k(0)) to {@link Tolerances#EXACT_COMPLETENESS}), quadrature rules
 * complete to the path's documented 64-step bound on {@code softmax-linear}: guided and geodesic
 * 2e-2 (first order: guided's discrete left sum, geodesic's turns), spectral and spectral-index 2e-2 (the tangent jumps where ramps begin and end),
 * blur 1.5 — at 64 uniform steps the blur path's change at small σ is not resolved on a 3×3 image
 * (the gap falls to 4e-2 at 256 and 2e-3 at 1024 steps; see BlurPathTest).
 */
class EveryPathWithEveryRuleTest {

  static List<PluginType<Path>> paths() {
    return List.of(GuidedPath.TYPE, BlurPath.TYPE, GeodesicPath.TYPE, SpectralPath.TYPE, SpectralIndexPath.TYPE);
  }

  static List<Arguments> grid() {
    List<Arguments> out = new ArrayList<>();
    for (PluginType<Path> p : paths()) {
      for (StepRule rule : List.of(
          new RiemannStepRule(64, RiemannStepRule.Variant.MIDPOINT), new GaussLegendreStepRule(64), new IdgiStepRule(64))) {
        for (String aggregator : List.of("equal-weights", "two-pass")) {
          out.add(Arguments.of(p.id(), rule, aggregator));
        }
      }
    }
    return out;
  }

  static double quadratureBound(String path) {
    return path.equals("blur") ? 1.5 : 2e-2;
  }

  @ParameterizedTest(name = "{0} + {1} + {2}")
  @MethodSource("grid")
  void runsAndIsComplete(String pathId, StepRule rule, String aggregatorName) {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    Path path = paths().stream().filter(p -> p.id().equals(pathId)).findFirst().orElseThrow().createDefault();
    Aggregator aggregator = aggregatorName.equals("two-pass") ? new TwoPassAggregator() : new EqualWeightsAggregator();
    float[] noise = SeededArrays.uniform(RandomSource.of(3).derive("noise"), c.input().length, -1, 0);
    AttributionMethod method =
        new AttributionMethod(pathId, FixedBaselineSampler.of(c.baseline(), noise), path, rule, aggregator);
    Attribution a = AttributionEngine.attribute(c.model(), method, c.input(), c.target(), RandomSource.of(1),
        EngineOptions.batchSize(16));
    assertThat(Attributions.firstNonFinite(a.values())).isEqualTo(-1);
    assertThat(a.skippedSteps()).isZero();
    double expected = a.expectedSum();
    double gap = Math.abs(a.sum() - expected);
    double bound = rule instanceof IdgiStepRule ? Tolerances.EXACT_COMPLETENESS : quadratureBound(pathId);
    assertThat(gap).as("%s + %s + %s: |ΣA − (f(x) − Σ w f(start))|, expected %s", pathId, rule, aggregatorName, expected)
        .isLessThanOrEqualTo(bound * Math.abs(expected));
    if (aggregatorName.equals("two-pass") && !pathId.equals("blur")) { // blur ignores baselines
      assertThat(a.weights()[0]).isNotEqualTo(a.weights()[1]);
    }
  }
}
