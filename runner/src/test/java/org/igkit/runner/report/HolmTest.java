package org.igkit.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm's correction against adjustments worked out by hand. */
class HolmTest {

  @Test
  void adjustsAHandExampleInTheOriginalOrder() {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06
    double[] adjusted = Holm.adjust(new double[] {0.01, Double.NaN, 0.04, 0.03, 0.005});
    assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
    assertThat(adjusted[1]).isNaN();
    assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[3]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[4]).isCloseTo(0.02, within(1e-15));
  }

  @Test
  void capsAtOneAndKeepsASingleTestAsItIs() {
    assertThat(Holm.adjust(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
    assertThat(Holm.adjust(new double[] {0.042})).containsExactly(0.042);
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void tiesGetTheSameAdjustedValue() {
    // m = 3: 0.01·3 = 0.03, 0.01·2 = 0.02 → 0.03, 0.5·1 = 0.5
    assertThat(Holm.adjust(new double[] {0.01, 0.5, 0.01}))
        .containsExactly(0.03, 0.5, 0.03);
  }
}
