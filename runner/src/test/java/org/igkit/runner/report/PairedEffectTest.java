package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Cohen's d_z in closed form, the bootstrap interval against an independent resampler. */
class PairedEffectTest {

  @Test
  void cohensDzIsTheMeanDifferenceOverItsSampleStd() {
    // d = 1, 2, 3, 4: mean 2.5, s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3
    assertThat(PairedEffect.cohensDz(new double[] {1, 2, 3, 4}))
        .isCloseTo(2.5 / Math.sqrt(5.0 / 3.0), within(1e-12));
    assertThat(PairedEffect.cohensDz(new double[] {-1, 1})).isCloseTo(0, within(1e-15));
    assertThat(PairedEffect.cohensDz(new double[] {2, 2, 2})).isNaN();
    assertThat(PairedEffect.cohensDz(new double[] {1})).isNaN();
  }

  @Test
  void bootstrapEqualsAnIndependentResamplerWithTheDocumentedSeedAndScheme() {
    double[] d = {0.31, -0.12, 0.05, 0.44, 0.27, -0.08, 0.19, 0.36, 0.02, 0.15, 0.5, -0.2};
    double[] ci = PairedEffect.bootstrapCi(d);
    // independent: B = 10,000 means of n draws with nextInt(n) from Well19937c(19); the interval
    // ends are the order statistics found by counting, not by sorting
    Well19937c rng = new Well19937c(19);
    double[] means = new double[10_000];
    for (int b = 0; b < means.length; b++) {
      double s = 0;
      for (int i = 0; i < d.length; i++) {
        s += d[rng.nextInt(d.length)];
      }
      means[b] = s / d.length;
    }
    assertThat(ci[0]).isEqualTo(orderStatistic(means, 250));
    assertThat(ci[1]).isEqualTo(orderStatistic(means, 9749));
    double mean = 0;
    for (double v : d) {
      mean += v / d.length;
    }
    assertThat(ci[0]).isLessThan(mean);
    assertThat(ci[1]).isGreaterThan(mean);
  }

  @Test
  void aConstantDifferenceHasADegenerateInterval() {
    assertThat(PairedEffect.bootstrapCi(new double[] {0.25, 0.25, 0.25})).containsExactly(0.25, 0.25);
    assertThat(PairedEffect.bootstrapCi(new double[] {0.25})).containsExactly(Double.NaN, Double.NaN);
  }

  @Test
  void theIntervalCoversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
    // 400 normal samples of n = 30, mean 0.5, sd 1: the percentile interval's coverage is close
    // to its nominal 95 % (slightly below for small n); outside [0.90, 0.985] would be a defect.
    Well19937c data = new Well19937c(7);
    int covered = 0;
    int trials = 400;
    for (int t = 0; t < trials; t++) {
      double[] d = new double[30];
      for (int i = 0; i < d.length; i++) {
        d[i] = 0.5 + data.nextGaussian();
      }
      double[] ci = PairedEffect.bootstrapCi(d, 2000, 100 + t);
      if (ci[0] <= 0.5 && 0.5 <= ci[1]) {
        covered++;
      }
    }
    assertThat(covered / (double) trials).isBetween(0.90, 0.985);
  }

  /** The k-th smallest value (0-based), found by counting how many values lie below each one. */
  private static double orderStatistic(double[] v, int k) {
    for (double candidate : v) {
      int below = 0;
      int equal = 0;
      for (double w : v) {
        if (w < candidate) {
          below++;
        } else if (w == candidate) {
          equal++;
        }
      }
      if (below <= k && k < below + equal) {
        return candidate;
      }
    }
    throw new AssertionError();
  }
}
