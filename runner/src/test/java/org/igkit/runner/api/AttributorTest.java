package org.igkit.runner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.runner.Attributor;
import org.igkit.models.DjlModelFunction;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The Java API's one-off attribution, as the README shows it. */
class AttributorTest {

  private static ModelSpec fixture() throws Exception {
    Path pt = org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt");
    return ModelSpec.torchScript(pt.toString(), 3, 32, 32);
  }

  private static float[] image() {
    SplittableRandom g = new SplittableRandom(3);
    float[] x = new float[3 * 32 * 32];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.nextDouble();
    }
    return x;
  }

  @Test
  void defaultsArePlainIntegratedGradientsOfThePredictedClass() throws Exception {
    try (DjlModelFunction model = DjlModelFunction.load(fixture())) {
      float[] x = image();
      Attribution viaBuilder = Attributor.builder(model).build().attribute(x);
      float[] out = model.outputs(List.of(x))[0];
      int predicted = 0;
      for (int c = 1; c < out.length; c++) {
        predicted = out[c] > out[predicted] ? c : predicted;
      }
      AttributionMethod ig = new AttributionMethod("ig",
          r -> List.of(new org.igkit.api.aggregate.Baseline("black", new float[x.length])),
          new StraightPath(), new RiemannStepRule(50, RiemannStepRule.Variant.MIDPOINT),
          new UniformAggregator(new UniformAggregator.Spec(null, null)));
      Attribution direct = AttributionEngine.attribute(model, ig, x, predicted, RandomSource.of(0), EngineOptions.batchSize(16));
      assertThat(viaBuilder.target()).isEqualTo(predicted);
      assertThat(viaBuilder.values()).containsExactly(direct.values());
      assertThat(viaBuilder.baselineNames()).containsExactly("black");
    }
  }

  @Test
  void theReadmeWgExampleRuns() throws Exception {
    try (DjlModelFunction model = DjlModelFunction.load(fixture())) {
      Attributor wg = Attributor.builder(model)
          .baselines("uniform-noise", new UniformNoiseBaselineSampler.Spec(4, null, null))
          .baselines("black")
          .stepRule("riemann", new RiemannStepRule.Spec(64, null))
          .aggregator("fitness")
          .seed(8)
          .build();
      Attribution a = wg.attribute(image());
      assertThat(a.baselineNames()).containsExactly("uniform-noise#0", "uniform-noise#1", "uniform-noise#2", "uniform-noise#3", "black");
      assertThat(a.weights()).hasSize(5);
      assertThat(java.util.Arrays.stream(a.weights()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(java.util.Arrays.stream(a.fitness()).boxed().toList()).allSatisfy(d -> assertThat(d).isBetween(1.0, 1024.0));
      assertThat(a.completenessGap()).isLessThan(0.05 * Math.abs(a.expectedSum()) + 1e-4);
      assertThat(wg.attribute(image()).values()).as("seeded").containsExactly(a.values());
    }
  }

  @Test
  void unknownPluginIdsSayWhatExists() throws Exception {
    try (DjlModelFunction model = DjlModelFunction.load(fixture())) {
      assertThatThrownBy(() -> Attributor.builder(model).aggregator("fitnes"))
          .hasMessageContaining("did you mean 'fitness'?");
    }
  }
}
