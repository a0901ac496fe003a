package org.igkit.metrics.ncc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.CountingModel;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.QuadratureAccumulator;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepRule;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.ncc.NccMetric.Ratio;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.FormulaModel;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.ReferenceStraightPath;
import org.junit.jupiter.api.Test;

/**
 * The NCC diagnostics on the toy models of the Geodesic IG reference notes: straight IG through
 * the engine against closed forms and an independent double-precision evaluation of the same
 * discrete sums, L-shaped paths that cancel nothing, and hand-built polylines.
 */
class NccToyTest {

  private static final float[] ORIGIN = {0, 0};
  private static final float[] ONES = {1, 1};
  private static final double ROOT_PI_OVER_E = Math.sqrt(Math.PI) / Math.E;

  @Test
  void toyAStraightIgMatchesTheClosedForms() {
    BumpModel model = BumpModel.toyA();
    int m = 200;
    Attribution a = attribute(model, new ReferenceStraightPath(), m, ORIGIN);
    assertThat(a.values()[0]).isCloseTo((float) (1 + 3 * ROOT_PI_OVER_E), within(1e-4f));
    assertThat(a.values()[1]).isCloseTo((float) (1 - 3 * ROOT_PI_OVER_E), within(1e-4f));

    Straight ref = Straight.midpoint(model, new double[] {0, 0}, m);
    double tvContinuous = continuousVariation(model, new double[] {0, 0});
    double rhoPath = ratio(model, a, Ratio.PATH);
    // Discrete TV is a lower bound of the continuous one, so ρ_path approaches from above.
    assertThat(rhoPath).isCloseTo(ref.rhoPath(), within(1e-6));
    assertThat(rhoPath).isCloseTo(2 / tvContinuous, within(5e-4)).isGreaterThanOrEqualTo(2 / tvContinuous - 1e-6);
    assertThat(rhoPath).isCloseTo(0.5843, within(2e-4));
    assertThat(tvContinuous).isCloseTo(3.4229, within(1e-4));
    assertThat(value(new PathVariationMetric(false, null), model, a)).isCloseTo(ref.tv, within(1e-5));

    assertThat(ratio(model, a, Ratio.FEATURE)).isCloseTo(Math.E / (3 * Math.sqrt(Math.PI)), within(1e-5));
    assertThat(ratio(model, a, Ratio.WITHIN)).isCloseTo(ref.s / ref.t, within(1e-6)).isCloseTo(0.7236, within(1e-4));
    assertThat(ratio(model, a, Ratio.STEP)).isCloseTo(ref.v / ref.t, within(1e-6));
    double total = ratio(model, a, Ratio.FEATURE) * ratio(model, a, Ratio.WITHIN);
    assertThat(total).isCloseTo(0.3699, within(1e-4));
  }

  @Test
  void toyAWithFiftyMidpointStepsScoresTheEndsAndTheMidpoints() {
    BumpModel model = BumpModel.toyA();
    Attribution a = attribute(model, new ReferenceStraightPath(), 50, ORIGIN);
    assertThat(a.paths().get(0).scores()).hasSize(52);
    double rho = ratio(model, a, Ratio.PATH);
    assertThat(rho).isCloseTo(Straight.midpoint(model, new double[] {0, 0}, 50).rhoPath(), within(1e-6));
  }

  @Test
  void toyBStraightIgIsFeatureCleanButNotAGeodesic() {
    BumpModel model = BumpModel.toyB();
    Attribution a = attribute(model, new ReferenceStraightPath(), 200, ORIGIN);
    assertThat(a.values()[0]).isCloseTo(1f, within(1e-4f));
    assertThat(a.values()[1]).isCloseTo(1f, within(1e-4f));
    assertThat(ratio(model, a, Ratio.FEATURE)).isEqualTo(1.0);
    double tvContinuous = continuousVariation(model, new double[] {0, 0});
    double rho = ratio(model, a, Ratio.PATH);
    assertThat(rho).isCloseTo(Straight.midpoint(model, new double[] {0, 0}, 200).rhoPath(), within(1e-6));
    assertThat(rho).isCloseTo(2 / tvContinuous, within(5e-4)).isCloseTo(0.2818, within(2e-4));
  }

  @Test
  void lShapedPathsAroundTheBumpCancelNothing() {
    BumpModel model = BumpModel.toyA();
    for (double[] corner : List.of(new double[] {1, 0}, new double[] {0, 1})) {
      Attribution a = attribute(model, new PolylinePath(200, corner), 1, ORIGIN);
      assertThat(a.values()[0]).isCloseTo(1f, within(1e-3f));
      assertThat(a.values()[1]).isCloseTo(1f, within(1e-3f));
      for (Ratio r : Ratio.values()) {
        assertThat(ratio(model, a, r)).as(r.name()).isCloseTo(1.0, within(1e-3)).isLessThanOrEqualTo(1 + 1e-12);
      }
      assertThat(value(new PathVariationMetric(false, null), model, a)).isCloseTo(2.0, within(2e-3));
    }
  }

  @Test
  void straightVariationWalksTheStraightLineBesideAnyPath() {
    BumpModel model = BumpModel.toyA();
    Attribution a = attribute(model, new PolylinePath(100, new double[] {1, 0}), 1, ORIGIN);
    int segments = a.paths().get(0).scores().length - 1; // start, 200 midpoints, end
    assertThat(segments).isEqualTo(201);
    CountingModel counted = new CountingModel(model);
    double straight = new PathVariationMetric(true, null).evaluate(new MetricInput(counted, ONES, a, null, 16)).value();
    assertThat(straight).isCloseTo(Straight.grid(model, new double[] {0, 0}, segments).tv, within(1e-5));
    assertThat(counted.forwardPoints()).isEqualTo(segments - 1);

    CountingModel fine = new CountingModel(model);
    double dense = new PathVariationMetric(true, 4000).evaluate(new MetricInput(fine, ONES, a, null, 512)).value();
    assertThat(dense).isCloseTo(continuousVariation(model, new double[] {0, 0}), within(1e-4));
    assertThat(fine.forwardPoints()).isEqualTo(3999);
    assertThat(value(new PathVariationMetric(false, null), model, a)).isLessThan(straight - 1);
  }

  @Test
  void aPathThatTurnsBackCancelsWithinItsFeatureAndAlongTheWay() {
    // f = 2x₁ + x₂; x' = (0, 0) → (1, 0) → x = (0.5, 0), one segment per edge.
    // c = (2, 0) then (−1, 0): A = (1, 0), S = 1, T = 3, V = 3; scores 0, f(0.5,0) = 1,
    // f(0.75, 0) = 1.5, f(x) = 1: TV = 2, Δf = 1.
    Linear model = new Linear(2, 1);
    Attribution a = attribute(model, new PolylinePath(1, new double[] {1, 0}), 1, ORIGIN, new float[] {0.5f, 0});
    assertThat(a.values()).containsExactly(1f, 0f);
    assertThat(ratio(model, a, Ratio.PATH, new float[] {0.5f, 0})).isCloseTo(0.5, within(1e-7));
    assertThat(ratio(model, a, Ratio.WITHIN, new float[] {0.5f, 0})).isCloseTo(1.0 / 3, within(1e-7));
    assertThat(ratio(model, a, Ratio.STEP, new float[] {0.5f, 0})).isCloseTo(1.0, within(1e-7));
    assertThat(ratio(model, a, Ratio.FEATURE, new float[] {0.5f, 0})).isEqualTo(1.0);
  }

  @Test
  void featuresCanCancelWithinAStepWhileTheOutputIsMonotone() {
    // f = 2x₁ + x₂; x' = (0, 0) → (1, 0) → x = (0.5, 1): c = (2, 0) then (−1, 1); A = (1, 1),
    // S = 2, T = 4, V = 2 + 0; f along the path 0, 1, 2, 2: TV = Δf = 2.
    Linear model = new Linear(2, 1);
    float[] x = {0.5f, 1};
    Attribution a = attribute(model, new PolylinePath(1, new double[] {1, 0}), 1, ORIGIN, x);
    assertThat(a.values()).containsExactly(1f, 1f);
    assertThat(ratio(model, a, Ratio.PATH, x)).isCloseTo(1.0, within(1e-7));
    assertThat(ratio(model, a, Ratio.WITHIN, x)).isCloseTo(0.5, within(1e-7));
    assertThat(ratio(model, a, Ratio.STEP, x)).isCloseTo(0.5, within(1e-7));
  }

  @Test
  void featureRatioOfHandBuiltMaps() {
    Linear model = new Linear(1, 1, 1, 1);
    assertThat(NccMetric.feature(new double[] {3, -1, 0, 2})).isCloseTo(4.0 / 6, within(1e-15));
    assertThat(NccMetric.feature(new double[] {-3, -1, 0, -2})).isEqualTo(1.0);
    assertThat(NccMetric.feature(new double[] {1, -1, 2, -2})).isEqualTo(0.0);
    assertThat(NccMetric.feature(new double[4])).isEqualTo(1.0);
    Attribution map = new Attribution(Shape.of(1, 2, 2), new float[] {3, -1, 0, 2}, 0, 0, List.of(),
        new double[0], new double[0], null, 0, 0, 0, java.util.Map.of());
    assertThat(new NccMetric(Ratio.FEATURE).evaluate(new MetricInput(model, null, map, null, 1)).value())
        .isCloseTo(4.0 / 6, within(1e-15));
  }

  @Test
  void severalBaselinesAddTheirVariationsBeforeDividing() {
    BumpModel model = BumpModel.toyA();
    int m = 100;
    Attribution a = attribute(model, new ReferenceStraightPath(), m, ORIGIN, ONES, new float[] {0, 1});
    Straight first = Straight.midpoint(model, new double[] {0, 0}, m);
    Straight second = Straight.midpoint(model, new double[] {0, 1}, m);
    double expected = (Math.abs(first.df) + Math.abs(second.df)) / (first.tv + second.tv);
    double meanOfRatios = (first.rhoPath() + second.rhoPath()) / 2;
    assertThat(Math.abs(expected - meanOfRatios)).isGreaterThan(0.05);
    assertThat(ratio(model, a, Ratio.PATH)).isCloseTo(expected, within(1e-6));
    assertThat(ratio(model, a, Ratio.WITHIN)).isCloseTo((first.s + second.s) / (first.t + second.t), within(1e-6));
    assertThat(value(new PathVariationMetric(false, null), model, a)).isCloseTo((first.tv + second.tv) / 2, within(1e-5));
  }

  @Test
  void stepRulesWithoutNodeWeightsLeaveTheStepRatiosUnscored() {
    BumpModel model = BumpModel.toyA();
    StepRule unweighted = new StepRule() {
      @Override
      public int steps() {
        return 50;
      }

      @Override
      public StepRule withSteps(int steps) {
        return this;
      }

      @Override
      public Schedule schedule() {
        double[] alphas = new double[51];
        for (int j = 0; j <= 50; j++) {
          alphas[j] = j / 50.0;
        }
        return new Schedule(alphas, new double[51]);
      }

      @Override
      public StepAccumulator start(Shape shape) {
        return new QuadratureAccumulator(shape);
      }
    };
    Attribution a = AttributionEngine.attribute(model,
        new AttributionMethod("unweighted", FixedBaselineSampler.of(ORIGIN), new ReferenceStraightPath(), unweighted,
            new EqualWeightsAggregator()),
        ONES, 0, RandomSource.of(1), EngineOptions.batchSize(8).withCancellationSums(true));
    assertThat(ratio(model, a, Ratio.WITHIN)).isNaN();
    assertThat(ratio(model, a, Ratio.STEP)).isNaN();
    // The rule visits α = 0 and α = 1 itself: 51 scores, no extra endpoints; on the grid j/50
    // the reference notes give ρ_path ≈ 0.588.
    assertThat(a.paths().get(0).scores()).hasSize(51);
    double rho = ratio(model, a, Ratio.PATH);
    assertThat(rho).isCloseTo(Straight.grid(model, new double[] {0, 0}, 50).rhoPath(), within(1e-6));
    assertThat(rho).isCloseTo(0.588, within(5e-4));
  }

  @Test
  void attributionsWithoutPathRecordsAreRejectedByName() {
    Linear model = new Linear(1, 1);
    Attribution bare = new Attribution(BumpModel.SHAPE, new float[] {1, 1}, 0, 2, List.of("black"),
        new double[] {0}, new double[] {1}, null, 0, 0, 0, java.util.Map.of());
    assertThatThrownBy(() -> new NccMetric(Ratio.PATH).evaluate(new MetricInput(model, ONES, bare, null, 4)))
        .isInstanceOf(MetricException.class)
        .hasMessageStartingWith("ncc-path: needs the path scores");
    assertThatThrownBy(() -> new PathVariationMetric(true, null).evaluate(new MetricInput(model, ONES, bare, null, 4)))
        .hasMessageStartingWith("straight-variation: needs the path scores");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void withoutCancellationSumsTheWithinRatiosAreNotScoredAndThePathRatioIsUnchanged() {
    BumpModel model = BumpModel.toyA();
    Attribution with = attribute(model, new ReferenceStraightPath(), 50, ORIGIN);
    Attribution without = AttributionEngine.attribute(model,
        new AttributionMethod("m", FixedBaselineSampler.of(ORIGIN), new ReferenceStraightPath(),
            new ReferenceMidpointStepRule(50), new EqualWeightsAggregator()),
        ONES, 0, RandomSource.of(7), EngineOptions.batchSize(37));
    assertThat(ratio(model, with, Ratio.WITHIN)).isFinite();
    assertThat(ratio(model, without, Ratio.WITHIN)).isNaN();
    assertThat(ratio(model, without, Ratio.STEP)).isNaN();
    assertThat(without.paths().get(0).scores()).containsExactly(with.paths().get(0).scores());
    assertThat(ratio(model, without, Ratio.PATH)).isEqualTo(ratio(model, with, Ratio.PATH));
    assertThat(without.values()).containsExactly(with.values());
  }

  private static Attribution attribute(ModelFunction model, Path path, int steps, float[] baseline) {
    return attribute(model, path, steps, baseline, ONES);
  }

  private static Attribution attribute(ModelFunction model, Path path, int steps, float[] baseline, float[] input) {
    return AttributionEngine.attribute(model,
        new AttributionMethod("m", FixedBaselineSampler.of(baseline), path, new ReferenceMidpointStepRule(steps),
            new EqualWeightsAggregator()),
        input, 0, RandomSource.of(7), EngineOptions.batchSize(37).withCancellationSums(true));
  }

  private static Attribution attribute(ModelFunction model, Path path, int steps, float[] b1, float[] input, float[] b2) {
    return AttributionEngine.attribute(model,
        new AttributionMethod("m", FixedBaselineSampler.of(b1, b2), path, new ReferenceMidpointStepRule(steps),
            new EqualWeightsAggregator()),
        input, 0, RandomSource.of(7), EngineOptions.batchSize(37).withCancellationSums(true));
  }

  private static double ratio(ModelFunction model, Attribution a, Ratio r) {
    return ratio(model, a, r, ONES);
  }

  private static double ratio(ModelFunction model, Attribution a, Ratio r, float[] x) {
    return new NccMetric(r).evaluate(new MetricInput(model, x, a, null, 16)).value();
  }

  private static double value(org.igkit.api.metric.Metric metric, ModelFunction model, Attribution a) {
    return metric.evaluate(new MetricInput(model, ONES, a, null, 16)).value();
  }

  /**
   * The continuous total variation of f on the straight line from {@code b} to (1, 1): f(b) to
   * f(x) through every local extremum, found on a grid of 10⁶ intervals and refined by bisection of
   * the directional derivative.
   */
  private static double continuousVariation(BumpModel model, double[] b) {
    int n = 1_000_000;
    double tv = 0;
    double last = line(model, b, 0);
    double prevSlope = slope(model, b, 0);
    for (int j = 1; j <= n; j++) {
      double t = (double) j / n;
      double s = slope(model, b, t);
      if (Math.signum(s) != Math.signum(prevSlope) && s != 0) {
        double lo = (double) (j - 1) / n;
        double hi = t;
        for (int it = 0; it < 60; it++) {
          double mid = (lo + hi) / 2;
          if (Math.signum(slope(model, b, mid)) == Math.signum(prevSlope)) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        double extremum = line(model, b, (lo + hi) / 2);
        tv += Math.abs(extremum - last);
        last = extremum;
      }
      prevSlope = s;
    }
    return tv + Math.abs(line(model, b, 1) - last);
  }

  private static double line(BumpModel model, double[] b, double t) {
    return model.value(new double[] {b[0] + t * (1 - b[0]), b[1] + t * (1 - b[1])});
  }

  private static double slope(BumpModel model, double[] b, double t) {
    double[] g = model.gradient(new double[] {b[0] + t * (1 - b[0]), b[1] + t * (1 - b[1])});
    return g[0] * (1 - b[0]) + g[1] * (1 - b[1]);
  }

  /** The discrete sums of straight IG from b to (1, 1), in double precision. */
  private record Straight(double df, double tv, double s, double t, double v) {

    /** Midpoint nodes (j + ½)/m, with the two end scores around them. */
    static Straight midpoint(BumpModel model, double[] b, int m) {
      double[] scores = new double[m + 2];
      scores[0] = line(model, b, 0);
      scores[m + 1] = line(model, b, 1);
      double[] a = new double[2];
      double t = 0;
      double v = 0;
      for (int j = 0; j < m; j++) {
        double alpha = (j + 0.5) / m;
        scores[j + 1] = line(model, b, alpha);
        double[] g = model.gradient(new double[] {b[0] + alpha * (1 - b[0]), b[1] + alpha * (1 - b[1])});
        double step = 0;
        for (int i = 0; i < 2; i++) {
          double c = g[i] * (1 - b[i]) / m;
          a[i] += c;
          step += c;
          t += Math.abs(c);
        }
        v += Math.abs(step);
      }
      return new Straight(scores[m + 1] - scores[0], variation(scores), Math.abs(a[0]) + Math.abs(a[1]), t, v);
    }

    /** Scores only, at α = j/m, j = 0…m. */
    static Straight grid(BumpModel model, double[] b, int m) {
      double[] scores = new double[m + 1];
      for (int j = 0; j <= m; j++) {
        scores[j] = line(model, b, (double) j / m);
      }
      return new Straight(scores[m] - scores[0], variation(scores), Double.NaN, Double.NaN, Double.NaN);
    }

    double rhoPath() {
      return Math.abs(df) / tv;
    }

    private static double variation(double[] scores) {
      double tv = 0;
      for (int j = 0; j + 1 < scores.length; j++) {
        tv += Math.abs(scores[j + 1] - scores[j]);
      }
      return tv;
    }
  }

  /** f = w·x on two features. */
  private static final class Linear extends FormulaModel {
    private final double[] w;

    Linear(double... w) {
      super(Shape.of(1, 1, w.length));
      this.w = w;
    }

    @Override
    public double value(double[] x) {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * x[i];
      }
      return s;
    }

    @Override
    public double[] gradient(double[] x) {
      return w.clone();
    }
  }
}
