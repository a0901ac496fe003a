package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target:} with several items attributes every cell once per item, under the name
 * {@code <cell>@<item>}, and each item's rows equal those of a run with that target alone — for
 * methods whose items share their forward passes (IG, WG), for one that draws from its cell's seed
 * (the sampling estimator, attributed item by item), with one worker or several.
 */
class MultiTargetTest {

  @TempDir Path dir;

  private static final String[] ITEMS = {"predicted", "top-1", "1"};

  @Test
  void severalTargetsGiveTheRowsOfSeparateRunsAndTheClassesTheyName() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    Map<String, List<ResultRow>> together = byCell(run(registry, "[predicted, top-2, 1]", "all"));
    // top-2 stands for top-1 and top-2
    assertThat(together.keySet()).containsExactly("IG@predicted", "IG@top-1", "IG@top-2", "IG@1",
        "EG@predicted", "EG@top-1", "EG@top-2", "EG@1", "WG@predicted", "WG@top-1", "WG@top-2", "WG@1");
    for (String item : ITEMS) {
      Map<String, List<ResultRow>> alone = byCell(run(registry, item, "alone-" + item.replace('-', '_')));
      assertThat(alone.keySet()).containsExactly("IG", "EG", "WG");
      for (String cell : alone.keySet()) {
        assertSameRows(together.get(cell + "@" + item), alone.get(cell), cell + "@" + item);
      }
    }
    Map<String, List<ResultRow>> topTwo = byCell(run(registry, "top-2", "alone-top2"));
    assertThat(topTwo.keySet()).containsExactly("IG@top-1", "IG@top-2", "EG@top-1", "EG@top-2", "WG@top-1",
        "WG@top-2");
    for (String cell : topTwo.keySet()) {
      assertSameRows(together.get(cell), topTwo.get(cell), cell);
    }
    // the classes: argmax and second-highest of the model's own outputs, and class 1
    Experiment e = new ExperimentLoader(registry).load(yaml("[predicted, top-2, 1]", "check"));
    RunPlan plan = RunPlan.of(registry, e, dir.resolve("check"));
    try (ModelFunction model = DjlModelFunction.load(e.model())) {
      for (ResultRow r : together.get("EG@predicted")) {
        if (!r.metric().equals("diag.target")) {
          continue;
        }
        float[] out = model.outputs(List.of(plan.dataset().get(Integer.parseInt(r.sample().substring(1))).image()))[0];
        int first = 0;
        for (int c = 1; c < out.length; c++) {
          first = out[c] > out[first] ? c : first;
        }
        int second = first == 0 ? 1 : 0;
        for (int c = 0; c < out.length; c++) {
          second = c != first && out[c] > out[second] ? c : second;
        }
        assertThat(r.value()).isEqualTo(first);
        assertThat(target(together.get("EG@top-2"), r.sample())).isEqualTo(second);
        assertThat(target(together.get("EG@1"), r.sample())).isEqualTo(1);
      }
    }
  }

  @Test
  void twoWorkersWriteTheRowsOfOne() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    List<ResultRow> one = run(registry, "[predicted, top-2, 1]", "one", 1);
    List<ResultRow> two = run(registry, "[predicted, top-2, 1]", "two", 2);
    assertThat(two).hasSameSizeAs(one);
    for (int i = 0; i < one.size(); i++) {
      assertThat(two.get(i)).isEqualTo(one.get(i));
    }
  }

  @Test
  void theItemsOfACellShareForwardPassesAndGiveTheRowsOfItemByItemUnits() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    Experiment e = new ExperimentLoader(registry).load(yaml("[predicted, top-2, 1]", "units"));
    RunPlan plan = RunPlan.of(registry, e, dir.resolve("units"));
    try (ModelFunction djl = DjlModelFunction.load(e.model())) {
      org.igkit.api.engine.CountingModel shared = new org.igkit.api.engine.CountingModel(djl);
      org.igkit.api.engine.CountingModel separate = new org.igkit.api.engine.CountingModel(djl);
      UnitComputation together = plan.newComputation().sharingTargets(true);
      UnitComputation alone = plan.newComputation().sharingTargets(false);
      for (int index = 0; index < 2; index++) {
        UnitComputation.LoadedSample a = UnitComputation.load(plan.dataset(), index);
        UnitComputation.LoadedSample b = UnitComputation.load(plan.dataset(), index);
        for (org.igkit.runner.config.Cell cell : plan.cells()) {
          UnitComputation.Result x = together.compute(shared, plan.engineOptions(), a, cell);
          UnitComputation.Result y = alone.compute(separate, plan.engineOptions(), b, cell);
          assertThat(x.rows()).as(cell.id()).isEqualTo(y.rows());
          assertThat(java.util.Arrays.equals(x.attribution().values(), y.attribution().values())).isTrue();
        }
      }
      // IG and WG attribute their four items (three classes: predicted = top-1) over shared points
      assertThat(shared.sharedCalls()).isPositive();
      assertThat(separate.sharedCalls()).isZero();
      assertThat(shared.calls()).isLessThan(separate.calls());
    }
  }

  @Test
  void aClassOutsideTheModelStopsTheRunNamingIt() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    assertThatThrownBy(() -> run(registry, "[predicted, 999]", "outside"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: class 999 is outside the model's");
  }

  @Test
  void aBadItemIsALocatedError() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    assertThatThrownBy(() -> new ExperimentLoader(registry).load(yaml("[predicted, top-0, lable]", "bad")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target[1]: top-k needs 1 ≤ k ≤ 1000, was 'top-0'")
        .hasMessageContaining("target[2]: must be predicted, label, a class index (0, 1, …), top-k or a list of those,"
            + " was 'lable', did you mean 'label'?");
  }

  private static void assertSameRows(List<ResultRow> got, List<ResultRow> expected, String what) {
    assertThat(got).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).metric()).isEqualTo(expected.get(i).metric());
      assertThat(got.get(i).sample()).isEqualTo(expected.get(i).sample());
      assertThat(got.get(i).value()).as(what + " " + got.get(i).metric()).isEqualTo(expected.get(i).value());
    }
  }

  private static double target(List<ResultRow> rows, String sample) {
    return rows.stream().filter(r -> r.sample().equals(sample) && r.metric().equals("diag.target")).findFirst()
        .orElseThrow().value();
  }

  private List<ResultRow> run(PluginRegistry registry, String target, String name) throws IOException {
    Experiment e = new ExperimentLoader(registry).load(yaml(target, name));
    return run(registry, e, name);
  }

  /** Runs the first four samples with {@code workers} workers. */
  private List<ResultRow> run(PluginRegistry registry, String target, String name, int workers) throws IOException {
    Experiment e = new ExperimentLoader(registry).load(yaml(target, name)).withParallelism(workers, 1);
    return run(registry, e.withSelection(new org.igkit.runner.config.Selection(0, 4, 0, 1), e.output()), name);
  }

  private List<ResultRow> run(PluginRegistry registry, Experiment e, String name) throws IOException {
    Path out = dir.resolve(name);
    new ExperimentRunner(registry).run(e, out, new ExperimentRunner.Listener() {});
    return ResultsCsv.read(out);
  }

  private static Map<String, List<ResultRow>> byCell(List<ResultRow> rows) {
    Map<String, List<ResultRow>> out = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      out.computeIfAbsent(r.cell(), c -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private Path yaml(String target, String name) throws IOException {
    String text = """
        name: %s
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
          - name: EG
            baselines: {type: uniform-noise, count: 2}
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: uniform, estimator: sampling, samples: 3}
          - name: WG
            baselines: [black, {type: uniform-noise, count: 2}]
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: fitness, search: fast}
        metrics:
          - {type: deletion-auc, steps: 8}
        target: %s
        batchSize: 8
        """.formatted(name.replace('_', '-'), org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt").toString()
        .replace('\\', '/'), target);
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
