package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.igkit.runner.run.RunFingerprints;
import org.junit.jupiter.api.Test;

/** The {@code report:} settings: defaults, values, located errors, and that they change no result. */
class ReportOptionsTest {

  private final ExperimentLoader loader = new ExperimentLoader(TestPlugins.registry());
  private final Path source = TestPlugins.resources("").resolve("exp.yaml");
  private static final String BASE = "name: x\nmodel: {path: models/tiny.pt, inputShape: [3, 8, 8]}\ndataset: test-shapes\n"
      + "methods: [{name: IG, baselines: black}]\n";

  @Test
  void leftOutTheReportTakesItsDefaultsAndTheResolvedConfigHasNoReportKey() {
    Experiment e = loader.parse(BASE, source);
    assertThat(e.report()).isEqualTo(ReportOptions.DEFAULTS);
    assertThat(e.report().maxSamples()).isEqualTo(8);
    assertThat(e.report().sign()).isEqualTo("diverging");
    assertThat(e.report().samples()).isEmpty();
    assertThat(e.resolved()).doesNotContainKey("report");
  }

  @Test
  void givenSettingsAreReadAndLeaveTheFingerprintAlone() {
    Experiment e = loader.parse(BASE + "report: {samples: [s3, 17], maxSamples: 20, sign: absolute, completenessThreshold: 0.25}\n",
        source);
    assertThat(e.report()).isEqualTo(new ReportOptions(List.of("s3", "17"), 20, "absolute", 0.25));
    assertThat(e.resolved()).containsKey("report");
    assertThat(RunFingerprints.config(e)).isEqualTo(RunFingerprints.config(loader.parse(BASE, source)));
  }

  @Test
  void badSettingsAreLocatedErrorsAllAtOnce() {
    assertThatThrownBy(() -> loader.parse(BASE + "report: {samples: s3, maxSamples: -1, sign: rainbow, colour: red}\n", source))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors())
            .extracting(err -> err.toString().substring(err.toString().indexOf("exp.yaml:"))).containsExactlyInAnyOrder(
            "exp.yaml:5:19 report.samples: must be a list of sample ids, was 's3'",
            "exp.yaml:5:35 report.maxSamples: must be between 0 and 1000 (each sample adds one image per cell to the page), was -1",
            "exp.yaml:5:45 report.sign: must be one of diverging, positive, absolute, was 'rainbow'",
            "exp.yaml:5:54 report: unknown key 'colour' (allowed: samples, maxSamples, sign, completenessThreshold)"));
  }
}
