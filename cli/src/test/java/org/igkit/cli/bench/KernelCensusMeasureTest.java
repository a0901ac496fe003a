package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.CountingComputeBackend;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel census on the tiny experiment: its three rows (shares at the experiment's size and at
 * the plan's large size, the kernels called), the per-kernel table, the experiments of a
 * {@code papers/} folder beside the experiment file, and the process's backend restored after it.
 * No timing is asserted: shares lie in [0, 1] and the speed-up bound is Amdahl's 1/(1−s).
 */
class KernelCensusMeasureTest {

  @TempDir Path dir;

  @Test
  void reportsSharesAndKernelsOfEveryExperimentAndRestoresTheBackend() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Path yaml = TinyBench.experiment(dir);
    // a second experiment in papers/: the tiny one again under another name, its paths one folder up
    Files.createDirectories(dir.resolve("papers"));
    Files.writeString(dir.resolve("papers/again.yaml"), Files.readString(yaml).replace("name: tiny-bench", "name: again")
        .replace("path: tiny.params", "path: ../tiny.params").replace("path: images", "path: ../images"));
    Files.writeString(dir.resolve("papers/broken.yaml"), "name: broken\n");
    Experiment e = new ExperimentLoader(registry).load(yaml);
    StringWriter progress = new StringWriter();
    BenchContext context = new BenchContext(e, registry, new PrintWriter(progress, true), Clock.CPU, null);
    var before = ComputeBackends.get();

    BenchReport part = new KernelCensusMeasure().run(TinyBench.PLAN, context);

    assertThat(ComputeBackends.get()).isSameAs(before);
    assertThat(part.header()).isEmpty();
    assertThat(part.rows()).hasSize(3).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.INFO));
    assertThat(part.rows().get(0).measure()).startsWith("Java-side kernels: share of run time at the experiments' sizes"
        + " (12×12; 2 experiments, 1 sample each");
    assertThat(part.rows().get(1).measure()).startsWith("Java-side kernels: share of run time at 16×16 (tiny-bench's");
    assertThat(part.rows().get(2).measure()).isEqualTo("Java-side kernels called (3 runs)");
    for (int i = 0; i < 2; i++) {
      String measured = part.rows().get(i).measured();
      assertThat(measured).matches("\\d+(\\.\\d+)? %.*offloading them all speeds a run up by at most ×\\d+\\.\\d{3}");
      double share = Double.parseDouble(measured.substring(0, measured.indexOf(' '))) / 100;
      assertThat(share).isBetween(0.0, 1.0);
    }
    // deletion and insertion rank the map and build their curves' images: an offloading backend's calls
    assertThat(part.rows().get(2).measured()).contains("spatialSum").contains("rankDescending").contains("composites")
        .contains("never called:");
    assertThat(part.notes()).anySatisfy(n -> assertThat(n).startsWith("  | spatialSum | "));
    assertThat(part.notes()).anySatisfy(n -> assertThat(n).contains("broken.yaml"));
    assertThat(progress.toString()).contains("kernel census: again (2 of 2)");
  }

  @Test
  void theBoundIsAmdahls() {
    assertThat(KernelCensusMeasure.amdahl(0)).isEqualTo(1.0);
    assertThat(KernelCensusMeasure.amdahl(0.5)).isCloseTo(2.0, within(1e-15));
    assertThat(KernelCensusMeasure.amdahl(0.01)).isCloseTo(1 / 0.99, within(1e-15));
    assertThat(CountingComputeBackend.OPERATIONS).contains("composites");
  }
}
