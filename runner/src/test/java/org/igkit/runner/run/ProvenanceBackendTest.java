package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.testkit.FallingBackBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provenance.json} records what really ran the Java-side kernels: a backend that ran some
 * operations as plain Java instead (a device's bailout) is named with those operations and how
 * often, counted over this run only; a backend that did not is named alone. The results do not
 * depend on it.
 */
class ProvenanceBackendTest {

  @TempDir Path dir;

  @Test
  void aBackendThatFellBackIsRecordedWithItsFallbacksOfThisRun() throws IOException {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    FallingBackBackend backend = new FallingBackBackend(true);
    backend.rankings().set(5); // before the run: not this run's
    Path out = dir.resolve("fell-back");
    try (ComputeBackends.Installed ignored = ComputeBackends.install(backend)) {
      new ExperimentRunner(registry).run(experiment(registry, "fell-back"), out, new ExperimentRunner.Listener() {});
    }
    long thisRun = backend.rankings().get() - 5;
    assertThat(thisRun).isPositive();
    assertThat(ProvenanceReader.read(out.resolve(ProvenanceWriter.FILE_NAME)).backend())
        .isEqualTo("fake-device (java fallback: rankDescending ×" + thisRun + ")");

    Path plain = dir.resolve("plain");
    try (ComputeBackends.Installed ignored = ComputeBackends.install(new FallingBackBackend(false))) {
      new ExperimentRunner(registry).run(experiment(registry, "plain"), plain, new ExperimentRunner.Listener() {});
    }
    assertThat(ProvenanceReader.read(plain.resolve(ProvenanceWriter.FILE_NAME)).backend()).isEqualTo("fake-device");
    assertThat(Files.readAllBytes(plain.resolve(ResultsCsv.RESULTS_FILE)))
        .isEqualTo(Files.readAllBytes(out.resolve(ResultsCsv.RESULTS_FILE)));
  }

  private Experiment experiment(PluginRegistry registry, String name) throws IOException {
    String text = """
        name: provenance-backend
        seed: 3
        model:
          path: %s
          format: torchscript
          inputShape: [3, 32, 32]
        dataset: {type: fault-test, fault: MODEL_OUTPUT_SHAPE}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
        batchSize: 8
        """.formatted(org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt").toString().replace('\\', '/'));
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new ExperimentLoader(registry).load(file);
  }
}
