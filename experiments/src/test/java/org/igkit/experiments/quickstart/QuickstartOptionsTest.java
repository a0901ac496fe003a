package org.igkit.experiments.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.igkit.experiments.training.TrainingSpec;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

  @Test
  void defaults() {
    QuickstartOptions o = QuickstartOptions.defaults();
    assertThat(o.out()).isEqualTo(Path.of("runs/quickstart"));
    assertThat(o.samples()).isEqualTo(16);
    assertThat(o.seed()).isEqualTo(8);
    assertThat(o.steps()).isEqualTo(32);
    assertThat(o.training()).isEqualTo(TrainingSpec.defaults());
  }

  @Test
  void parsesEveryOption() {
    QuickstartOptions o = QuickstartOptions.parse(new String[] {
        "--out", "x/y", "--samples", "3", "--seed", "-5", "--train-size", "100", "--epochs", "2",
        "--test-size", "50", "--steps", "8", "--batch-size", "4"});
    assertThat(o).isEqualTo(new QuickstartOptions(Path.of("x/y"), 3, -5, 50, 8, 4, new TrainingSpec(100, 2, null, null, null)));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--sample", "3", "--steps", "many", "--epochs", "0"}))
        .hasMessage(String.join("\n",
            "unknown option '--sample', did you mean '--samples'? (known: --out, --samples, --seed, --train-size, "
                + "--epochs, --test-size, --steps, --batch-size)",
            "--steps: must be an integer, was 'many'",
            "--epochs: must be ≥ 1, was 0"));
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--samples", "0"}))
        .hasMessage("--samples: must be ≥ 1, was 0");
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[] {"--out"})).hasMessage("--out: needs a value");
  }
}
