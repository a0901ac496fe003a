package org.igkit.models;

import org.igkit.api.model.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.igkit.models.Fixtures.K;
import static org.igkit.models.Fixtures.SIZE;
import static org.igkit.models.Fixtures.assertGradientMatchesFiniteDifferences;
import static org.igkit.models.Fixtures.floats;
import static org.igkit.models.Fixtures.formulaInput;
import static org.igkit.models.Fixtures.norm;
import static org.igkit.models.Fixtures.randomImage;
import static org.igkit.models.Fixtures.relativeError;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.igkit.api.model.ScoresAndGradients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TorchScript fixture {@code tiny_cnn.pt} (see {@code fixtures/make_tiny_cnn.py}) loaded
 * offline: gradients against finite differences and against PyTorch's own values, inference mode,
 * logit and probability outputs, and threads.
 */
class TorchScriptModelFunctionTest {

  private static DjlModelFunction probability;
  private static DjlModelFunction logit;

  @BeforeAll
  static void load() {
    probability = DjlModelFunction.load(Fixtures.tinyCnn());
    logit = DjlModelFunction.load(Fixtures.tinyCnn().withOutput(ModelSpec.LOGIT));
  }

  @AfterAll
  static void close() {
    probability.close();
    logit.close();
  }

  @Test
  void loadsOfflineWithShapeAndClassesFromTheModel() {
    assertThat(probability.inputShape()).isEqualTo(org.igkit.api.model.Shape.of(3, 32, 32));
    assertThat(probability.numClasses()).isEqualTo(K);
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
  }

  @Test
  void probabilityGradientsMatchFiniteDifferences() {
    for (int seed = 1; seed <= 3; seed++) {
      assertGradientMatchesFiniteDifferences(probability, randomImage(seed), seed);
    }
  }

  @Test
  void logitGradientsMatchFiniteDifferences() {
    for (int seed = 1; seed <= 3; seed++) {
      assertGradientMatchesFiniteDifferences(logit, randomImage(seed), seed + 4);
    }
  }

  @Test
  void outputsAndGradientsMatchPyTorchReferenceValues() {
    JsonNode reference = Fixtures.reference();
    assertThat(reference.get("trainVsEvalMaxLogitDifference").asDouble())
        .as("the fixture's batch norm differs between train and eval mode")
        .isGreaterThan(0.1);
    for (JsonNode c : reference.get("cases")) {
      float[] x = formulaInput(
          c.get("a").asDouble(), c.get("b").asDouble(), c.get("d").asDouble(),
          c.get("phase").asDouble());
      int target = c.get("target").asInt();
      float[] logits = logit.outputs(List.of(x))[0];
      float[] probabilities = probability.outputs(List.of(x))[0];
      float[] expectedLogits = floats(c.get("logits"));
      float[] expectedProbabilities = floats(c.get("probabilities"));
      for (int k = 0; k < K; k++) {
        assertThat(logits[k]).as("logit %d", k).isCloseTo(expectedLogits[k], within(1e-4f));
        assertThat(probabilities[k]).as("probability %d", k)
            .isCloseTo(expectedProbabilities[k], within(1e-5f));
      }
      ScoresAndGradients sg = probability.scoresAndGradients(List.of(x), new int[] {target});
      assertThat(sg.scores()[0]).isCloseTo(expectedProbabilities[target], within(1e-5f));
      assertThat(relativeError(sg.gradients().get(0), floats(c.get("probabilityGradient"))))
          .as("‖g_java − g_torch‖ / ‖g_torch‖").isLessThan(1e-4);
    }
  }

  @Test
  void pointsAreIndependentOfTheirBatch() {
    float[] point = randomImage(42);
    int target = 3;
    ScoresAndGradients alone = probability.scoresAndGradients(List.of(point), new int[] {target});
    float[] outputsAlone = probability.outputs(List.of(point))[0];

    List<float[]> batch = new ArrayList<>();
    int[] targets = new int[7];
    for (int i = 0; i < 7; i++) {
      batch.add(i == 3 ? point : randomImage(100 + i));
      targets[i] = i == 3 ? target : i;
    }
    ScoresAndGradients inBatch = probability.scoresAndGradients(batch, targets);
    float[] outputsInBatch = probability.outputs(batch)[3];

    assertThat((double) inBatch.scores()[3])
        .isCloseTo(alone.scores()[0], within(1e-5 * Math.abs(alone.scores()[0])));
    assertThat(relativeError(inBatch.gradients().get(3), alone.gradients().get(0))).isLessThan(1e-5);
    assertThat(relativeError(outputsInBatch, outputsAlone)).isLessThan(1e-5);
  }

  @Test
  void repeatedCallsGiveTheSameGradients() {
    float[] x = randomImage(5);
    float[] first = probability.scoresAndGradients(List.of(x), new int[] {2}).gradients().get(0);
    float[] second = probability.scoresAndGradients(List.of(x), new int[] {2}).gradients().get(0);
    assertThat(second).as("no accumulation across calls").containsExactly(first);
    assertThat(second).as("fresh arrays").isNotSameAs(first);
  }

  @Test
  void scoresAgreeWithOutputsAndProbabilityIsSoftmaxOfLogits() {
    List<float[]> points = List.of(randomImage(7), randomImage(8));
    int[] targets = {1, 9};
    float[][] z = logit.outputs(points);
    float[][] p = probability.outputs(points);
    ScoresAndGradients sp = probability.scoresAndGradients(points, targets);
    ScoresAndGradients sz = logit.scoresAndGradients(points, targets);
    for (int i = 0; i < points.size(); i++) {
      float[] softmax = softmax(z[i]);
      for (int k = 0; k < K; k++) {
        assertThat(p[i][k]).isCloseTo(softmax[k], within(1e-6f));
      }
      assertThat(sp.scores()[i]).isCloseTo(p[i][targets[i]], within(1e-6f));
      assertThat(sz.scores()[i]).isCloseTo(z[i][targets[i]], within(1e-5f));
      assertThat(probability.scores(points, targets)[i]).isCloseTo(sp.scores()[i], within(1e-6f));
    }
  }

  @Test
  void probabilityGradientFollowsFromLogitGradients() {
    // ∇p_t = p_t (∇z_t − Σ_k p_k ∇z_k): the two outputs are the same network.
    float[] x = randomImage(9);
    int target = 4;
    List<float[]> copies = new ArrayList<>();
    int[] classes = new int[K];
    for (int k = 0; k < K; k++) {
      copies.add(x);
      classes[k] = k;
    }
    List<float[]> zGrads = logit.scoresAndGradients(copies, classes).gradients();
    float[] p = probability.outputs(List.of(x))[0];
    float[] expected = new float[SIZE];
    for (int j = 0; j < SIZE; j++) {
      double mix = 0;
      for (int k = 0; k < K; k++) {
        mix += p[k] * zGrads.get(k)[j];
      }
      expected[j] = (float) (p[target] * (zGrads.get(target)[j] - mix));
    }
    float[] g = probability.scoresAndGradients(List.of(x), new int[] {target}).gradients().get(0);
    assertThat(relativeError(g, expected)).isLessThan(1e-4);
    assertThat(norm(g)).isGreaterThan(0);
  }

  @Test
  void emptyBatchesGiveEmptyAnswers() {
    assertThat(probability.outputs(List.of())).isEmpty();
    assertThat(probability.scoresAndGradients(List.of(), new int[0]).scores()).isEmpty();
  }

  @Test
  void threadsComputeGradientsConcurrentlyAndBesideAGradientCollector() throws Exception {
    List<float[]> points = List.of(randomImage(21), randomImage(22), randomImage(23));
    int[] targets = {0, 5, 9};
    List<float[]> expected = probability.scoresAndGradients(points, targets).gradients();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    // Another part of the JVM holding DJL's one GradientCollector must not block or disturb us.
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      assertThat(collector).isNotNull();
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        futures.add(pool.submit(() -> {
          try (DjlModelFunction own = DjlModelFunction.load(Fixtures.tinyCnn())) {
            List<float[]> last = null;
            for (int rep = 0; rep < 10; rep++) {
              last = own.scoresAndGradients(points, targets).gradients();
            }
            return last;
          }
        }));
      }
      for (Future<List<float[]>> future : futures) {
        List<float[]> got = future.get();
        for (int i = 0; i < points.size(); i++) {
          assertThat(relativeError(got.get(i), expected.get(i))).isLessThan(1e-6);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  private static float[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      e[k] = Math.exp(z[k] - max);
      sum += e[k];
    }
    float[] out = new float[z.length];
    for (int k = 0; k < z.length; k++) {
      out[k] = (float) (e[k] / sum);
    }
    return out;
  }
}
