package org.igkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate}'s notes on shared integration, on the quick start and variants of it: the
 * methods that share their integrals, and for the two-stage filter whether its cheap pass is a
 * stage of the rule (a nested rule, a count in its chain of halvings, a pointwise path, at least a
 * batch of nodes) or, naming the reason, a pass of its own.
 */
class SharingNotesTest {

  @TempDir Path tmp;

  private List<String> notes(String yaml) throws IOException {
    Path file = tmp.resolve("e.yaml");
    Files.writeString(file, yaml);
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    assertThat(loader.validate(file)).isEmpty();
    return SharingNotes.of(loader.load(file), registry);
  }

  private static String quickstart() throws IOException {
    String text = Files.readString(Checkout.experiments().resolve("quickstart.yaml"));
    return text.replace("path: models/shapes-small-cnn.params", "path: " + Checkout.quickStartModel());
  }

  @Test
  void theQuickStartsCheapPassIsAStageOfTheIntegralsItsMethodsShare() throws IOException {
    List<String> notes = notes(quickstart());
    assertThat(notes).containsExactly(
        "EG, WG, filtered-WG integrate the same baselines along the same path with the same step rule: each sample's"
            + " integrals are computed once and shared",
        "filtered-WG's cheap pass (8 steps of riemann(32, trapezoid)) is a stage of the full integrals (stages 8, 16,"
            + " 32): its survivors add only the finer nodes, and the other methods' integrals of the same baselines"
            + " contain it");
  }

  @Test
  void aCheapPassOfItsOwnSaysWhy() throws IOException {
    String q = quickstart();
    assertThat(notes(q.replace("variant: trapezoid, ", ""))).last().asString()
        .startsWith("filtered-WG's cheap pass (8 steps of riemann(32, midpoint)) is computed on its own:")
        .contains("does not nest");
    assertThat(notes(q.replace("cheapSteps: 8", "cheapSteps: 4"))).last().asString()
        .endsWith("is computed on its own: 4 is not among the rule's stages (8, 16, 32)");
    assertThat(notes(q.replace("batchSize: 32", "batchSize: 64"))).last().asString()
        .endsWith("the rule's 33 nodes are fewer than batchSize 64, so a batch holds several baselines and the engine"
            + " integrates in one pass");
  }

  @Test
  void methodsWithAnotherRuleShareNothing() throws IOException {
    String q = quickstart();
    int eg = q.indexOf("- name: EG");
    String changed = q.substring(0, eg)
        + q.substring(eg).replaceFirst("variant: trapezoid, steps: 32", "variant: trapezoid, steps: 16");
    List<String> notes = notes(changed);
    assertThat(notes.get(0)).startsWith("WG, filtered-WG integrate the same baselines");
    assertThat(notes.get(1)).contains("is a stage of the full integrals").contains("contain it");
  }
}
