package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.step.StepRule;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.guided.GuidedPath;
import org.igkit.paths.step.PathDifferencesStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.junit.jupiter.api.Test;

/**
 * A method's {@code preset:} expands into the path and step rule that reproduce the reference (the
 * numbers themselves are checked against the reference loops in the paths module's
 * {@code ReferenceLoopsTest}), {@code steps:} sets their step count, and what would silently
 * take other steps is refused.
 */
class MethodPresetTest {

  private static Experiment parse(String methods) {
    return TestPlugins.parseMethods(methods);
  }

  private static List<String> errors(String methods) {
    return TestPlugins.methodErrors(methods);
  }

  @Test
  void pairBlurIgIsTheBlurPathWithTheRightRiemannSumOver100Steps() {
    MethodConfig m = parse("  - {name: B, preset: pair-blur-ig}\n").methods().get(0);
    assertThat(m.path()).isEqualTo(
        new PluginConfig(org.igkit.api.path.Path.class, "blur", new BlurPath.Spec(50.0, 0.01, "linear", "zero")));
    assertThat(m.stepRule()).isEqualTo(new PluginConfig(StepRule.class, "riemann", new RiemannStepRule.Spec(100, "right")));
    assertThat(m.baselines()).isEmpty();
    MethodConfig s64 = parse("  - {name: B, preset: pair-blur-ig, steps: 64}\n").methods().get(0);
    assertThat(s64.stepRule().spec()).isEqualTo(new RiemannStepRule.Spec(64, "right"));
  }

  @Test
  void guidedPresetsFixTheGuidedSettingsAndThePointDifferenceSum() {
    List<MethodConfig> ms = parse(
        "  - {name: P, preset: pair-guided-ig}\n  - {name: S, preset: sig-guided-ig}\n"
            + "  - {name: M, preset: ma-gig-guided-ig, steps: 64, baselines: white}\n").methods();
    assertThat(ms.get(0).path().spec()).isEqualTo(new GuidedPath.Spec("pair", 0.25, 0.02));
    assertThat(ms.get(0).stepRule()).isEqualTo(
        new PluginConfig(StepRule.class, "path-differences", new PathDifferencesStepRule.Spec(200)));
    assertThat(ms.get(0).baselines()).containsExactly(
        new PluginConfig(BaselineSampler.class, "black", new ConstantBaselineSampler.Spec()));
    assertThat(ms.get(1).path().spec()).isEqualTo(new GuidedPath.Spec("sig", 0.1, 1.0));
    assertThat(ms.get(1).stepRule().spec()).isEqualTo(new PathDifferencesStepRule.Spec(199));
    assertThat(ms.get(2).path().spec()).isEqualTo(new GuidedPath.Spec("ma-gig", 0.1, 1.0));
    assertThat(ms.get(2).stepRule().spec()).isEqualTo(new PathDifferencesStepRule.Spec(64));
    assertThat(ms.get(2).baselines()).extracting(PluginConfig::type).containsExactly("white");
  }

  @Test
  void aPresetResolvesExactlyAsTheMethodWrittenOut() {
    List<MethodConfig> ms = parse(
        "  - {name: A, preset: pair-guided-ig, steps: 32}\n"
            + "  - {name: A2, baselines: black, path: {type: guided, preset: pair}, stepRule: {type: path-differences, steps: 32}}\n")
        .methods();
    MethodConfig written = ms.get(1);
    assertThat(ms.get(0)).isEqualTo(
        new MethodConfig("A", written.baselines(), written.path(), written.stepRule(), written.aggregator()));
  }

  @Test
  void combinationsThatWouldTakeOtherStepsAreRefusedWithTheKeyNamed() {
    assertThat(errors("  - {name: B, preset: pair-blur-ig, stepRule: {type: riemann, steps: 64}}\n"))
        .singleElement().asString()
        .contains("methods[0].stepRule: cannot go with preset 'pair-blur-ig'")
        .contains("set steps: beside the preset");
    assertThat(errors("  - {name: B, preset: pair-guided-ig, path: straight}\n"))
        .singleElement().asString().contains("methods[0].path: cannot go with preset 'pair-guided-ig'");
    assertThat(errors("  - {name: B, baselines: black, steps: 64}\n"))
        .singleElement().asString().contains("methods[0].steps: only goes with preset (known: pair-blur-ig,");
    assertThat(errors("  - {name: B, preset: pair-blur, steps: 64}\n"))
        .singleElement().asString()
        .contains("methods[0].preset: must be one of: pair-blur-ig, pair-guided-ig, sig-guided-ig, ma-gig-guided-ig");
    assertThat(errors("  - {name: B, preset: pair-blur-ig, steps: 0}\n"))
        .singleElement().asString().contains("methods[0].steps: must be a whole number ≥ 1");
  }
}
