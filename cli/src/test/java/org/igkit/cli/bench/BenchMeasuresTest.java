package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.cli.bench.BenchReport.Row;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each measure on the tiny experiment, on its own: its rows, each with what was measured, a figure
 * that starts with its number, a goal and a verdict, and no header. No timing is asserted. (The
 * memory and parallel measures run child JVMs and whole experiments: {@link BenchTest} has them.)
 */
class BenchMeasuresTest {

  @TempDir Path dir;

  @Test
  void eachMeasureOnTheSamplesReturnsItsRowsWithEveryColumn() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Experiment e = new ExperimentLoader(registry).load(TinyBench.experiment(dir));
    StringWriter progress = new StringWriter();
    BenchContext context = new BenchContext(e, registry, new PrintWriter(progress, true), Clock.CPU, null);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("pipeline overhead", List.of("pipeline overhead: igkit IG throughput"));
    expected.put("WG cost ÷ EG cost", List.of("WG cost ÷ EG cost (", "WG cost ÷ EG cost at 16×16"));
    expected.put("fitness search rounds", List.of("fitness search: forward batches"));
    expected.put("two-stage filtering", List.of("two-stage filtered WG gradient evaluations", "deletion AUC"));
    expected.put("metric evaluation", List.of("metric evaluation:", "metric evaluation:", "metric evaluation:",
        "metric evaluation:"));

    try (BenchSamples samples = BenchSamples.load(e, registry, TinyBench.PLAN)) {
      BenchContext withSamples = context.withSamples(samples);
      List<BenchMeasure> measures = Bench.onSamples();
      assertThat(measures).extracting(BenchMeasure::name).containsExactlyElementsOf(expected.keySet());
      for (BenchMeasure measure : measures) {
        BenchReport part = measure.run(TinyBench.PLAN, withSamples);

        List<String> starts = expected.get(measure.name());
        assertThat(part.header()).as(measure.name()).isEmpty();
        assertThat(part.rows()).as(measure.name()).hasSize(starts.size());
        for (int i = 0; i < starts.size(); i++) {
          Row row = part.rows().get(i);
          assertThat(row.measure()).as(measure.name()).startsWith(starts.get(i));
          assertThat(row.measured()).as(measure.name()).matches("-?\\d+(\\.\\d+)?( %)? .*");
          assertThat(row.goal()).as(measure.name()).isNotBlank();
          assertThat(row.verdict()).as(measure.name()).isNotNull();
        }
      }
    }
    // the methods' maps are made once, for all the measures that compare them
    assertThat(progress.toString().split("EG, WG and two-stage filtered WG on ", -1)).hasSize(2);
  }

  @Test
  void sharedIntegrationCountsWhatTheModelComputesAndFindsTheSameBytes() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    TinyBench.experiment(dir);
    // IG stays alone (other baselines); EG, WG and a one-stage filter share each baseline's integral
    // (4 steps fill a batch of 4, so each baseline is batched on its own); the two-stage filter
    // integrates 3·2 cheap points, and its 2 survivors reuse EG's integrals.
    Path yaml = java.nio.file.Files.writeString(dir.resolve("shared.yaml"), """
        name: tiny-shared
        model: {path: tiny.params, format: djl-block, architecture: small-cnn, width: 4, inputShape: [3, 12, 12], numClasses: 2}
        dataset: {type: image-folder, path: images}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: EG
            baselines: {type: uniform-noise, count: 3}
            stepRule: {type: riemann, steps: 4}
          - name: WG
            baselines: {type: uniform-noise, count: 3}
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: fitness, neutral: zero}
          - name: filtered
            baselines: {type: uniform-noise, count: 3}
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: filtered, rule: threshold, fitness: {neutral: zero}}
          - name: two-stage
            baselines: {type: uniform-noise, count: 3}
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: filtered, rule: drop-lowest, drop: 1, twoStage: true, cheapSteps: 2}
        metrics: [insertion-auc]
        batchSize: 4
        """);
    Experiment e = new ExperimentLoader(registry).load(yaml);
    assertThat(SharedIntegralsMeasure.sharingGroup(e.methods())).extracting(m -> m.name())
        .containsExactly("EG", "WG", "filtered", "two-stage");
    BenchContext context = new BenchContext(e, registry, new PrintWriter(new StringWriter(), true), Clock.CPU, null);

    BenchReport part = new SharedIntegralsMeasure().run(TinyBench.PLAN, context);

    assertThat(part.rows()).hasSize(1);
    Row row = part.rows().get(0);
    assertThat(row.measure()).startsWith("shared integration: gradient evaluations of EG + WG + filtered + two-stage"
        + " with sharing ÷ without (3 samples)");
    // per sample: without 3·(3·4) + 3·2 + 2·4 = 50, with 3·4 + 3·2 = 18
    assertThat(row.measured()).isEqualTo("0.3600 (18 vs 50 per sample); identical");
    assertThat(row.verdict()).isEqualTo(Verdict.MET);
    assertThat(part.notes()).noneSatisfy(n -> assertThat(n).contains("Not met"));
    assertThat(System.getProperty(org.igkit.api.engine.SharedIntegrals.PROPERTY)).isNull();
  }

  @Test
  void withoutParallelSettingsTheParallelMeasureHasNoRowsAndTheSampleMeasuresNeedSamples() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Experiment e = new ExperimentLoader(registry).load(TinyBench.experiment(dir));
    BenchContext context = new BenchContext(e, registry, new PrintWriter(new StringWriter(), true), Clock.CPU, null);
    BenchPlan none = BenchPlan.builder().parallelSettings(List.of()).build();

    BenchReport part = new ParallelSamplesMeasure().run(none, context);

    assertThat(part.rows()).isEmpty();
    assertThat(part.notes()).isEmpty();
    assertThatThrownBy(() -> new FitnessRoundsMeasure().run(none, context)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model and samples");
  }
}
