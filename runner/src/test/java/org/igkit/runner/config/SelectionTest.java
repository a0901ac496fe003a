package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void offsetAndLimitCutAWindowThatShardsSplitIntoContiguousParts() {
    assertThat(Selection.ALL.select(4)).containsExactly(0, 1, 2, 3);
    assertThat(new Selection(2, 3, 0, 1).select(10)).containsExactly(2, 3, 4);
    assertThat(new Selection(8, 5, 0, 1).select(10)).containsExactly(8, 9);
    assertThat(new Selection(12, null, 0, 1).select(10)).isEmpty();
    assertThat(new Selection(0, null, 1, 3).select(10)).containsExactly(3, 4, 5);
    assertThat(new Selection(0, null, 2, 3).shard()).isEqualTo("2/3");
  }

  @Test
  void theShardsOfAWindowCoverItExactlyOnce() {
    for (int n = 1; n <= 7; n++) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int[] part = new Selection(3, 11, i, n).select(20);
        assertThat(part.length).isBetween(11 / n, 11 / n + 1);
        IntStream.of(part).forEach(all::add);
      }
      assertThat(all).containsExactlyElementsOf(IntStream.range(3, 14).boxed().toList());
    }
  }

  @Test
  void invalidSelectionsAreRefused() {
    assertThatThrownBy(() -> new Selection(-1, null, 0, 1)).hasMessage("offset: must be ≥ 0, was -1");
    assertThatThrownBy(() -> new Selection(0, 0, 0, 1)).hasMessage("limit: must be ≥ 1, was 0");
    assertThatThrownBy(() -> new Selection(0, null, 2, 2)).hasMessage("shard: must be 'i/n' with 0 ≤ i < n, was '2/2'");
  }
}
