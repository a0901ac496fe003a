package org.igkit.experiments.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void boldsTheBestMeanInTheMetricsDirection() {
    var t = new SummaryTable(List.of("A", "B"),
        List.of(new SummaryTable.Column("low", false), new SummaryTable.Column("high", true)));
    t.add("A", "low", 1);
    t.add("A", "low", 3);
    t.add("B", "low", 4);
    t.add("B", "low", 4);
    t.add("A", "high", 1);
    t.add("A", "high", 1);
    t.add("B", "high", 5);
    assertThat(t.markdown()).isEqualTo("""
        | method | low ↓ | high ↑ |
        |---|---|---|
        | A | **2.000 ± 1.414** | 1.000 ± 0 |
        | B | 4.000 ± 0 | **5.000 ± 0** (n = 1) |

        n = 2 samples per cell; mean ± sample standard deviation; best mean per metric in bold (↑ higher is better, ↓ lower is better).
        """);
  }

  @Test
  void formatsSmallNumbersInScientificNotation() {
    assertThat(SummaryTable.format(1.234567e-7)).isEqualTo("1.235e-07");
    assertThat(SummaryTable.format(0.012345)).isEqualTo("0.01235");
    assertThat(SummaryTable.format(0)).isEqualTo("0");
  }
}
