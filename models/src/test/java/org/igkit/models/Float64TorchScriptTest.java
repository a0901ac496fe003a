package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * Format {@code torchscript} with {@code precision: float64}: the fixture {@code tiny_cnn_f64.pt},
 * exported in double by {@code make_tiny_cnn_f64.py}, against the float64 values PyTorch computed
 * for it ({@code tiny_cnn_f64.json}); and the refusals when a file's type and the precision differ.
 */
class Float64TorchScriptTest {

  private static final int C = 3;
  private static final int H = 8;
  private static final int W = 8;

  private static ModelSpec spec(String fixture, String precision) {
    return ModelSpec.builder().setPath(Fixtures.resource(fixture).toString()).setInputShape(C, H, W)
        .optPrecision(precision).build();
  }

  /** The input formula of make_tiny_cnn_f64.py: float64 math rounded to float32. */
  private static float[] input(double a, double b, double d, double phase) {
    float[] x = new float[C * H * W];
    for (int c = 0; c < C; c++) {
      for (int y = 0; y < H; y++) {
        for (int xx = 0; xx < W; xx++) {
          x[(c * H + y) * W + xx] = (float) (0.5 + 0.45 * Math.sin(a * (c + 1) + b * y + d * xx + phase));
        }
      }
    }
    return x;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  @Test
  void doubleTorchScriptMatchesPyTorchsFloat64ValuesTo1e12() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(Fixtures.resource("tiny_cnn_f64.json").toFile());
    try (DjlModelFunction f = (DjlModelFunction) new TorchScriptFormat().load(spec("tiny_cnn_f64.pt", "float64"))) {
      for (JsonNode c : doc.get("cases")) {
        double[] x = Float64PrecisionTest.widen(
            input(c.get("a").asDouble(), c.get("b").asDouble(), c.get("d").asDouble(), c.get("phase").asDouble()));
        int target = c.get("target").asInt();
        DoubleScoresAndGradients got = f.scoresAndGradientsInDouble(List.of(x), new int[] {target});
        double[] probabilities = doubles(c.get("probabilities"));
        assertThat(Float64PrecisionTest.maxRelativeError(f.outputsInDouble(List.of(x))[0], probabilities))
            .isLessThan(1e-12);
        assertThat(Math.abs(got.scores()[0] - probabilities[target])).isLessThan(1e-13);
        assertThat(Float64PrecisionTest.maxRelativeError(got.gradients().get(0), doubles(c.get("probabilityGradient"))))
            .isLessThan(1e-12);
      }
    }
  }

  @Test
  void float64RefusesAFloat32FileNamingPrecisionAndHowToExport() {
    assertThatThrownBy(() -> DjlModelFunction.load(spec("tiny_cnn.pt", "float64").toBuilder().setInputShape(3, 32, 32).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("precision: is float64 but TorchScript model ")
        .hasMessageContaining("tiny_cnn.pt holds float32 parameters")
        .hasMessageContaining("model.double()");
  }

  @Test
  void float32RefusesADoubleFileNamingPrecision() {
    assertThatThrownBy(() -> DjlModelFunction.load(spec("tiny_cnn_f64.pt", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("precision: is float32 but TorchScript model ")
        .hasMessageContaining("holds float64 parameters; set precision: float64");
  }
}
