package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

/** The ReLU models: the IG paper's example, the network and its twin, and the indicator integral. */
class ReluModelsTest {

  /** The example of Sundararajan et al. at x = (3, 1), x' = (0, 0): f = 1, IG = (½, ½). */
  @Test
  void igPaperExampleValues() {
    IgPaperReluModel m = new IgPaperReluModel();
    float[] x = {3, 1};
    float[] b = {0, 0};
    assertThat(m.value(x, 0)).isEqualTo(1.0);
    assertThat(m.value(b, 0)).isEqualTo(0.0);
    assertThat(m.integratedGradients(x, b, 0)).containsExactly(new double[] {0.5, 0.5}, offset(1e-15));
    assertThat(m.gradient(new double[] {1, 0}, 0)).containsExactly(0, 0); // ReLU'(0) = 0
  }

  /** The paper's model is the network with W = [[1, 0], [1, −1]], b = [−1, −1], v = [1, −1]. */
  @Test
  void igPaperModelIsAReluNetwork() {
    IgPaperReluModel paper = new IgPaperReluModel();
    ReluNetwork net =
        new ReluNetwork(Shape.of(2, 1, 1), new double[][] {{1, 0}, {1, -1}}, new double[] {-1, -1},
            new double[] {1, -1}, 0);
    SplittableRandom g = new SplittableRandom(5);
    for (int k = 0; k < 200; k++) {
      float[] x = {(float) g.nextDouble(-2, 5), (float) g.nextDouble(-2, 3)};
      float[] b = {(float) g.nextDouble(-2, 5), (float) g.nextDouble(-2, 3)};
      double[] xd = {x[0], x[1]};
      assertThat(net.value(x, 0)).isCloseTo(paper.value(x, 0), offset(1e-12));
      assertThat(net.gradient(xd, 0)).containsExactly(paper.gradient(xd, 0), offset(1e-12));
      assertThat(net.integratedGradients(x, b, 0))
          .containsExactly(paper.integratedGradients(x, b, 0), offset(1e-12));
    }
  }

  /** The twin has other parameters but computes the same function and the same closed-form IG. */
  @Test
  void twinComputesTheSameFunctionWithOtherParameters() {
    ReluNetwork net = (ReluNetwork) AnalyticModels.reluNetwork().model();
    ReluNetwork twin = (ReluNetwork) AnalyticModels.reluNetworkTwin().model();
    for (int h = 0; h < net.hidden(); h++) {
      assertThat(twin.hiddenWeights()[h]).as("hidden unit %d", h).isNotEqualTo(net.hiddenWeights()[h]);
    }
    SplittableRandom g = new SplittableRandom(11);
    int n = net.inputShape().size();
    for (int k = 0; k < 200; k++) {
      double[] x = g.doubles(n, -2, 2).toArray();
      assertThat(twin.evaluate(x)[0]).isCloseTo(net.evaluate(x)[0], offset(1e-12));
      assertThat(twin.gradient(x, 0)).containsExactly(net.gradient(x, 0), offset(1e-12));
    }
    AnalyticCase c = AnalyticModels.reluNetwork();
    assertThat(twin.integratedGradients(c.input(), c.baseline(), 0))
        .containsExactly(c.expectedAttribution(), offset(1e-12));
  }

  @Test
  void reparameterisationIsValidated() {
    ReluNetwork net = (ReluNetwork) AnalyticModels.reluNetwork().model();
    int n = net.hidden();
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    int[] notAPermutation = new int[n];
    assertThatThrownBy(() -> net.reparameterised(notAPermutation, ones))
        .hasMessageContaining("is not a permutation");
    int[] identity = java.util.stream.IntStream.range(0, n).toArray();
    double[] negative = ones.clone();
    negative[2] = -1;
    assertThatThrownBy(() -> net.reparameterised(identity, negative))
        .hasMessage("scales[2]: must be > 0 and finite, was -1.0");
  }

  @Test
  void activeFractionOfAnAffineFunction() {
    assertThat(ActiveFraction.of(1, 2)).isEqualTo(1);
    assertThat(ActiveFraction.of(-1, -2)).isEqualTo(0);
    assertThat(ActiveFraction.of(0, 0)).isEqualTo(0);
    assertThat(ActiveFraction.of(-1, 3)).isEqualTo(0.75);
    assertThat(ActiveFraction.of(3, -1)).isEqualTo(0.75);
    assertThat(ActiveFraction.of(0, 1)).isEqualTo(1);
    assertThat(ActiveFraction.of(1, 0)).isEqualTo(1);
  }
}
