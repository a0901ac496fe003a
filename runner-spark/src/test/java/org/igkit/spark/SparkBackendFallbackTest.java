package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;
import org.igkit.testkit.FallingBackBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executors' compute backends in {@code provenance.json} name the kernels they ran as plain
 * Java instead (a device's bailouts): in local mode the executors share the process's backend,
 * here one that reports every ranking as such a fallback.
 */
class SparkBackendFallbackTest {

  @Test
  void theExecutorsBackendsNameTheirFallbacks(@TempDir Path tmp) throws Exception {
    Path model = LocalSpark.quickStartModel();
    Path yaml = Files.writeString(tmp.resolve("exp.yaml"), """
        name: spark-fallbacks
        seed: 5
        model: {path: '%s', format: djl-block, architecture: small-cnn, width: 16, inputShape: [3, 32, 32], numClasses: 4}
        dataset: {type: shapes, split: test, count: 8, limit: 2}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
        batchSize: 8
        threads: 1
        """.formatted(model));
    Path out = tmp.resolve("spark");
    try (JavaSparkContext sc = new JavaSparkContext(LocalSpark.conf("igkit-fallbacks"));
        ComputeBackends.Installed ignored = ComputeBackends.install(new FallingBackBackend(true))) {
      SparkExperiment.run(sc, yaml, out, 2);
    }
    String backend = ProvenanceReader.read(out.resolve(ProvenanceWriter.FILE_NAME)).backend();
    assertThat(backend.split("; ")).isNotEmpty()
        .allSatisfy(b -> assertThat(b).matches("fake-device \\(java fallback: rankDescending ×[1-9]\\d*\\)"));
  }
}
