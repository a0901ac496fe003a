package org.igkit.models;

import org.igkit.api.model.ModelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ScoresAndGradients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user-style TorchScript model at 224×224 with ImageNet normalisation applied by igkit
 * ({@code fixtures/make_tiny_cnn_224.py}): outputs and input gradients agree with PyTorch's own.
 */
class TorchScript224Test {

  private static final int C = 3;
  private static final int H = 224;
  private static final int W = 224;

  private static DjlModelFunction model;
  private static JsonNode reference;

  @BeforeAll
  static void load() throws Exception {
    reference = new ObjectMapper().readTree(Fixtures.resource("tiny_cnn_224.json").toFile());
    List<Double> mean = doubles(reference.get("mean"));
    List<Double> std = doubles(reference.get("std"));
    model = DjlModelFunction.load(
        ModelSpec.torchScript(Fixtures.resource("tiny_cnn_224.pt").toString(), C, H, W).toBuilder().optNormalisation(mean, std).build());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  /** The reference input formula of make_tiny_cnn_224.py, in float64 rounded to float32. */
  private static float[] input(JsonNode c) {
    double a = c.get("a").asDouble();
    double b = c.get("b").asDouble();
    double d = c.get("d").asDouble();
    double phase = c.get("phase").asDouble();
    float[] x = new float[C * H * W];
    for (int ch = 0; ch < C; ch++) {
      for (int y = 0; y < H; y++) {
        for (int xx = 0; xx < W; xx++) {
          x[(ch * H + y) * W + xx] = (float) (0.5 + 0.45 * Math.sin(a * (ch + 1) + b * y + d * xx + phase));
        }
      }
    }
    return x;
  }

  @Test
  void thousandClassesAndTheTopClassesOfPyTorch() {
    assertThat(model.numClasses()).isEqualTo(1000);
    for (JsonNode c : reference.get("cases")) {
      float[] p = model.outputs(List.of(input(c)))[0];
      int[] top = Fixtures.largest(p, 5);
      for (int i = 0; i < 5; i++) {
        assertThat(top[i]).as("top-%d class", i + 1).isEqualTo(c.get("top5").get(i).asInt());
      }
      assertThat((double) p[c.get("target").asInt()]).isCloseTo(c.get("probability").asDouble(), within(1e-5));
    }
  }

  @Test
  void gradientsWithNormalisationInsideMatchPyTorchs() {
    for (JsonNode c : reference.get("cases")) {
      int target = c.get("target").asInt();
      ScoresAndGradients sg = model.scoresAndGradients(List.of(input(c)), new int[] {target});
      float[] g = sg.gradients().get(0);
      assertThat(g).hasSize(C * H * W);
      double sum = 0;
      for (float v : g) {
        sum += v;
      }
      double norm = Fixtures.norm(g);
      double refNorm = c.get("gradientNorm").asDouble();
      assertThat(norm).isCloseTo(refNorm, within(1e-4 * refNorm));
      assertThat(sum).isCloseTo(c.get("gradientSum").asDouble(), within(1e-4 * Math.abs(c.get("gradientSum").asDouble()) + 1e-7));
      c.get("gradientAt").fields().forEachRemaining(e -> assertThat((double) g[Integer.parseInt(e.getKey())])
          .as("gradient at %s", e.getKey())
          .isCloseTo(e.getValue().asDouble(), within(1e-3 * refNorm / 30)));
    }
  }
}
