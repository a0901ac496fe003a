package org.igkit.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryStatisticsTest {

  @Test
  void meanAndSampleStandardDeviation() {
    SummaryStatistics s = SummaryStatistics.of(2, 4, 4, 4, 5, 5, 7, 9);
    assertThat(s.n()).isEqualTo(8);
    assertThat(s.mean()).isEqualTo(5.0);
    // Σ (v − 5)² = 32, / 7
    assertThat(s.std()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void degenerateCounts() {
    assertThat(SummaryStatistics.of(3.5)).isEqualTo(new SummaryStatistics(1, 3.5, 0));
    assertThat(SummaryStatistics.of().mean()).isNaN();
  }
}
