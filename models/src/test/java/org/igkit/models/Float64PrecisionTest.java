package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@code precision: float64} on a DJL block: a convolution → ReLU → 2×2 max pooling → linear
 * network whose weights the test sets, against the same network computed in double by this test
 * (forward pass, softmax and the hand-derived backward pass), with non-trivial mean/std.
 */
class Float64PrecisionTest {

  static final int C = 2;
  static final int H = 4;
  static final int W = 4;
  static final int F = 3; // convolution filters, 3×3, padding 1
  static final int K = 3; // classes
  static final int SIZE = C * H * W;
  static final double[] MEAN = {0.4, 0.45};
  static final double[] STD = {0.3, 0.7};

  /** The network's parameters as float32 values (what a float32 block holds), read as doubles. */
  record Weights(double[] conv, double[] convBias, double[] linear, double[] linearBias) {

    static Weights seeded(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      return new Weights(draw(r, F * C * 9, 0.6), draw(r, F, 0.2), draw(r, K * F * 4, 0.8), draw(r, K, 0.3));
    }

    private static double[] draw(SplittableRandom r, int n, double scale) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (scale * (2 * r.nextDouble() - 1)); // float32-representable
      }
      return v;
    }
  }

  static ModelSpec spec(String precision) {
    return ModelSpec.builder().setPath("hand-set.params").setInputShape(C, H, W)
        .optNormalisation(List.of(MEAN[0], MEAN[1]), List.of(STD[0], STD[1]))
        .optPrecision(precision).build();
  }

  /** Builds the block in float32, sets the weights, and wraps it with {@code precision}. */
  static DjlModelFunction model(Weights w, String precision) {
    PyTorchRuntime.start(1, 1);
    SequentialBlock block = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(3, 3)).optPadding(
            new ai.djl.ndarray.types.Shape(1, 1)).setFilters(F).build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new ai.djl.ndarray.types.Shape(2, 2), new ai.djl.ndarray.types.Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(K).build());
    Model model = Model.newInstance("hand-set", PyTorchRuntime.ENGINE);
    model.setBlock(block);
    NDManager m = model.getNDManager();
    block.initialize(m, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, C, H, W));
    double[][] values = {w.conv(), w.convBias(), w.linear(), w.linearBias()};
    var parameters = block.getParameters();
    for (int i = 0; i < 4; i++) {
      float[] f = new float[values[i].length];
      for (int j = 0; j < f.length; j++) {
        f[j] = (float) values[i][j];
      }
      parameters.get(i).getValue().getArray().set(f);
    }
    return DjlModelFunction.wrap(spec(precision), model);
  }

  /** The network in double: logits, softmax, and the gradient of p_target with respect to x. */
  static final class Reference {
    final double[] probabilities = new double[K];
    final double[] gradient = new double[SIZE];

    Reference(Weights w, float[] x, int target) {
      double[] z = new double[SIZE];
      for (int c = 0; c < C; c++) {
        for (int i = 0; i < H * W; i++) {
          z[c * H * W + i] = (x[c * H * W + i] - MEAN[c]) / STD[c];
        }
      }
      double[] conv = new double[F * H * W];
      for (int f = 0; f < F; f++) {
        for (int y = 0; y < H; y++) {
          for (int xx = 0; xx < W; xx++) {
            double s = w.convBias()[f];
            for (int c = 0; c < C; c++) {
              for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                  int yy = y + dy;
                  int xc = xx + dx;
                  if (yy >= 0 && yy < H && xc >= 0 && xc < W) {
                    s += w.conv()[((f * C + c) * 3 + dy + 1) * 3 + dx + 1] * z[(c * H + yy) * W + xc];
                  }
                }
              }
            }
            conv[(f * H + y) * W + xx] = s;
          }
        }
      }
      // ReLU, then 2×2 max pooling; remember the winning position of each window
      int pooled = F * (H / 2) * (W / 2);
      double[] pool = new double[pooled];
      int[] argmax = new int[pooled];
      for (int f = 0; f < F; f++) {
        for (int py = 0; py < H / 2; py++) {
          for (int px = 0; px < W / 2; px++) {
            int o = (f * (H / 2) + py) * (W / 2) + px;
            pool[o] = Double.NEGATIVE_INFINITY;
            for (int dy = 0; dy < 2; dy++) {
              for (int dx = 0; dx < 2; dx++) {
                int i = (f * H + 2 * py + dy) * W + 2 * px + dx;
                double v = Math.max(0, conv[i]);
                if (v > pool[o]) {
                  pool[o] = v;
                  argmax[o] = i;
                }
              }
            }
          }
        }
      }
      double[] logits = new double[K];
      for (int k = 0; k < K; k++) {
        double s = w.linearBias()[k];
        for (int j = 0; j < pooled; j++) {
          s += w.linear()[k * pooled + j] * pool[j];
        }
        logits[k] = s;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logits) {
        max = Math.max(max, l);
      }
      double sum = 0;
      for (int k = 0; k < K; k++) {
        probabilities[k] = Math.exp(logits[k] - max);
        sum += probabilities[k];
      }
      for (int k = 0; k < K; k++) {
        probabilities[k] /= sum;
      }
      // backward: dp_t/dlogit_k = p_t (δ_tk − p_k)
      double[] dPool = new double[pooled];
      for (int k = 0; k < K; k++) {
        double dLogit = probabilities[target] * ((k == target ? 1 : 0) - probabilities[k]);
        for (int j = 0; j < pooled; j++) {
          dPool[j] += dLogit * w.linear()[k * pooled + j];
        }
      }
      double[] dConv = new double[F * H * W];
      for (int o = 0; o < pooled; o++) {
        if (conv[argmax[o]] > 0) {
          dConv[argmax[o]] += dPool[o];
        }
      }
      for (int f = 0; f < F; f++) {
        for (int y = 0; y < H; y++) {
          for (int xx = 0; xx < W; xx++) {
            double d = dConv[(f * H + y) * W + xx];
            for (int c = 0; c < C; c++) {
              for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                  int yy = y + dy;
                  int xc = xx + dx;
                  if (yy >= 0 && yy < H && xc >= 0 && xc < W) {
                    gradient[(c * H + yy) * W + xc] +=
                        d * w.conv()[((f * C + c) * 3 + dy + 1) * 3 + dx + 1] / STD[c];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  static float[] image(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }

  static double[] widen(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  static double maxRelativeError(double[] got, double[] want) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < want.length; i++) {
      scale = Math.max(scale, Math.abs(want[i]));
      diff = Math.max(diff, Math.abs(got[i] - want[i]));
    }
    return diff / scale;
  }

  @Test
  void float64ScoresAndGradientsEqualAnIndependentDoubleComputation() {
    Weights w = Weights.seeded(11);
    List<float[]> points = List.of(image(1), image(2), image(3), image(4));
    int[] targets = {0, 1, 2, 1};
    try (DjlModelFunction f = model(w, ModelSpec.FLOAT64)) {
      DoubleScoresAndGradients got =
          f.scoresAndGradientsInDouble(points.stream().map(Float64PrecisionTest::widen).toList(), targets);
      double[][] outputs = f.outputsInDouble(points.stream().map(Float64PrecisionTest::widen).toList());
      for (int i = 0; i < points.size(); i++) {
        Reference ref = new Reference(w, points.get(i), targets[i]);
        assertThat(Math.abs(got.scores()[i] - ref.probabilities[targets[i]])).isLessThan(1e-14);
        assertThat(maxRelativeError(outputs[i], ref.probabilities)).isLessThan(1e-13);
        assertThat(maxRelativeError(got.gradients().get(i), ref.gradient)).as("point %d", i).isLessThan(1e-12);
      }
    }
  }

  @Test
  void float64ModelFunctionReturnsTheDoubleResultsRoundedToFloat() {
    Weights w = Weights.seeded(12);
    List<float[]> points = List.of(image(5), image(6));
    int[] targets = {2, 0};
    try (DjlModelFunction f = model(w, ModelSpec.FLOAT64)) {
      ScoresAndGradients got = f.scoresAndGradients(points, targets);
      float[][] outputs = f.outputs(points);
      float[] scores = f.scores(points, targets);
      for (int i = 0; i < points.size(); i++) {
        Reference ref = new Reference(w, points.get(i), targets[i]);
        float p = (float) ref.probabilities[targets[i]];
        assertThat(got.scores()[i]).isCloseTo(p, org.assertj.core.data.Offset.offset(Math.ulp(p)));
        assertThat(scores[i]).isEqualTo(got.scores()[i]);
        assertThat(outputs[i][targets[i]]).isEqualTo(got.scores()[i]);
        float[] g = got.gradients().get(i);
        for (int j = 0; j < SIZE; j++) {
          float want = (float) ref.gradient[j];
          assertThat(Math.abs(g[j] - want)).as("gradient %d of point %d", j, i)
              .isLessThanOrEqualTo(Math.ulp(want));
        }
      }
    }
  }

  /** The control: in float32 the same network is off the double reference by float rounding. */
  @Test
  void float32ModelIsOffTheDoubleReferenceByFloatRounding() {
    Weights w = Weights.seeded(11);
    List<float[]> points = List.of(image(1), image(2), image(3), image(4));
    int[] targets = {0, 1, 2, 1};
    double worst = 0;
    try (DjlModelFunction f = model(w, ModelSpec.FLOAT32)) {
      ScoresAndGradients got = f.scoresAndGradients(points, targets);
      for (int i = 0; i < points.size(); i++) {
        Reference ref = new Reference(w, points.get(i), targets[i]);
        double err = maxRelativeError(widen(got.gradients().get(i)), ref.gradient);
        assertThat(err).isLessThan(1e-5);
        worst = Math.max(worst, err);
      }
    }
    assertThat(worst).isGreaterThan(1e-9);
  }

  @Test
  void doubleEntryPointsNeedFloat64() {
    try (DjlModelFunction f = model(Weights.seeded(1), ModelSpec.FLOAT32)) {
      assertThatThrownBy(() -> f.outputsInDouble(List.of(new double[SIZE])))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs precision: float64")
          .hasMessageContaining("float32");
    }
    try (DjlModelFunction f = model(Weights.seeded(1), ModelSpec.FLOAT64)) {
      assertThatThrownBy(() -> f.scoresAndGradientsInDouble(List.of(new double[SIZE - 1]), new int[] {0}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("point 0: must hold " + SIZE + " values");
    }
  }

  @Test
  void badPrecisionIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> spec("float16"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("precision: must be one of [float32, float64], was 'float16', did you mean 'float32'?");
    assertThat(spec(" Float64 ").precision()).isEqualTo(ModelSpec.FLOAT64);
    assertThat(spec(null).precision()).isEqualTo(ModelSpec.FLOAT32);
    assertThat(spec(null).computesInDouble()).isFalse();
    assertThat(spec(ModelSpec.FLOAT64).toBuilder().build().computesInDouble()).isTrue();
  }
}
