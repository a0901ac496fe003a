package org.igkit.experiments.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.experiments.training.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start end to end at toy size: DJL training, five methods, four metrics, the report. */
class QuickstartTest {

  @TempDir Path dir;

  private static QuickstartOptions tiny(Path out) {
    return new QuickstartOptions(out, 2, 3, 40, 4, 16, new TrainingSpec(96, 1, 32, null, 4));
  }

  @Test
  void writesResultsSummaryAndProvenanceReproducibly() throws Exception {
    var log = new ByteArrayOutputStream();
    Path summary = Quickstart.run(tiny(dir.resolve("a")), new PrintStream(log, true, StandardCharsets.UTF_8));

    List<String> rows = Files.readAllLines(dir.resolve("a/results.csv"));
    assertThat(rows.get(0)).isEqualTo("sample,method,metric,value");
    assertThat(rows).hasSize(1 + 2 * 5 * 4);
    assertThat(rows.subList(1, rows.size()))
        .allMatch(r -> r.matches("test-\\d{4},(IG|IG\\+IDGI|EG|WG|Filtered WG),[a-z-]+,-?[0-9.E-]+"));
    String md = Files.readString(summary);
    assertThat(md)
        .contains("| method | deletion-auc ↓ | insertion-auc ↑ | completeness-gap ↓ | overlap-auc ↑ |")
        .contains("| Filtered WG |", "**", "n = 2 samples per cell")
        .doesNotContain("## Problems");
    assertThat(Files.readString(dir.resolve("a/provenance.json"))).contains("\"seed\": 3", "\"modelSha256\": \"");
    assertThat(Files.size(dir.resolve("a/model/small-cnn.params"))).isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("test accuracy");

    Quickstart.run(tiny(dir.resolve("b")), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(Files.readAllLines(dir.resolve("b/results.csv"))).isEqualTo(rows);
  }

  @Test
  void everyMethodIsBuiltFromTheRegistry() {
    var registry = PluginLoader.registry();
    assertThat(Quickstart.recipes(32)).extracting(MethodRecipe::name)
        .containsExactly("IG", "IG+IDGI", "EG", "WG", "Filtered WG");
    assertThat(Quickstart.recipes(32).get(4).describe(registry))
        .startsWith("wg-paper[imageIndex=0] · straight · riemann[steps=32, variant=midpoint] · filtered[")
        .contains("twoStage=true");
    Quickstart.recipes(32).forEach(r -> assertThat(r.build(registry).name()).isEqualTo(r.name()));
  }
}
