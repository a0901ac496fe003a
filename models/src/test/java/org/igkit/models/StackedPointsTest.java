package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.igkit.api.model.ScoresAndGradients;
import org.junit.jupiter.api.Test;

/**
 * The native buffer the points are stacked into is kept from call to call: what a call answers
 * must not depend on the calls before it, whatever their batch sizes.
 */
class StackedPointsTest {

  @Test
  void answersDoNotDependOnEarlierCallsOfOtherSizes() {
    List<float[]> five = List.of(Fixtures.randomImage(1), Fixtures.randomImage(2), Fixtures.randomImage(3),
        Fixtures.randomImage(4), Fixtures.randomImage(5));
    List<float[]> two = List.of(Fixtures.randomImage(6), Fixtures.randomImage(7));
    int[] t5 = {0, 1, 2, 3, 4};
    int[] t2 = {5, 5};
    ScoresAndGradients fresh;
    float[] freshScores;
    try (DjlModelFunction model = DjlModelFunction.load(Fixtures.tinyCnn())) {
      fresh = model.scoresAndGradients(two, t2);
      freshScores = model.scores(two, t2);
    }
    try (DjlModelFunction model = DjlModelFunction.load(Fixtures.tinyCnn())) {
      ScoresAndGradients first = model.scoresAndGradients(five, t5);
      ScoresAndGradients small = model.scoresAndGradients(two, t2);
      float[] smallScores = model.scores(two, t2);
      ScoresAndGradients again = model.scoresAndGradients(five, t5);
      assertThat(small.scores()).containsExactly(fresh.scores());
      assertThat(smallScores).containsExactly(freshScores);
      for (int i = 0; i < 2; i++) {
        assertThat(small.gradients().get(i)).containsExactly(fresh.gradients().get(i));
      }
      assertThat(again.scores()).containsExactly(first.scores());
      for (int i = 0; i < 5; i++) {
        assertThat(again.gradients().get(i)).containsExactly(first.gradients().get(i));
        assertThat(again.gradients().get(i)).isNotSameAs(first.gradients().get(i));
      }
      float[][] rows = model.outputs(two);
      for (int i = 0; i < 2; i++) {
        assertThat(rows[i][t2[i]]).isEqualTo(smallScores[i]);
      }
    }
  }
}
