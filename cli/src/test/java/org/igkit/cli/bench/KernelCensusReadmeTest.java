package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.api.compute.CountingComputeBackend;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.run.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's TornadoVM section and the kernel census in step: the section lists every kernel of the
 * backend exactly once, either as called in real runs or as never called by the built-in plugins,
 * and every kernel the quick start calls (one sample, counted by {@link KernelCensus}) is among
 * those listed as called. Counting changes no result: the census run's {@code results.csv} is
 * byte-identical to a plain run's.
 */
class KernelCensusReadmeTest {

  @TempDir Path dir;

  static final String CALLED = "**Called in real runs**";
  static final String UNUSED = "**Never called by the built-in plugins**";

  @Test
  void theReadmeListsExactlyTheKernelsRealRunsCall() throws IOException {
    Path root = repositoryRoot();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    Set<String> called = kernels(paragraph(readme, CALLED));
    Set<String> unused = kernels(paragraph(readme, UNUSED));
    assertThat(called).as("kernels README lists as called").isNotEmpty().doesNotContainAnyElementsOf(unused);
    Set<String> listed = new TreeSet<>(called);
    listed.addAll(unused);
    assertThat(listed).as("README's TornadoVM lists, together").isEqualTo(new TreeSet<>(CountingComputeBackend.OPERATIONS));

    PluginRegistry registry = PluginLoader.registry();
    Experiment quickstart = new ExperimentLoader(registry).load(root.resolve("experiments/quickstart.yaml"));
    KernelCensus.Run census = KernelCensus.run(quickstart, registry, null, 1, dir.resolve("census"));
    assertThat(census.counts()).isNotEmpty();
    assertThat(called).as("README's list of kernels called in real runs").containsAll(census.counts().keySet());
    assertThat(census.share()).isBetween(0.0, 1.0);

    Path plain = dir.resolve("plain");
    new ExperimentRunner(registry).run(quickstart.withSelection(
        new org.igkit.runner.config.Selection(0, 1, quickstart.selection().shardIndex(), quickstart.selection().shardCount()),
        plain.toString()).withParallelism(1, quickstart.threads()), plain, new ExperimentRunner.Listener() {});
    assertThat(Files.readAllBytes(dir.resolve("census").resolve(ResultsCsv.RESULTS_FILE)))
        .isEqualTo(Files.readAllBytes(plain.resolve(ResultsCsv.RESULTS_FILE)));
  }

  /** The folder holding README.md and experiments/, from the module's working folder up. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("experiments/quickstart.yaml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath()
        + " holds README.md and experiments/quickstart.yaml");
  }

  /** The paragraph of the TornadoVM section that starts with {@code marker}, up to the next blank line. */
  static String paragraph(String readme, String marker) {
    int section = readme.indexOf("## TornadoVM");
    assertThat(section).as("README's TornadoVM section").isNotNegative();
    int at = readme.indexOf(marker, section);
    assertThat(at).as("README's TornadoVM paragraph starting " + marker).isNotNegative();
    int end = readme.indexOf("\n\n", at);
    return readme.substring(at, end < 0 ? readme.length() : end);
  }

  /** The kernel names written as code in {@code text}, up to its first full stop after them. */
  static Set<String> kernels(String text) {
    Set<String> out = new LinkedHashSet<>();
    int stop = text.indexOf(". ");
    Matcher m = Pattern.compile("`([A-Za-z]+)`").matcher(stop < 0 ? text : text.substring(0, stop));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
