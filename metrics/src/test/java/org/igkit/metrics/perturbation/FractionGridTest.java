package org.igkit.metrics.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fraction grid of perturbation curves. */
class FractionGridTest {

  @Test
  void gridCountsRoundHalfUp() {
    FractionGrid g = FractionGrid.of(8, 4);
    assertThat(g.counts()).containsExactly(0, 1, 1, 2, 2, 3, 3, 4, 4);
    assertThat(g.fractions()).containsExactly(0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1);
  }
}
