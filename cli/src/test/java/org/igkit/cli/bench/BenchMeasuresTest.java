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
