package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.igkit.api.engine.Smoothing;
import org.junit.jupiter.api.Test;

/** A method's {@code smoothing:} is read with its defaults, kept through the grid and refused with the key named. */
class SmoothingConfigTest {

  private static Experiment parse(String methods) {
    return TestPlugins.parseMethods(methods);
  }

  private static List<String> errors(String methods) {
    return TestPlugins.methodErrors(methods);
  }

  @Test
  void readsTheMappingAndThePlainIdWithDefaults() {
    List<MethodConfig> ms = parse("  - {name: A, baselines: black, smoothing: {type: vargrad, samples: 4, noise: 0.2}}\n"
        + "  - {name: B, baselines: black, smoothing: smoothgrad-sq}\n  - {name: C, baselines: black}\n").methods();
    assertThat(ms.get(0).smoothing()).isEqualTo(new Smoothing(Smoothing.Type.VARGRAD, 4, 0.2));
    assertThat(ms.get(1).smoothing()).isEqualTo(new Smoothing(Smoothing.Type.SMOOTHGRAD_SQ, 16, 0.15));
    assertThat(ms.get(2).smoothing()).isNull();
    assertThat(ms.get(0).resolved()).containsKey("smoothing");
    assertThat(ms.get(2).resolved()).doesNotContainKey("smoothing").doesNotContainKey("postprocess");
    assertThat(ms.get(0).with("stepRule", 0, ms.get(2).stepRule()).smoothing()).isEqualTo(ms.get(0).smoothing());
  }

  @Test
  void postprocessIsAPluginOfItsOwnRole() {
    MethodConfig m = parse("  - {name: A, baselines: black, postprocess: {type: xrai, scales: [100]}}\n").methods().get(0);
    assertThat(m.postprocess().type()).isEqualTo("xrai");
    assertThat(m.resolved()).containsKey("postprocess");
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, postprocess: xria}\n")))
        .contains("methods[0].postprocess").contains("did you mean").contains("xrai");
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, postprocess: {type: xrai, minSize: 0}}\n")))
        .contains("minSize");
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, smoothing: {type: smothgrad}}\n")))
        .contains("methods[0].smoothing.type").contains("smoothgrad-sq");
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, smoothing: {samples: 0}}\n")))
        .contains("methods[0].smoothing.samples").contains("≥ 1");
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, smoothing: {noise: -1}}\n")))
        .contains("methods[0].smoothing.noise");
    assertThat(String.join("\n", errors("  - {name: A, baselines: black, smoothing: {sample: 3}}\n")))
        .contains("sample").contains("samples");
  }
}
