package org.igkit.runner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ModelSpec;
import org.igkit.models.DjlModelFunction;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.runner.Attributor;
import org.junit.jupiter.api.Test;

/**
 * The SIG paper's comparison methods built by id, as an experiment file names them, on a real
 * TorchScript CNN (3×32×32, 10 classes): each gives a finite, non-zero map at the documented cost.
 * G×I and the gradient are checked against the model's own gradient at the input.
 */
class ComparisonMethodsTest {

  private static ModelSpec fixture() {
    Path pt = org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt");
    return ModelSpec.torchScript(pt.toString(), 3, 32, 32);
  }

  private static float[] image(long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    float[] x = new float[3 * 32 * 32];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.nextDouble();
    }
    return x;
  }

  private static void assertUsable(Attribution a) {
    double abs = 0;
    for (float v : a.values()) {
      assertThat(Float.isFinite(v)).isTrue();
      abs += Math.abs(v);
    }
    assertThat(abs).isPositive();
  }

  @Test
  void gradientAndGradTimesInputAreTheModelsGradientAtTheInput() throws Exception {
    try (DjlModelFunction model = DjlModelFunction.load(fixture())) {
      float[] x = image(1);
      float[] g = model.scoresAndGradients(List.of(x), new int[] {3}).gradients().get(0);
      Attribution gradient = Attributor.builder(model).stepRule("gradient").build().attribute(x, 3);
      Attribution gxi = Attributor.builder(model).stepRule("grad-x-input").build().attribute(x, 3);
      for (int i = 0; i < x.length; i++) {
        assertThat(gradient.values()[i]).isCloseTo(g[i], offset(1e-6f));
        assertThat((double) gxi.values()[i]).isCloseTo((double) g[i] * x[i], offset(1e-6)); // black baseline
      }
      assertThat(gradient.gradientPoints()).isEqualTo(1);
      assertThat(gxi.gradientPoints()).isEqualTo(1);
    }
  }

  @Test
  void bigAgiSampAndIg2RunWithTheAuthorsSettings() throws Exception {
    try (DjlModelFunction model = DjlModelFunction.load(fixture())) {
      float[] x = image(2);
      Attribution big = Attributor.builder(model).path("big")
          .stepRule("riemann", new RiemannStepRule.Spec(200, "left")).build().attribute(x);
      assertUsable(big);
      assertThat(big.gradientPoints()).isEqualTo(200);

      Attribution agi = Attributor.builder(model).path("agi")
          .stepRule("riemann", new RiemannStepRule.Spec(1, null)).build().attribute(x);
      assertUsable(agi);
      // 9 negative classes (0 … 8 without the target), at most 15 steps of 2 gradients each
      assertThat(agi.gradientPoints()).isEven().isBetween(2L, 9L * 15 * 2);

      Attribution samp = Attributor.builder(model).path("samp")
          .stepRule("riemann", new RiemannStepRule.Spec(1, null)).build().attribute(x);
      assertUsable(samp);
      assertThat(samp.gradientPoints()).as("1024 pixels, 5 per gradient, both directions").isEqualTo(2L * 205);

      List<float[]> references = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        references.add(image(10 + k));
      }
      Attribution ig2 = Attributor.builder(model).baselines("dataset", new org.igkit.aggregators.baseline.DatasetBaselineSampler.Spec(3))
          .path("ig2").stepRule("riemann", new RiemannStepRule.Spec(8, "left"))
          .referenceImages(references).build().attribute(x);
      assertUsable(ig2);
      assertThat(ig2.gradientPoints()).as("3 references × 8 steps × (10 classes + 1)").isEqualTo(3L * 8 * 11);
    }
  }
}
