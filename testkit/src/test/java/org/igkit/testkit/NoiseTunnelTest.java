package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.engine.NoiseTunnel;
import org.igkit.api.engine.Smoothing;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.junit.jupiter.api.Test;

/** SmoothGrad, SmoothGrad² and VarGrad around a whole method, against independent computations. */
class NoiseTunnelTest {

  private static final RandomSource RANDOM = RandomSource.of(7).derive("cell");
  private static final RandomSource BASELINES = RandomSource.of(7).derive("baselines");
  private static final float[] INPUT = {0.8f, 0.3f};

  /** IG of x0·x1 from the black baseline, exact under the midpoint rule: both features get x0·x1/2. */
  private static final AttributionMethod IG = new AttributionMethod("IG", FixedBaselineSampler.constants(0f),
      new ReferenceStraightPath(), new ReferenceMidpointStepRule(8), new EqualWeightsAggregator());

  /** The noisy copies as documented: σ = noise·(max − min), N(0, σ²) from derive("smoothing-noise", i). */
  private static double[][] copies(int n, double noise) {
    double sigma = noise * (0.8f - 0.3f);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      SplittableRandom g = RANDOM.derive("smoothing-noise", i).generator();
      for (int j = 0; j < 2; j++) {
        out[i][j] = (float) (INPUT[j] + sigma * g.nextGaussian());
      }
    }
    return out;
  }

  private static Attribution smoothed(Smoothing s, AttributionMethod method) {
    return NoiseTunnel.attribute(new ProductModel(), method, s, INPUT, 0, RANDOM, BASELINES, EngineOptions.batchSize(3));
  }

  @Test
  void smoothgradIsTheMeanOfClosedFormIgOfEachNoisyCopy() {
    double[][] x = copies(5, 0.2);
    double mean = 0;
    for (double[] c : x) {
      mean += c[0] * c[1] / 2 / 5;
    }
    Attribution a = smoothed(new Smoothing(Smoothing.Type.SMOOTHGRAD, 5, 0.2), IG);
    assertThat((double) a.values()[0]).isCloseTo(mean, within(1e-6));
    assertThat((double) a.values()[1]).isCloseTo(mean, within(1e-6));
    // Not the clean map: the noise moved it.
    assertThat(Math.abs(mean - 0.8 * 0.3 / 2)).isGreaterThan(1e-4);
    // Completeness carries over to the mean: expected sum = mean of f(x̃_i) − f(0).
    double meanF = 0;
    for (double[] c : x) {
      meanF += c[0] * c[1] / 5;
    }
    assertThat(a.expectedSum()).isCloseTo(meanF, within(1e-6));
    assertThat(a.sum()).isCloseTo(meanF, within(1e-5));
  }

  @Test
  void squareAndVarianceFollowTheirDefinitions() {
    double[][] x = copies(6, 0.5);
    double m = 0;
    double m2 = 0;
    for (double[] c : x) {
      double ig = c[0] * c[1] / 2;
      m += ig / 6;
      m2 += ig * ig / 6;
    }
    assertThat((double) smoothed(new Smoothing(Smoothing.Type.SMOOTHGRAD_SQ, 6, 0.5), IG).values()[1])
        .isCloseTo(m2, within(1e-6));
    double var = 0;
    for (double[] c : x) {
      double ig = c[0] * c[1] / 2;
      var += (ig - m) * (ig - m) / 6;
    }
    assertThat(var).isGreaterThan(1e-5);
    assertThat((double) smoothed(new Smoothing(Smoothing.Type.VARGRAD, 6, 0.5), IG).values()[0])
        .isCloseTo(var, within(1e-6));
  }

  @Test
  void equalsTheMeanOfTheEngineRunOnEachNoisyCopyWithItsDerivedSeeds() {
    // Noise baselines: the per-copy baseline seed matters, so a wrong derivation shows.
    AttributionMethod eg = new AttributionMethod("EG", new NoiseBaselineSampler(3, 0, 1),
        new ReferenceStraightPath(), new ReferenceMidpointStepRule(4), new EqualWeightsAggregator());
    double[][] x = copies(4, 0.1);
    double[] mean = new double[2];
    long gradients = 0;
    for (int i = 0; i < 4; i++) {
      Attribution ai = AttributionEngine.attribute(new ProductModel(), eg, new float[] {(float) x[i][0], (float) x[i][1]},
          0, RANDOM.derive("smoothing", i), BASELINES.derive("smoothing", i), EngineOptions.batchSize(5));
      mean[0] += ai.values()[0] / 4.0;
      mean[1] += ai.values()[1] / 4.0;
      gradients += ai.gradientPoints();
    }
    Attribution a = smoothed(new Smoothing(Smoothing.Type.SMOOTHGRAD, 4, 0.1), eg);
    assertThat((double) a.values()[0]).isCloseTo(mean[0], within(1e-6));
    assertThat((double) a.values()[1]).isCloseTo(mean[1], within(1e-6));
    assertThat(a.gradientPoints()).isEqualTo(gradients).isEqualTo(4L * 3 * 4);
  }

  @Test
  void zeroNoiseGivesTheCleanAttributionAndSigmaIsAFractionOfTheRange() {
    Attribution a = smoothed(new Smoothing(Smoothing.Type.SMOOTHGRAD, 3, 0), IG);
    assertThat((double) a.values()[0]).isCloseTo(0.8 * 0.3 / 2, within(1e-6));
    assertThat(NoiseTunnel.sigma(new Smoothing(null, 1, 0.25), new float[] {-1f, 3f, 0.5f})).isEqualTo(1.0);
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> Smoothing.of("smoothgrad", 0, 0.1)).hasMessageContaining("samples");
    assertThatThrownBy(() -> Smoothing.of("smothgrad", 4, 0.1)).hasMessageContaining("type")
        .hasMessageContaining("smoothgrad-sq");
    assertThatThrownBy(() -> Smoothing.of("vargrad", 4, -0.1)).hasMessageContaining("noise");
    assertThat(Smoothing.of(null, null, null)).isEqualTo(new Smoothing(Smoothing.Type.SMOOTHGRAD, 16, 0.15));
    assertThat(Shape.of(2, 1, 1).size()).isEqualTo(INPUT.length);
  }
}
