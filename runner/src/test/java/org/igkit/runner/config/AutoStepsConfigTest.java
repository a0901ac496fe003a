package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.paths.step.GaussLegendreStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.junit.jupiter.api.Test;

/** {@code stepRule.steps} in YAML: an integer or {@code auto}, with the auto settings beside it. */
class AutoStepsConfigTest {

  private final PluginRegistry registry = TestPlugins.registry();
  private final ExperimentLoader loader = new ExperimentLoader(registry);
  private final Path source = TestPlugins.resources("models").resolve("x.yaml");

  private static String yaml(String stepRule) {
    return "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8]}\ndataset: test-shapes\n"
        + "methods:\n  - name: IG\n    baselines: black\n    stepRule: " + stepRule + "\n";
  }

  @Test
  void autoWithItsSettingsLoadsAndResolvesWithThem() {
    Experiment e = loader.parse(yaml("{type: riemann, variant: trapezoid, steps: auto, tolerance: 1e-4, start: 8, maxSteps: 512}"), source);
    PluginConfig rule = e.methods().get(0).stepRule();
    assertThat(rule.spec()).isEqualTo(new RiemannStepRule.Spec("auto", "trapezoid", 1e-4, 8, 512));
    assertThat(rule.resolved()).containsEntry("steps", "auto").containsEntry("tolerance", 1e-4)
        .containsEntry("start", 8).containsEntry("maxSteps", 512);
    Experiment g = loader.parse(yaml("{type: gauss-legendre, steps: auto}"), source);
    assertThat(g.methods().get(0).stepRule().spec()).isEqualTo(new GaussLegendreStepRule.Spec("auto", 1e-3, 16, 1024));
  }

  @Test
  void aFixedCountResolvesExactlyAsBeforeWithoutTheAutoKeys() {
    Experiment e = loader.parse(yaml("{type: riemann, steps: 32}"), source);
    assertThat(e.methods().get(0).stepRule().resolved()).containsExactly(
        java.util.Map.entry("type", "riemann"), java.util.Map.entry("steps", 32), java.util.Map.entry("variant", "midpoint"));
    Experiment g = loader.parse(yaml("gauss-legendre"), source);
    assertThat(g.methods().get(0).stepRule().resolved()).containsExactly(
        java.util.Map.entry("type", "gauss-legendre"), java.util.Map.entry("steps", 50));
  }

  @Test
  void badStepsAndAutoSettingsWithoutAutoAreLocatedErrors() {
    assertThatThrownBy(() -> loader.parse(yaml("{type: riemann, steps: many}"), source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            source + ":7:38 methods[0].stepRule.steps: must be an integer ≥ 1 or auto, was 'many'"));
    assertThatThrownBy(() -> loader.parse(yaml("{type: riemann, steps: 32, start: 8}"), source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            source + ":7:49 methods[0].stepRule.start: only goes with steps: auto, was 8"));
    assertThatThrownBy(() -> loader.parse(yaml("{type: idgi, steps: auto}"), source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            source + ":7:35 methods[0].stepRule.steps: idgi is complete at every step count, so auto has no gap"
                + " to close; give the number of steps, e.g. 50"));
    assertThatThrownBy(() -> loader.parse(yaml("{type: path-differences, steps: auto}"), source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            source + ":7:47 methods[0].stepRule.steps: must be an integer, was 'auto'"));
  }
}
