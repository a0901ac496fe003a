package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.igkit.api.model.ModelSpec;
import org.igkit.runner.run.RunFingerprints;
import org.junit.jupiter.api.Test;

/**
 * {@code model.precision} in an experiment: read from YAML, refused with a located message when it
 * is not a precision, and part of the resolved configuration, so provenance records it and a run
 * folder of one precision is never resumed with the other.
 */
class ModelPrecisionConfigTest {

  private final ExperimentLoader loader = new ExperimentLoader(TestPlugins.registry());
  private final Path source = TestPlugins.resources("models").resolve("x.yaml");

  private static String yaml(String precision) {
    return "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8]" + (precision == null ? "" : ", precision: " + precision)
        + "}\ndataset: test-shapes\nmethods: [{name: IG, baselines: black}]\n";
  }

  @Test
  void precisionIsReadAndDefaultsToFloat32() {
    assertThat(loader.parse(yaml(null), source).model().precision()).isEqualTo(ModelSpec.FLOAT32);
    assertThat(loader.parse(yaml("float64"), source).model().computesInDouble()).isTrue();
  }

  @Test
  void anUnknownPrecisionIsALocatedError() {
    assertThatThrownBy(() -> loader.parse(yaml("double"), source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            source + ":2:58 model.precision: must be one of [float32, float64], was 'double'"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void precisionIsInTheResolvedConfigurationAndTheRunFingerprint() {
    Experiment single = loader.parse(yaml(null), source);
    Experiment dbl = loader.parse(yaml("float64"), source);
    assertThat((Map<String, Object>) single.resolved().get("model")).containsEntry("precision", "float32");
    Map<String, Object> f32 = RunFingerprints.config(single);
    Map<String, Object> f64 = RunFingerprints.config(dbl);
    assertThat((Map<String, Object>) f32.get("model")).containsEntry("precision", "float32");
    assertThat((Map<String, Object>) f64.get("model")).containsEntry("precision", "float64");
    assertThat(f64).isNotEqualTo(f32);
  }
}
