package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.cli.bench.BenchReport.Verdict;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void rendersHeaderMarkdownTableAndNotesWithPipesEscaped() {
    BenchReport r = new BenchReport.Builder()
        .header("igkit bench: model m")
        .row("ratio a | b", "1.02", "≥ 0.95", Verdict.MET)
        .row("ratio c", "1.60", "≤ 1.25", Verdict.NOT_MET)
        .row("rate", "3.1 samples/s", "–", Verdict.INFO)
        .note("- why c is high")
        .build();
    assertThat(r.table()).isEqualTo("""
        igkit bench: model m

        | measure | measured | goal | met |
        |---|---|---|---|
        | ratio a \\| b | 1.02 | ≥ 0.95 | yes |
        | ratio c | 1.60 | ≤ 1.25 | **no** |
        | rate | 3.1 samples/s | – | – |

        - why c is high
        """);
    assertThat(r.unmet()).extracting(BenchReport.Row::measure).containsExactly("ratio c");
    assertThat(Verdict.of(true)).isEqualTo(Verdict.MET);
    assertThat(Verdict.of(false)).isEqualTo(Verdict.NOT_MET);
  }
}
