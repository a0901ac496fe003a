package org.igkit.experiments.papers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.igkit.runner.Experiments;
import org.igkit.runner.report.SummaryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDGI paper's Table 1 direction on the shapes benchmark model: IDGI raises the insertion AUC
 * of its base path for IG, Guided IG and Blur IG (40 samples, seed 8, the committed experiment
 * file {@code papers/idgi-insertion.yaml}).
 */
class IdgiImprovesInsertionTest {

  @TempDir Path out;

  @Test
  void idgiRaisesInsertionAucOverEachBasePath() throws Exception {
    Experiments.Result r = Experiments.run(Path.of("papers/idgi-insertion.yaml"), out);
    for (String base : new String[] {"IG", "GuidedIG", "BlurIG"}) {
      SummaryRow plain = r.summary().row(base, "insertion-auc").orElseThrow();
      SummaryRow idgi = r.summary().row(base + "-IDGI", "insertion-auc").orElseThrow();
      assertThat(plain.n()).isEqualTo(40);
      assertThat(idgi.n()).isEqualTo(40);
      assertThat(idgi.mean()).as("%s + IDGI vs %s", base, base).isGreaterThan(plain.mean());
    }
  }
}
