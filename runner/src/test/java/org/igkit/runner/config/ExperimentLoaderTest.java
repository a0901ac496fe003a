package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.data.Dataset;
import org.igkit.api.metric.Metric;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.step.StepRule;
import org.igkit.metrics.localisation.OverlapAucMetric;
import org.igkit.metrics.perturbation.DeletionAucMetric;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;

class ExperimentLoaderTest {

  private final PluginRegistry registry = TestPlugins.registry();
  private final ExperimentLoader loader = new ExperimentLoader(registry);
  private final Path valid = TestPlugins.resources("valid");
  private final Path model = TestPlugins.resources("models").resolve("tiny.pt");

  @Test
  void theCompleteExampleLoadsWithEveryValueInItsRecord() {
    Experiment e = loader.load(valid.resolve("full.yaml"));

    assertThat(e.name()).isEqualTo("wg-vs-eg");
    assertThat(e.seed()).isEqualTo(8);
    assertThat(e.source()).isEqualTo(valid.resolve("full.yaml").toAbsolutePath().normalize());

    ModelSpec m = e.model();
    assertThat(m.path()).isEqualTo(model.toAbsolutePath().normalize().toString());
    assertThat(m.inputShape()).containsExactly(3, 32, 32);
    assertThat(m.mean()).containsExactly(0.5, 0.5, 0.5);
    assertThat(m.std()).containsExactly(0.25, 0.25, 0.25);
    assertThat(m.output()).isEqualTo("probability");
    assertThat(m.intraOpThreads()).isEqualTo(1);

    assertThat(e.dataset().spi()).isEqualTo(Dataset.class);
    assertThat(e.dataset().type()).isEqualTo("test-folder");
    assertThat(e.dataset().spec())
        .isEqualTo(new TestPlugins.FolderSpec(valid.resolve("images").toAbsolutePath().normalize().toString(), null, 10));
    assertThat(e.selection()).isEqualTo(new Selection(5, 20, 1, 4));

    MethodConfig eg = e.methods().get(0);
    assertThat(eg.name()).isEqualTo("EG");
    assertThat(eg.baselines()).containsExactly(
        new PluginConfig(BaselineSampler.class, "uniform-noise", new UniformNoiseBaselineSampler.Spec(4, null, null)),
        new PluginConfig(BaselineSampler.class, "black", new ConstantBaselineSampler.Spec()));
    assertThat(eg.path()).isEqualTo(new PluginConfig(org.igkit.api.path.Path.class, "straight", new StraightPath.Spec()));
    assertThat(eg.stepRule()).isEqualTo(new PluginConfig(StepRule.class, "riemann", new RiemannStepRule.Spec(32, "midpoint")));
    assertThat(eg.aggregator()).isEqualTo(new PluginConfig(Aggregator.class, "uniform", new UniformAggregator.Spec(null, null)));

    MethodConfig wg = e.methods().get(1);
    assertThat(wg.name()).isEqualTo("WG");
    assertThat(wg.baselines()).isEqualTo(eg.baselines());
    assertThat(wg.path()).isEqualTo(eg.path());
    assertThat(wg.stepRule()).isEqualTo(new PluginConfig(StepRule.class, "riemann", new RiemannStepRule.Spec(null, null)));
    assertThat(wg.aggregator().type()).isEqualTo("fitness");
    assertThat(wg.aggregator().spec()).isEqualTo(new FitnessSpec(0.5, null, null, null, null, null, null, null, null));

    assertThat(e.metrics()).containsExactly(
        new PluginConfig(Metric.class, "deletion-auc", new DeletionAucMetric.Spec(null, null, null, null)),
        new PluginConfig(Metric.class, "overlap-auc", new OverlapAucMetric.Spec(50, null)));
    assertThat(e.grid()).containsExactly(
        Map.entry("stepRule.steps", List.of(16, 64)), Map.entry("fitness.alpha", List.of(0.3, 0.5)));
    assertThat(e.grid().keySet()).containsExactly("stepRule.steps", "fitness.alpha");
    assertThat(e.reference()).isEqualTo("EG");
    assertThat(e.target()).isEqualTo("label");
    assertThat(e.batchSize()).isEqualTo(8);
    assertThat(e.threads()).isEqualTo(2);
    assertThat(e.workers()).isEqualTo(2);
    assertThat(e.output()).isEqualTo("runs/custom");
    assertThat(e.saveAttributions()).isTrue();
  }

  @Test
  void leftOutKeysTakeTheirDefaults() {
    Experiment e = loader.load(valid.resolve("minimal.yaml"));

    assertThat(e.seed()).isZero();
    assertThat(e.dataset()).isEqualTo(new PluginConfig(Dataset.class, "test-shapes", new TestPlugins.ShapesSpec(100, 0)));
    assertThat(e.selection()).isEqualTo(Selection.ALL);
    MethodConfig ig = e.methods().get(0);
    assertThat(ig.baselines()).containsExactly(new PluginConfig(BaselineSampler.class, "black", new ConstantBaselineSampler.Spec()));
    assertThat(ig.path()).isEqualTo(PluginConfig.defaults(StraightPath.TYPE));
    assertThat(ig.stepRule()).isEqualTo(PluginConfig.defaults(RiemannStepRule.TYPE));
    assertThat(((RiemannStepRule.Spec) ig.stepRule().spec()).steps()).isEqualTo(50);
    assertThat(ig.aggregator()).isEqualTo(PluginConfig.defaults(UniformAggregator.TYPE));
    assertThat(e.metrics()).isEmpty();
    assertThat(e.grid()).isEmpty();
    assertThat(e.reference()).isEqualTo("IG");
    assertThat(e.target()).isEqualTo(Experiment.PREDICTED);
    assertThat(e.batchSize()).isEqualTo(16);
    assertThat(e.threads()).isEqualTo(1);
    assertThat(e.workers()).isEqualTo(1);
    assertThat(e.output()).isEqualTo("runs/minimal");
    assertThat(e.saveAttributions()).isFalse();
    assertThat(loader.cells(e)).containsExactly(new Cell("IG", "IG", Map.of(), ig));
  }

  @Test
  void parseResolvesPathsAgainstThePretendSourceAndNamesItInErrors() {
    String yaml = "name: x\nmodel: {path: models/tiny.pt, inputShape: [3, 8, 8]}\ndataset: {type: test-folder, path: imgs}\n"
        + "methods: [{name: IG, baselines: black}]\n";
    Experiment e = loader.parse(yaml, TestPlugins.resources("").resolve("exp.yaml"));
    assertThat(e.model().path()).isEqualTo(model.toAbsolutePath().normalize().toString());
    assertThat(((TestPlugins.FolderSpec) e.dataset().spec()).path())
        .isEqualTo(TestPlugins.resources("").resolve("imgs").toAbsolutePath().normalize().toString());

    assertThatThrownBy(() -> loader.parse(yaml.replace("IG", "I G"), Path.of("elsewhere/exp.yaml")))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactly(
            "elsewhere/exp.yaml:2:15 model.path: file not found: "
                + Path.of("elsewhere/models/tiny.pt").toAbsolutePath().normalize(),
            "elsewhere/exp.yaml:4:18 methods[0].name: must match [A-Za-z0-9_+-]+ (letters, digits, _, +, -), was 'I G'"));
  }

  @Test
  void aNamedMetricCanBeListedTwiceWithOtherSettingsAndItsNameSurvivesTheResolvedYaml() {
    String yaml = "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8]}\ndataset: test-shapes\n"
        + "methods:\n  - name: IG\n    baselines: black\n"
        + "metrics:\n  - deletion-auc\n  - {type: deletion-auc, name: deletion-zero, replacement: zero}\n";
    Experiment e = loader.parse(yaml, TestPlugins.resources("models").resolve("x.yaml"));
    assertThat(e.metrics()).extracting(PluginConfig::type).containsExactly("deletion-auc", "deletion-auc");
    assertThat(e.metrics()).extracting(PluginConfig::id).containsExactly("deletion-auc", "deletion-zero");
    assertThat(e.metrics().get(1).resolved()).containsEntry("name", "deletion-zero").containsEntry("replacement", "zero");
    assertThat(e.metrics().get(0).resolved()).doesNotContainKey("name");
  }

  @Test
  void saveAttributionsIsABooleanOrAMappingThatChoosesTheOptionalFiles() {
    String yaml = "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8]}\ndataset: test-shapes\n"
        + "methods:\n  - name: IG\n    baselines: black\n";
    Path source = TestPlugins.resources("models").resolve("x.yaml");
    Experiment on = loader.parse(yaml + "saveAttributions: true\n", source);
    assertThat(on.saveAttributions()).isTrue();
    assertThat(on.saving()).isEqualTo(SaveAttributions.ALL);
    assertThat(on.resolved()).containsEntry("saveAttributions", true);
    Experiment off = loader.parse(yaml + "saveAttributions: false\n", source);
    assertThat(off.saveAttributions()).isFalse();
    assertThat(off.resolved()).containsEntry("saveAttributions", false);
    Experiment empty = loader.parse(yaml + "saveAttributions: {}\n", source);
    assertThat(empty.saveAttributions()).isTrue();
    assertThat(empty.resolved()).containsEntry("saveAttributions", true);
    Experiment some = loader.parse(yaml + "saveAttributions: {curves: false}\n", source);
    assertThat(some.saveAttributions()).isTrue();
    assertThat(some.saving()).isEqualTo(new SaveAttributions(true, false));
    assertThat(some.resolved()).containsEntry("saveAttributions", Map.of("baselines", true, "curves", false));
    // the resolved form reads back as itself
    Experiment again = loader.parse(yaml + "saveAttributions: {baselines: true, curves: false}\n", source);
    assertThat(again.saving()).isEqualTo(some.saving());
    assertThat(again.resolved()).isEqualTo(some.resolved());
    assertThat(some.withParallelism(2, 1).saving()).isEqualTo(some.saving());
  }

  @Test
  void singleValuesStandForOneElementListsAndEmptyValuesForDefaults() {
    String yaml = "name: x\nmodel: {path: tiny.pt, inputShape: [1, 8, 8], mean: 0.5, std: ~}\ndataset: test-shapes\n"
        + "methods:\n  - name: IG\n    baselines: {type: uniform-noise, count: \"3\"}\n    stepRule:\n      type: riemann\n"
        + "      steps:\n    aggregator: uniform\nmetrics: deletion-auc\ngrid: {stepRule.variant: left}\n";
    Experiment e = loader.parse(yaml, TestPlugins.resources("models").resolve("x.yaml"));
    assertThat(e.model().mean()).containsExactly(0.5);
    assertThat(e.model().std()).containsExactly(1.0);
    MethodConfig ig = e.methods().get(0);
    assertThat(ig.baselines()).extracting(PluginConfig::spec).containsExactly(new UniformNoiseBaselineSampler.Spec(3, null, null));
    assertThat(ig.stepRule().spec()).isEqualTo(new RiemannStepRule.Spec(50, "midpoint"));
    assertThat(e.metrics()).extracting(PluginConfig::type).containsExactly("deletion-auc");
    assertThat(e.grid()).containsExactly(Map.entry("stepRule.variant", List.of("left")));
    assertThat(loader.cells(e)).extracting(Cell::id).containsExactly("IG[stepRule.variant=left]");
  }

  @Test
  void aPluginThatOnlyTheRegistryKnowsIsUsableFromYaml() {
    String yaml = "name: x\nmodel: {path: tiny.pt, inputShape: [3, 8, 8]}\ndataset: test-shapes\n"
        + "methods: [{name: W, baselines: black, path: {type: test-wiggle, amplitude: 0.5}}]\n"
        + "grid: {test-wiggle.amplitude: [0.25, 0.75]}\n";
    Experiment e = loader.parse(yaml, TestPlugins.resources("models").resolve("exp.yaml"));
    assertThat(e.methods().get(0).path()).isEqualTo(
        new PluginConfig(org.igkit.api.path.Path.class, "test-wiggle", new TestPlugins.WigglePathSpec(0.5)));
    assertThat(loader.cells(e)).extracting(Cell::id)
        .containsExactly("W[test-wiggle.amplitude=0.25]", "W[test-wiggle.amplitude=0.75]");
  }

  @Test
  void pluginConfigsBuildTheirPluginsAndReportResolvedSpecs() {
    Experiment e = loader.load(valid.resolve("full.yaml"));
    MethodConfig eg = e.methods().get(0);
    StepRule rule = eg.stepRule().create(registry);
    assertThat(rule.steps()).isEqualTo(32);
    Aggregator wg = e.methods().get(1).aggregator().create(registry);
    assertThat(wg).isInstanceOf(FitnessAggregator.class);

    assertThat(eg.stepRule().resolved()).containsExactly(
        Map.entry("type", "riemann"), Map.entry("steps", 32), Map.entry("variant", "midpoint"));
    Map<String, Object> filtered = PluginConfig.defaults(registry.get(Aggregator.class, "filtered")).resolved();
    assertThat(filtered).containsEntry("tau", 0.25).containsEntry("rule", "threshold");
    assertThat(filtered.get("fitness")).isEqualTo(Map.of(
        "alpha", 0.5, "epsilon", 0.005, "epsilonRule", "band", "search", "exact", "candidatesPerRound", 0,
        "ranking", "signed", "neutral", "corner-mean", "blurSigma", 10.0, "cornerSize", 0));

    Map<String, Object> all = e.resolved();
    assertThat(all.keySet()).containsExactly(
        "name", "seed", "model", "dataset", "methods", "metrics", "grid", "reference", "target", "batchSize", "threads",
        "workers", "output", "saveAttributions");
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = (Map<String, Object>) all.get("dataset");
    @SuppressWarnings("unchecked")
    Map<String, Object> model = (Map<String, Object>) all.get("model");
    assertThat(dataset).containsEntry("type", "test-folder").containsEntry("limit", 20)
        .containsEntry("offset", 5).containsEntry("shard", "1/4").containsEntry("size", 10);
    assertThat(model).containsEntry("format", "torchscript").containsEntry("device", "cpu");
  }

  @Test
  void missingOrUnreadableFilesAreConfigErrors() {
    Path none = valid.resolve("none.yaml");
    assertThatThrownBy(() -> loader.load(none))
        .isInstanceOf(ConfigException.class)
        .hasMessage(none + ": file not found: " + none.toAbsolutePath().normalize());
    assertThat(loader.validate(valid.resolve("full.yaml"))).isEmpty();
    assertThat(loader.validate(none)).hasSize(1);
  }

  @Test
  void experimentsBuiltInCodeGetDefaultsAndTheirGridIsCheckedWhenExpanded() {
    MethodConfig ig = new MethodConfig("IG", List.of(PluginConfig.defaults(ConstantBaselineSampler.BLACK)),
        PluginConfig.defaults(StraightPath.TYPE), PluginConfig.defaults(RiemannStepRule.TYPE),
        PluginConfig.defaults(UniformAggregator.TYPE));
    Experiment e = new Experiment("code", 1, ModelSpec.torchScript("m.pt", 3, 8, 8),
        new PluginConfig(Dataset.class, "test-shapes", new TestPlugins.ShapesSpec(null, null)), null, List.of(ig), null,
        Map.of("stepRule.steps", List.of(4, 0), "fitness.alpha", List.of(0.5)), null, null, 1, 1, null, false, null);
    assertThat(e.reference()).isEqualTo("IG");
    assertThat(e.output()).isEqualTo("runs/code");
    assertThat(e.selection()).isEqualTo(Selection.ALL);
    assertThatThrownBy(() -> loader.cells(e))
        .isInstanceOf(ConfigException.class)
        .satisfies(x -> assertThat(((ConfigException) x).errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
            "experiment: grid.stepRule.steps[1]: must be ≥ 1, was 0",
            "experiment: grid.fitness.alpha: no method uses plugin 'fitness' (in use: black, riemann, straight, uniform)"));

    assertThatThrownBy(() -> new Experiment("code", 1, e.model(), e.dataset(), null, List.of(ig, ig), null, null, null,
        null, 1, 1, null, false, null)).hasMessage("methods: duplicate method name 'IG'");
    assertThatThrownBy(() -> new MethodConfig("IG", List.of(), ig.stepRule(), ig.stepRule(), ig.aggregator()))
        .hasMessage("path: must be a Path plugin, was StepRule 'riemann'");
  }
}
