package org.igkit.runner.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.igkit.api.random.RandomSource;
import org.igkit.runner.config.Experiment;
import org.igkit.api.model.ModelSpec;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.Provenance;
import org.igkit.runner.results.ProvenanceReader;
import org.igkit.runner.results.ProvenanceWriter;

/**
 * Writes what makes a run reproducible: {@code provenance.json} (resolved configuration, seeds,
 * versions, hashes of model and data) and {@code resolved.yaml} (the configuration with every
 * default filled in and every path absolute, which {@code igkit run --reproduce} runs again).
 */
final class Provenances {

  /** The resolved configuration, as YAML the experiment loader reads. */
  static final String RESOLVED_YAML = "resolved.yaml";

  private Provenances() {}

  static void write(Path output, Experiment experiment, String[] sampleIds, ModelSpec model,
      Map<String, String> runtime, String modelSha256, String dataFingerprint) {
    try {
      Map<String, Object> config = experiment.resolved();
      AtomicFiles.write(output.resolve(RESOLVED_YAML), yaml(config).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      RandomSource root = RandomSource.of(experiment.seed());
      Map<String, Long> seeds = new LinkedHashMap<>();
      for (String id : sampleIds) {
        seeds.put("sample:" + id, root.derive("sample:" + id).seed());
      }
      Map<String, Integer> threads = new LinkedHashMap<>();
      threads.put("intraOp", model.intraOpThreads());
      threads.put("interOp", model.interOpThreads());
      Provenance p =
          Provenance.builder()
              .setExperiment(experiment.name())
              .setConfig(config)
              .setSeed(experiment.seed())
              .optDerivedSeeds(seeds)
              .optDjlVersion(runtime.get("djl"))
              .optLibtorchVersion(runtime.get("libtorch"))
              .optThreads(threads)
              .optBackend(org.igkit.api.compute.ComputeBackends.get().name())
              .optModelSha256(modelSha256)
              .optDataFingerprint(dataFingerprint)
              .optWorkingDirectory(experiment.source() == null ? Path.of(".") : experiment.source().toAbsolutePath().getParent())
              .build();
      ProvenanceWriter.write(output.resolve(ProvenanceWriter.FILE_NAME), p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the provenance of " + output, e);
    }
  }

  /**
   * Records, at the end of a run, what really ran the Java-side kernels: {@code backend} (see
   * {@link org.igkit.api.compute.ComputeBackends#describe}) replaces the backend written at the
   * start when the two differ — when the backend ran some kernels as plain Java instead.
   */
  static void recordBackend(Path output, String backend) throws IOException {
    Path file = output.resolve(ProvenanceWriter.FILE_NAME);
    Provenance p = ProvenanceReader.read(file);
    if (!backend.equals(p.backend())) {
      ProvenanceWriter.write(file, p.withBackend(backend));
    }
  }

  /** Renders a configuration map as block-style YAML. */
  static String yaml(Map<String, Object> config) throws IOException {
    ObjectMapper m = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    return m.writeValueAsString(config);
  }

  /** Returns whether {@code dir} holds a run that can be reproduced. */
  static boolean reproducible(Path dir) {
    return Files.isRegularFile(dir.resolve(RESOLVED_YAML));
  }
}
