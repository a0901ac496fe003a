package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.junit.jupiter.api.Test;

class GridExpansionTest {

  private final PluginRegistry registry = TestPlugins.registry();
  private final ExperimentLoader loader = new ExperimentLoader(registry);

  @Test
  void eachMethodGetsTheOuterProductOfTheKeysThatApplyToIt() {
    Experiment e = loader.load(TestPlugins.resources("valid").resolve("full.yaml"));
    List<Cell> cells = loader.cells(e);

    assertThat(cells).extracting(Cell::id).containsExactly(
        "EG[stepRule.steps=16]",
        "EG[stepRule.steps=64]",
        "WG[stepRule.steps=16,fitness.alpha=0.3]",
        "WG[stepRule.steps=16,fitness.alpha=0.5]",
        "WG[stepRule.steps=64,fitness.alpha=0.3]",
        "WG[stepRule.steps=64,fitness.alpha=0.5]");
    assertThat(cells).extracting(Cell::method).containsExactly("EG", "EG", "WG", "WG", "WG", "WG");

    Cell wg = cells.get(4);
    assertThat(wg.gridValues()).containsExactly(Map.entry("stepRule.steps", 64), Map.entry("fitness.alpha", 0.3));
    assertThat(wg.config().stepRule().spec()).isEqualTo(new RiemannStepRule.Spec(64, "midpoint"));
    assertThat(wg.config().aggregator().spec()).isEqualTo(new FitnessSpec(0.3, null, null, null, null, null, null, null, null));
    assertThat(wg.config().baselines()).isEqualTo(e.method("WG").baselines());
    assertThat(cells.get(0).config().stepRule().spec()).isEqualTo(new RiemannStepRule.Spec(16, "midpoint"));
    assertThat(cells.get(0).config().aggregator()).isEqualTo(e.method("EG").aggregator());
    assertThat(cells.get(0).gridValues()).containsOnlyKeys("stepRule.steps");
  }

  @Test
  void roleIdMethodAndNestedKeysReachOnlyThePluginsThatHaveTheParameter() {
    Experiment e = loader.load(TestPlugins.resources("valid").resolve("grid.yaml"));
    List<Cell> cells = loader.cells(e);

    assertThat(cells).hasSize(4 + 8 + 2);
    assertThat(cells.stream().filter(c -> c.method().equals("IDGI"))).extracting(Cell::id)
        .containsExactly("IDGI[stepRule.steps=8]", "IDGI[stepRule.steps=32]");
    assertThat(cells.stream().filter(c -> c.method().equals("EG"))).extracting(Cell::id).containsExactly(
        "EG[stepRule.steps=8,baselines.count=2]", "EG[stepRule.steps=8,baselines.count=6]",
        "EG[stepRule.steps=32,baselines.count=2]", "EG[stepRule.steps=32,baselines.count=6]");
    assertThat(cells.get(4).id())
        .isEqualTo("FWG[stepRule.steps=8,filtered.fitness.alpha=0.3,baselines.count=2,FWG.aggregator.rule=threshold]");

    Cell fwg = cells.stream()
        .filter(c -> c.id().equals("FWG[stepRule.steps=32,filtered.fitness.alpha=0.7,baselines.count=6,FWG.aggregator.rule=threshold]"))
        .findFirst().orElseThrow();
    assertThat(fwg.config().aggregator().spec())
        .isEqualTo(new FilteredAggregator.Spec(new FitnessSpec(0.7, null, null, null, null, null, null, null, null), "threshold", 0.5, null, null, null));
    assertThat(fwg.config().baselines()).extracting(PluginConfig::spec).containsExactly(
        new UniformNoiseBaselineSampler.Spec(6, null, null), new ConstantBaselineSampler.Spec());
    assertThat(fwg.config().stepRule().spec()).isEqualTo(new RiemannStepRule.Spec(32, null));

    Cell idgi = cells.get(13);
    assertThat(idgi.config().stepRule().spec()).isEqualTo(new IdgiStepRule.Spec(32));
    assertThat(idgi.config().baselines()).isEqualTo(e.method("IDGI").baselines());
    assertThat(idgi.gridValues()).containsExactly(Map.entry("stepRule.steps", 32));
  }

  @Test
  void cellIdsAreStableAndFileNameSafe() {
    String yaml = "name: x\nmodel: {path: tiny.pt, inputShape: [3, 8, 8]}\ndataset: test-shapes\n"
        + "methods: [{name: IG+IDGI, baselines: black, stepRule: riemann}]\n"
        + "grid: {stepRule.variant: [left, mid point], stepRule.steps: [100]}\n";
    Experiment e = loader.parse(yaml.replace("mid point", "trapezoid"), TestPlugins.resources("models").resolve("x.yaml"));
    assertThat(loader.cells(e)).extracting(Cell::id).containsExactly(
        "IG+IDGI[stepRule.variant=left,stepRule.steps=100]", "IG+IDGI[stepRule.variant=trapezoid,stepRule.steps=100]");
    assertThat(GridExpander.label("a/b c:d")).isEqualTo("a_b_c_d");
    assertThat(loader.cells(e)).isEqualTo(loader.cells(e));
  }

  @Test
  void aGridOfMoreThanTenThousandCellsIsRefusedWithItsCountBeforeItIsExpanded() {
    // 4 keys × 40 values: 2.4 KB of YAML, 2,560,000 cells (minutes and gigabytes to expand)
    StringBuilder yaml = new StringBuilder("""
        name: big
        model: {path: ../models/tiny.pt, inputShape: [3, 32, 32]}
        dataset: test-shapes
        methods:
          - {name: EG, baselines: {type: uniform-noise, count: 4}, stepRule: riemann, aggregator: filtered}
        grid:
        """);
    for (String key : List.of("stepRule.steps", "baselines.count", "filtered.tau", "filtered.fitness.alpha")) {
      List<String> values = new java.util.ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        values.add(key.startsWith("filtered") ? String.valueOf(i / 40.0) : String.valueOf(i));
      }
      yaml.append("  ").append(key).append(": [").append(String.join(", ", values)).append("]\n");
    }

    ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        ConfigException.class, () -> loader.parse(yaml.toString(), TestPlugins.resources("valid").resolve("big.yaml")));

    assertThat(e).isNotNull();
    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.yamlPath()).isEqualTo("grid");
      assertThat(x.line()).isEqualTo(6);
      assertThat(x.message()).isEqualTo("makes 2,560,000 cells (stepRule.steps (40) × baselines.count (40) × filtered.tau (40)"
          + " × filtered.fitness.alpha (40) values, over 1 method(s)); one run holds at most 10,000 cells: split the grid over"
          + " several experiments or try fewer values");
    });
  }
}
