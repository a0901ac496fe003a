package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.PyTorchRuntime;
import org.igkit.models.block.SmallCnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bench's yardstick computes what igkit computes: IG with the midpoint rule from a black or
 * white baseline, for a DJL block and a TorchScript model, with batch sizes that do and do not
 * divide the steps.
 */
class RawIntegratedGradientsTest {

  static final PluginRegistry REGISTRY = PluginLoader.registry();

  @ParameterizedTest
  @CsvSource({"block, black, 12, 5", "block, white, 12, 32", "torchscript, black, 9, 4", "torchscript, white, 16, 16"})
  void equalsIgkitsIntegratedGradients(String kind, String baseline, int steps, int batch) throws Exception {
    try (DjlModelFunction model = kind.equals("block") ? randomBlock() : torchScript()) {
      Shape shape = model.inputShape();
      float[] x = image(shape, 5);
      float[] start = new float[shape.size()];
      java.util.Arrays.fill(start, baseline.equals("white") ? 1f : 0f);
      int target = Argmax.of(model.outputs(List.of(x))[0]);
      AttributionMethod ig = new AttributionMethod("IG", REGISTRY.create(BaselineSampler.class, baseline, null),
          REGISTRY.create(org.igkit.api.path.Path.class, "straight", null),
          new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT),
          REGISTRY.create(Aggregator.class, "uniform", null));
      float[] expected = AttributionEngine.attribute(model, ig, x, target, RandomSource.of(1),
          EngineOptions.batchSize(batch)).values();

      float[] actual = new RawIntegratedGradients(model).attribute(x, start, target, steps, batch);

      assertThat(actual).hasSize(expected.length);
      assertThat(IgThroughputMeasure.maxRelativeDifference(expected, actual)).as("max |Δ| ÷ max |A|").isLessThan(1e-5);
      assertThat(IgThroughputMeasure.maxRelativeDifference(expected, new float[expected.length])).as("not all zero").isEqualTo(1.0);
    }
  }

  static DjlModelFunction randomBlock() {
    Shape shape = Shape.of(3, 12, 12);
    PyTorchRuntime.start(1, 1);
    Model model = Model.newInstance("random", PyTorchRuntime.ENGINE);
    Block block = SmallCnn.build(3, 4);
    model.setBlock(block);
    SmallCnn.initialize(block, model.getNDManager(), shape, 3);
    ModelSpec spec = ModelSpec.builder().setPath("random").setInputShape(3, 12, 12)
        .optFormat(ModelSpec.DJL_BLOCK).optBlock(SmallCnn.TYPE, 4).optNumClasses(3)
        .optNormalisation(List.of(0.4, 0.5, 0.6), List.of(0.2, 0.25, 0.3)).optThreads(1, 1).build();
    return DjlModelFunction.wrap(spec, model);
  }

  static DjlModelFunction torchScript() throws URISyntaxException {
    Path file = org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt");
    return DjlModelFunction.load(ModelSpec.torchScript(file.toString(), 3, 32, 32).withOutput(ModelSpec.LOGIT));
  }

  static float[] image(Shape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }
}
