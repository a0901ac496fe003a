package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfOddAndEvenCountsAndItLeavesTheInputAlone() {
    double[] v = {5, 1, 3};
    assertThat(Stats.median(v)).isEqualTo(3);
    assertThat(v).containsExactly(5, 1, 3);
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Stats.median(new double[] {7})).isEqualTo(7);
    assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void meanAndSampleStandardDeviation() {
    double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
    assertThat(Stats.mean(v)).isEqualTo(5);
    // Σ(x − 5)² = 32, n − 1 = 7
    assertThat(Stats.std(v)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    assertThat(Stats.std(new double[] {3})).isZero();
    assertThat(Stats.minus(new double[] {3, 1}, new double[] {1, 4})).containsExactly(2, -3);
    assertThatThrownBy(() -> Stats.minus(new double[1], new double[2])).hasMessageContaining("lengths differ");
  }
}
